// The x-warroom triage extension: who works on a finding (claims) and what was decided
// (decisions), shared by every console on one server. Not part of the security-ir model.

#include "ServiceInternals.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace warroom::caseservice::detail {

namespace {

constexpr qint64 DefaultClaimSeconds = 4 * 3600;
constexpr qint64 MinClaimSeconds = 60;
constexpr qint64 MaxClaimSeconds = 24 * 3600;
constexpr int DefaultStatePage = 500;
constexpr int MaxStatePage = 1000;

// GuardDuty IDs (32 hex digits), Security Hub IDs (ARNs, or a provider's own text).
bool isFindingId(const QString &id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9:/._+=@-]{0,511}$"_s);
    return pattern.match(id).hasMatch();
}

bool isConsoleId(const QString &id)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"_s);
    return pattern.match(id).hasMatch();
}

bool isPlainText(const QString &text, int maxLength)
{
    if (text.trimmed().isEmpty() || text.size() > maxLength)
        return false;
    for (const QChar c : text)
        if (c.category() == QChar::Other_Control)
            return false;
    return true;
}

struct Request
{
    QString findingId;
    QString console;
    QString analyst;
    bool force = false;
};

Request readRequest(Input &in, const QJsonObject &input)
{
    Request r;
    r.findingId = in.requiredString(u"findingId"_s);
    if (input.value(u"findingId"_s).isString() && !isFindingId(r.findingId))
        in.fail(u"findingId"_s,
            u"Must be a GuardDuty or Security Hub finding ID: 1-512 characters, letters, digits "
            "and : / . _ + = @ -, starting with a letter or digit."_s);
    r.console = in.requiredString(u"console"_s);
    if (input.value(u"console"_s).isString() && !isConsoleId(r.console))
        in.fail(u"console"_s,
            u"Must be 1-64 characters, letters, digits and . _ : - (the console's workspace ID)."_s);
    r.analyst = in.requiredString(u"analyst"_s);
    if (input.value(u"analyst"_s).isString() && !isPlainText(r.analyst, 128))
        in.fail(u"analyst"_s, u"Must be 1-128 characters without control characters."_s);
    const QJsonValue force = input.value(u"force"_s);
    if (!force.isUndefined() && !force.isNull() && !force.isBool())
        in.fail(u"force"_s, u"Must be true or false."_s);
    r.force = force.toBool(false);
    return r;
}

struct Stored
{
    bool exists = false;
    QString console, analyst, principal;
    qint64 claimedMs = 0, expiresMs = 0;
    QString decision;
};

// The columns claim_console, claim_analyst, claim_principal, claimed_ms,
// claim_expires_ms, decision starting at `first`.
const QString StoredColumns = u"claim_console, claim_analyst, claim_principal, claimed_ms, "
                              "claim_expires_ms, decision"_s;
Stored storedFromRow(const Row &row, int first)
{
    Stored s;
    s.exists = true;
    s.console = row.at(first).toString();
    s.analyst = row.at(first + 1).toString();
    s.principal = row.at(first + 2).toString();
    s.claimedMs = row.at(first + 3).toLongLong();
    s.expiresMs = row.at(first + 4).toLongLong();
    s.decision = row.at(first + 5).toString();
    return s;
}

Stored load(Context &ctx, const QString &findingId)
{
    const auto row = ctx.selectOne(
        u"SELECT "_s + StoredColumns + u" FROM triage_findings WHERE finding_id = ?"_s,
        {findingId});
    return row ? storedFromRow(*row, 0) : Stored();
}

bool heldByOther(Context &ctx, const Stored &s, const QString &console)
{
    return !s.console.isEmpty() && s.expiresMs > ctx.nowMs() && s.console != console;
}

[[noreturn]] void refuseHeld(Context &ctx, const QString &findingId, const Stored &s)
{
    throwError(ServiceError::conflict(u"Finding "_s + findingId + u" is being worked by "_s
            + s.analyst + u" (console "_s + s.console + u") since "_s + isoTime(fromMs(s.claimedMs))
            + u"; send force: true to take it over."_s,
        findingId, u"finding"_s));
    Q_UNUSED(ctx);
}

void save(Context &ctx, const QString &findingId, const Stored &s)
{
    const qint64 sequence = ctx.nextSequence(u"triage"_s);
    // QSqlQuery binds a null QString as NULL; the text columns are NOT NULL.
    const auto text = [](const QString &value) {
        return value.isNull() ? u""_s : value;
    };
    const QVariantList values {sequence, text(s.console), text(s.analyst), text(s.principal),
        s.console.isEmpty() ? qint64(0) : s.claimedMs,
        s.console.isEmpty() ? qint64(0) : s.expiresMs, text(s.decision), findingId};
    if (ctx.exec(u"UPDATE triage_findings SET sequence = ?, claim_console = ?, claim_analyst = ?, "
                 "claim_principal = ?, claimed_ms = ?, claim_expires_ms = ?, decision = ? "
                 "WHERE finding_id = ?"_s,
            values)
        == 0)
        ctx.exec(u"INSERT INTO triage_findings (sequence, claim_console, claim_analyst, "
                 "claim_principal, claimed_ms, claim_expires_ms, decision, finding_id) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
            values);
    ctx.recordChange(u"triage"_s, findingId);
}

QJsonObject itemJson(qint64 nowMs, const QString &findingId, qint64 sequence, const Stored &s)
{
    QJsonObject item {{u"findingId"_s, findingId}, {u"sequence"_s, sequence}};
    if (!s.console.isEmpty() && s.expiresMs > nowMs)
        item.insert(u"claim"_s,
            QJsonObject {{u"console"_s, s.console}, {u"analyst"_s, s.analyst},
                {u"principal"_s, s.principal}, {u"claimedAt"_s, double(s.claimedMs) / 1000.0},
                {u"expiresAt"_s, double(s.expiresMs) / 1000.0}});
    if (!s.decision.isEmpty())
        item.insert(u"decision"_s, QJsonDocument::fromJson(s.decision.toUtf8()).object());
    return item;
}

QJsonObject stateOf(Context &ctx, const QString &findingId)
{
    const auto row = ctx.selectOne(
        u"SELECT sequence FROM triage_findings WHERE finding_id = ?"_s, {findingId});
    return itemJson(
        ctx.nowMs(), findingId, row ? row->at(0).toLongLong() : 0, load(ctx, findingId));
}

} // namespace

QJsonObject claimFinding(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const Request r = readRequest(in, input);
    const auto ttl = in.optionalInteger(u"ttlSeconds"_s);
    if (ttl && (*ttl < MinClaimSeconds || *ttl > MaxClaimSeconds))
        in.fail(u"ttlSeconds"_s, u"Must be between 60 and 86400."_s);
    in.throwIfFailed();
    Stored s = load(ctx, r.findingId);
    if (heldByOther(ctx, s, r.console) && !r.force)
        refuseHeld(ctx, r.findingId, s);
    const bool renewal
        = !s.console.isEmpty() && s.console == r.console && s.expiresMs > ctx.nowMs();
    s.console = r.console;
    s.analyst = r.analyst;
    s.principal = ctx.principalId();
    if (!renewal)
        s.claimedMs = ctx.nowMs();
    s.expiresMs = ctx.nowMs() + 1000 * ttl.value_or(DefaultClaimSeconds);
    save(ctx, r.findingId, s);
    return stateOf(ctx, r.findingId);
}

QJsonObject releaseFinding(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const Request r = readRequest(in, input);
    in.throwIfFailed();
    Stored s = load(ctx, r.findingId);
    if (heldByOther(ctx, s, r.console) && !r.force)
        refuseHeld(ctx, r.findingId, s);
    if (!s.console.isEmpty()) {
        s.console.clear();
        s.analyst.clear();
        s.principal.clear();
        save(ctx, r.findingId, s);
    }
    return stateOf(ctx, r.findingId);
}

QJsonObject putTriageDecision(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const Request r = readRequest(in, input);
    const QString verdict = in.requiredString(u"verdict"_s);
    if (!verdict.isEmpty() && verdict != u"Queued"_s && verdict != u"Suppressed"_s
        && verdict != u"Escalated"_s)
        in.failEnum(u"verdict"_s, verdict, {u"Queued"_s, u"Suppressed"_s, u"Escalated"_s});
    const QString reason = in.optionalString(u"reason"_s).value_or(QString());
    if (!reason.isEmpty() && !isPlainText(reason, 64))
        in.fail(u"reason"_s, u"Must be at most 64 characters without control characters."_s);
    const QString caseId = in.optionalString(u"caseId"_s).value_or(QString());
    static const QRegularExpression caseIdPattern(u"^\\d{10}$"_s);
    if (!caseId.isEmpty() && !caseIdPattern.match(caseId).hasMatch())
        in.fail(u"caseId"_s, u"Must be a case ID of 10 digits."_s);
    const QString assignee = in.optionalString(u"assignee"_s).value_or(QString());
    if (!assignee.isEmpty() && !isPlainText(assignee, 128))
        in.fail(u"assignee"_s, u"Must be at most 128 characters without control characters."_s);
    const QJsonValue release = input.value(u"releaseClaim"_s);
    if (!release.isUndefined() && !release.isNull() && !release.isBool())
        in.fail(u"releaseClaim"_s, u"Must be true or false."_s);
    in.throwIfFailed();

    Stored s = load(ctx, r.findingId);
    if (heldByOther(ctx, s, r.console) && !r.force)
        refuseHeld(ctx, r.findingId, s);
    QJsonObject decision {{u"verdict"_s, verdict}, {u"analyst"_s, r.analyst},
        {u"console"_s, r.console}, {u"principal"_s, ctx.principalId()},
        {u"decidedAt"_s, double(ctx.nowMs()) / 1000.0}};
    if (!reason.isEmpty())
        decision.insert(u"reason"_s, reason);
    if (!caseId.isEmpty())
        decision.insert(u"caseId"_s, caseId);
    if (!assignee.isEmpty())
        decision.insert(u"assignee"_s, assignee);
    s.decision = QString::fromUtf8(QJsonDocument(decision).toJson(QJsonDocument::Compact));
    if (release.toBool(true) && (s.console == r.console || heldByOther(ctx, s, r.console))) {
        s.console.clear(); // the work is done: the finding is free again
        s.analyst.clear();
        s.principal.clear();
    }
    save(ctx, r.findingId, s);
    return stateOf(ctx, r.findingId);
}

QJsonObject listTriageState(Context &ctx, const QJsonObject &input)
{
    Input in(input);
    const qint64 after = in.optionalInteger(u"after"_s).value_or(0);
    if (after < 0)
        in.fail(u"after"_s, u"Must be a non-negative integer."_s);
    const qint64 limit = in.optionalInteger(u"maxResults"_s).value_or(DefaultStatePage);
    if (limit < 1 || limit > MaxStatePage)
        in.fail(u"maxResults"_s, u"Must be between 1 and 1000."_s);
    in.throwIfFailed();
    const Rows rows = ctx.select(u"SELECT finding_id, sequence, "_s + StoredColumns
            + u" FROM triage_findings WHERE sequence > ? ORDER BY sequence LIMIT ?"_s,
        {after, limit});
    QJsonArray items;
    for (const Row &row : rows)
        items.append(itemJson(
            ctx.nowMs(), row.at(0).toString(), row.at(1).toLongLong(), storedFromRow(row, 2)));
    const auto latest = ctx.selectOne(u"SELECT value FROM sequences WHERE name = 'triage'"_s);
    return {{u"items"_s, items}, {u"latest"_s, latest ? latest->at(0).toLongLong() : 0}};
}

} // namespace warroom::caseservice::detail

#include "TriageShare.h"

#include "SyncEngine.h"

#include "store/Database.h"
#include "store/SettingsRepository.h"
#include "store/Workspace.h"
#include "timeline/TimelineChain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

constexpr int StatePage = 500;
constexpr int RenewalCheckMs = 60 * 1000;
constexpr int DefaultRefreshMs = 3000;
const QString CursorKey = u"triage.sharedCursor"_s;

QDateTime fromEpoch(const QJsonValue &value)
{
    return value.isDouble()
        ? QDateTime::fromMSecsSinceEpoch(qRound64(value.toDouble() * 1000.0), Qt::UTC)
        : QDateTime();
}

bool exec(QSqlQuery &query, QString *error)
{
    if (query.exec())
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

// "analyst:alice" -> ("analyst", "alice"); an engine rule -> ("engine", "").
std::pair<QString, QString> splitRule(const QString &rule)
{
    const qsizetype colon = rule.indexOf(u':');
    if (colon > 0 && (rule.startsWith(u"analyst:"_s) || rule.startsWith(u"false-positive:"_s)))
        return {rule.left(colon), rule.mid(colon + 1)};
    return {u"engine"_s, QString()};
}

// QSqlQuery binds a null QString as NULL; the text columns are NOT NULL.
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

bool isBackendCaseId(const QString &id)
{
    static const QRegularExpression pattern(u"^\\d{10}$"_s);
    return pattern.match(id).hasMatch();
}

} // namespace

TriageShare::TriageShare(SyncEngine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    if (engine.backend().inProcess())
        m_mode = Mode::LocalOnly;
    else if (engine.backend().hasChangeFeed())
        m_mode = Mode::Shared;
    else
        m_mode = Mode::Unavailable;
    store::Database &database = engine.workspace().database();
    QString error;
    database.write(
        [this](QSqlDatabase &c, QString *e) {
            m_console = timeline::TimelineChain::workspaceId(c, true, e);
            return !m_console.isEmpty();
        },
        &error);
    m_cursor
        = store::SettingsRepository::read(database, CursorKey).value_or(QString()).toLongLong();
    m_timer.setInterval(DefaultRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &TriageShare::refresh);
    m_renewalTimer.setInterval(RenewalCheckMs);
    connect(&m_renewalTimer, &QTimer::timeout, this, [this] {
        QString error;
        if (renewClaims(&error) < 0)
            qWarning("sync: claims not renewed: %s", qPrintable(error));
    });
    connect(&engine, &SyncEngine::triageChanged, this, &TriageShare::refresh);
    connect(&engine, &SyncEngine::triageAnswered, this, &TriageShare::onAnswered);
}

TriageShare::~TriageShare() = default;

QString TriageShare::describe() const
{
    switch (m_mode) {
    case Mode::Shared:
        return tr("Triage shared through %1").arg(m_engine.backend().describe());
    case Mode::LocalOnly:
        return tr("Triage decisions stay on this console (embedded backend)");
    case Mode::Unavailable:
        return tr("Shared triage is not available on AWS (it needs a warroom-server backend)");
    }
    return {};
}

void TriageShare::start()
{
    if (m_mode != Mode::Shared)
        return;
    m_running = true;
    m_timer.start();
    m_renewalTimer.start();
    refresh();
}

void TriageShare::stop()
{
    m_running = false;
    ++m_generation;
    m_fetching = false;
    m_timer.stop();
    m_renewalTimer.stop();
}

store::OutboxEntry TriageShare::entryFor(const QString &operation, const QString &findingId,
    const QJsonObject &members, const QString &caseGroup) const
{
    store::OutboxEntry entry;
    entry.caseId = caseGroup.isEmpty() ? SyncEngine::triageGroup() : caseGroup;
    entry.operation = operation;
    entry.payload = members;
    entry.payload.insert(u"findingId"_s, findingId);
    entry.payload.insert(u"console"_s, m_console);
    if (!entry.payload.contains(u"analyst"_s))
        entry.payload.insert(u"analyst"_s, m_analyst);
    if (m_force)
        entry.payload.insert(u"force"_s, true);
    return entry;
}

bool TriageShare::queueChanges(QSqlDatabase &connection, const QList<FindingState> &before,
    const QList<FindingState> &after, QString *error)
{
    if (m_mode != Mode::Shared)
        return true;
    QHash<QString, FindingState> earlier;
    for (const FindingState &state : before)
        earlier.insert(state.id, state);
    store::OutboxRepository outbox(connection);
    bool queued = false;
    for (const FindingState &now : after) {
        const FindingState was = earlier.value(now.id);
        if (was.assignee != now.assignee) {
            const store::OutboxEntry entry = now.assignee.isEmpty()
                ? entryFor(u"XWarroomReleaseFinding"_s, now.id, {}, {})
                : entryFor(u"XWarroomClaimFinding"_s, now.id, {{u"analyst"_s, now.assignee}}, {});
            if (outbox.enqueue(entry, error) == 0)
                return false;
            queued = true;
        }
        if (was.verdict != now.verdict || was.verdictRule != now.verdictRule
            || was.caseId != now.caseId) {
            const auto [reason, who] = splitRule(now.verdictRule);
            QJsonObject members {
                {u"verdict"_s,
                    now.verdict == u"Suppressed"_s || now.verdict == u"Escalated"_s ? now.verdict
                                                                                    : u"Queued"_s},
                {u"reason"_s, reason}, {u"releaseClaim"_s, now.assignee.isEmpty()}};
            if (!who.isEmpty())
                members.insert(u"analyst"_s, who);
            if (!now.assignee.isEmpty())
                members.insert(u"assignee"_s, now.assignee);
            QString group;
            if (isBackendCaseId(now.caseId)) {
                members.insert(u"caseId"_s, now.caseId);
            } else if (!now.caseId.isEmpty()) {
                // A case without its backend ID yet: the decision waits behind its
                // CreateCase and takes the real ID with the rest of the case's changes.
                members.insert(u"caseId"_s, now.caseId);
                group = now.caseId;
            }
            if (outbox.enqueue(
                    entryFor(u"XWarroomPutTriageDecision"_s, now.id, members, group), error)
                == 0)
                return false;
            queued = true;
        }
    }
    if (queued) // after the caller's commit: the sender reads committed entries
        QTimer::singleShot(0, this, [this] { m_engine.changes().notifyOutboxChanged(); });
    return true;
}

std::optional<TriageClaim> TriageShare::claimByOther(const QString &findingId) const
{
    QSqlQuery query(m_engine.workspace().database().reader());
    query.prepare(u"SELECT claim_console, claim_analyst, claim_principal, claimed_at, "
                  u"claim_expires_at FROM triage_shared WHERE finding_id = ? AND "
                  u"claim_console <> '' AND claim_console <> ? AND claim_expires_at > ?"_s);
    query.addBindValue(findingId);
    query.addBindValue(m_console);
    query.addBindValue(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
    if (!query.exec() || !query.next())
        return std::nullopt;
    TriageClaim claim;
    claim.findingId = findingId;
    claim.console = query.value(0).toString();
    claim.analyst = query.value(1).toString();
    claim.principal = query.value(2).toString();
    claim.claimedAt = fromEpoch(query.value(3).toDouble());
    claim.expiresAt = fromEpoch(query.value(4).toDouble());
    return claim;
}

int TriageShare::renewClaims(QString *error)
{
    if (m_mode != Mode::Shared)
        return 0;
    const double renewBefore
        = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0 + m_renewalWindowSeconds;
    int queued = 0;
    const bool ok = m_engine.workspace().database().write(
        [&](QSqlDatabase &c, QString *e) {
            QSqlQuery due(c);
            due.prepare(u"SELECT f.id, f.assignee FROM triage_shared t JOIN findings f ON f.id = "
                        u"t.finding_id WHERE t.claim_console = ? AND t.claim_expires_at <= ? "
                        u"AND f.assignee <> '' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE "
                        u"o.state = 'pending' AND o.operation = 'XWarroomClaimFinding' AND "
                        u"json_extract(o.payload, '$.findingId') = f.id)"_s);
            due.addBindValue(m_console);
            due.addBindValue(renewBefore);
            if (!exec(due, e))
                return false;
            store::OutboxRepository outbox(c);
            while (due.next()) {
                const store::OutboxEntry entry = entryFor(u"XWarroomClaimFinding"_s,
                    due.value(0).toString(), {{u"analyst"_s, due.value(1).toString()}}, {});
                if (outbox.enqueue(entry, e) == 0)
                    return false;
                ++queued;
            }
            return true;
        },
        error);
    if (!ok)
        return -1;
    if (queued > 0)
        m_engine.changes().notifyOutboxChanged();
    return queued;
}

QHash<QString, QString> TriageShare::workedByOthers() const
{
    QHash<QString, QString> workedBy;
    QSqlQuery query(m_engine.workspace().database().reader());
    query.prepare(u"SELECT finding_id, claim_analyst FROM triage_shared WHERE claim_console <> '' "
                  u"AND claim_console <> ? AND claim_expires_at > ?"_s);
    query.addBindValue(m_console);
    query.addBindValue(double(QDateTime::currentMSecsSinceEpoch()) / 1000.0);
    if (query.exec())
        while (query.next())
            workedBy.insert(query.value(0).toString(), query.value(1).toString());
    return workedBy;
}

void TriageShare::refresh()
{
    if (m_mode != Mode::Shared || !m_running)
        return;
    if (m_fetching) {
        m_fetchAgain = true;
        return;
    }
    fetch();
}

void TriageShare::fetch()
{
    m_fetching = true;
    m_fetchAgain = false;
    const quint64 generation = m_generation;
    QPointer<TriageShare> self(this);
    m_engine.backend().call(u"XWarroomListTriageState"_s,
        {{u"after"_s, m_cursor}, {u"maxResults"_s, StatePage}},
        [self, generation](const BackendResult &result) {
            if (!self || self->m_generation != generation)
                return;
            self->m_fetching = false;
            if (!result.ok()) // offline or refused: the timer asks again
                return;
            const QJsonArray items = result.output.value(u"items"_s).toArray();
            QStringList changed;
            QString error;
            if (!self->storeItems(items, &changed, &error)) {
                qWarning("sync: shared triage state not stored: %s", qPrintable(error));
                return;
            }
            if (!changed.isEmpty())
                emit self->stateChanged(changed);
            if (items.size() >= StatePage || self->m_fetchAgain)
                self->fetch();
        });
}

bool TriageShare::storeItems(
    const QJsonArray &items, QStringList *changed, QString *error, bool moveCursor)
{
    if (items.isEmpty())
        return true;
    qint64 cursor = m_cursor;
    const bool ok = m_engine.workspace().database().write(
        [&](QSqlDatabase &c, QString *e) {
            QSqlQuery known(c);
            known.prepare(u"SELECT sequence FROM triage_shared WHERE finding_id = ?"_s);
            QSqlQuery upsert(c);
            upsert.prepare(u"INSERT INTO triage_shared (finding_id, sequence, claim_console, "
                           u"claim_analyst, claim_principal, claimed_at, claim_expires_at, "
                           u"decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (finding_id) "
                           u"DO UPDATE SET sequence = excluded.sequence, claim_console = "
                           u"excluded.claim_console, claim_analyst = excluded.claim_analyst, "
                           u"claim_principal = excluded.claim_principal, claimed_at = "
                           u"excluded.claimed_at, claim_expires_at = excluded.claim_expires_at, "
                           u"decision = excluded.decision"_s);
            // A local change of the finding that waits for the server wins until it is sent.
            QSqlQuery waiting(c);
            waiting.prepare(u"SELECT 1 FROM outbox WHERE state <> 'sent' AND operation LIKE "
                            u"'XWarroom%' AND json_extract(payload, '$.findingId') = ? LIMIT 1"_s);
            QSqlQuery apply(c);
            apply.prepare(u"UPDATE findings SET verdict = ?, verdict_rule = ?, case_id = "
                          u"COALESCE(?, case_id), assignee = ? WHERE id = ?"_s);
            for (const QJsonValue &value : items) {
                const QJsonObject item = value.toObject();
                const QString id = item.value(u"findingId"_s).toString();
                const qint64 sequence = item.value(u"sequence"_s).toInteger();
                if (id.isEmpty())
                    continue;
                if (moveCursor)
                    cursor = std::max(cursor, sequence);
                known.addBindValue(id);
                if (!exec(known, e))
                    return false;
                const bool newer = !known.next() || known.value(0).toLongLong() <= sequence;
                known.finish();
                if (!newer)
                    continue;
                const QJsonObject claim = item.value(u"claim"_s).toObject();
                const QJsonObject decision = item.value(u"decision"_s).toObject();
                upsert.addBindValue(id);
                upsert.addBindValue(sequence);
                upsert.addBindValue(text(claim.value(u"console"_s).toString()));
                upsert.addBindValue(text(claim.value(u"analyst"_s).toString()));
                upsert.addBindValue(text(claim.value(u"principal"_s).toString()));
                upsert.addBindValue(claim.value(u"claimedAt"_s).toDouble());
                upsert.addBindValue(claim.value(u"expiresAt"_s).toDouble());
                upsert.addBindValue(decision.isEmpty()
                        ? u""_s
                        : QString::fromUtf8(
                            QJsonDocument(decision).toJson(QJsonDocument::Compact)));
                if (!exec(upsert, e))
                    return false;
                changed->append(id);
                if (decision.isEmpty() || decision.value(u"console"_s).toString() == m_console)
                    continue;
                waiting.addBindValue(id);
                if (!exec(waiting, e))
                    return false;
                const bool localWaits = waiting.next();
                waiting.finish();
                if (localWaits)
                    continue;
                const QString caseId = decision.value(u"caseId"_s).toString();
                apply.addBindValue(text(decision.value(u"verdict"_s).toString()));
                apply.addBindValue(QString(decision.value(u"reason"_s).toString() + u':'
                    + decision.value(u"analyst"_s).toString()));
                apply.addBindValue(
                    caseId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(caseId));
                apply.addBindValue(text(decision.value(u"assignee"_s).toString()));
                apply.addBindValue(id);
                if (!exec(apply, e))
                    return false;
            }
            return store::SettingsRepository(c).setValue(CursorKey, QString::number(cursor), e);
        },
        error);
    if (ok)
        m_cursor = cursor;
    return ok;
}

void TriageShare::onAnswered(const store::OutboxEntry &entry, const BackendResult &result)
{
    const QString findingId = entry.payload.value(u"findingId"_s).toString();
    if (result.ok()) {
        QStringList changed;
        QString error;
        // The answer is the finding's state; the cursor moves with the next fetch.
        if (storeItems({result.output}, &changed, &error, false) && !changed.isEmpty())
            emit stateChanged(changed);
        return;
    }
    // Another console holds the finding: a lost claim gives up the local assignment, so
    // this console shows the holder like every other one.
    if (entry.operation == u"XWarroomClaimFinding"_s) {
        QString error;
        m_engine.workspace().database().write(
            [&](QSqlDatabase &c, QString *e) {
                QSqlQuery clear(c);
                clear.prepare(u"UPDATE findings SET assignee = '' WHERE id = ? AND assignee = ?"_s);
                clear.addBindValue(findingId);
                clear.addBindValue(entry.payload.value(u"analyst"_s).toString());
                return exec(clear, e);
            },
            &error);
    }
    emit refused(findingId, result.error->message);
    emit stateChanged({findingId});
    refresh();
}

} // namespace warroom::sync

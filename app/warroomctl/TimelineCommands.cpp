// warroomctl timeline ...: a case's timeline in the local workspace: show (and verify)
// it, add an analyst's entry, post the chain head (both queued for the workspace's
// backend like any local change: `warroomctl sync` or the app sends them), export it
// as CSV, and verify an exported CSV on its own.

#include "WarroomCtl.h"

#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/SyncEngine.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineCollector.h"
#include "timeline/TimelineMarkers.h"

#include <QFile>
#include <QJsonArray>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace warroom::ctl {

namespace {

using Arity = OptionSpec::Arity;

const OptionSpec CaseIdOption {
    u"case-id"_s, Arity::Single, true, u"The case (or the first word)"_s};

void fail(CommandContext &ctx, int exitCode, const QString &message)
{
    std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(message));
    ctx.finish(exitCode);
}

QJsonObject verificationJson(const timeline::ChainVerification &v)
{
    return {{u"Verified"_s, v.ok}, {u"Entries"_s, v.entries}, {u"Head"_s, v.head},
        {u"FirstBadSeq"_s, v.firstBadSeq}, {u"Problem"_s, v.problem}};
}

QString isoOrEmpty(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

void runShow(CommandContext &ctx)
{
    auto workspace = openWorkspace(ctx);
    if (!workspace)
        return;
    const QString caseId = ctx.value(u"case-id"_s);
    QString error;
    if (!workspace->database().write(
            [&](QSqlDatabase &c, QString *e) {
                return timeline::TimelineCollector(c).collect(caseId, e) >= 0;
            },
            &error))
        return fail(ctx, ExitUsage, error);
    const timeline::TimelineChain chain(workspace->database());
    QJsonArray items;
    for (const timeline::TimelineEntry &entry : chain.entries(caseId, &error))
        items.append(QJsonObject {{u"Seq"_s, entry.seq}, {u"Kind"_s, entry.kind},
            {u"OccurredAt"_s, isoOrEmpty(entry.occurredAt)},
            {u"RecordedAt"_s, isoOrEmpty(entry.recordedAt)}, {u"Payload"_s, entry.payload},
            {u"Hash"_s, entry.hash}});
    QJsonObject result = verificationJson(chain.verify(caseId));
    result.insert(u"CaseId"_s, caseId);
    result.insert(u"Items"_s, items);
    workspace->database().releaseThreadConnections();
    ctx.succeed(result);
}

// A local change through the workspace's sync engine (not started: it is only queued).
void runLocalChange(CommandContext &ctx,
    const std::function<QString(sync::LocalChanges &, const QString &caseId, QString *)> &change)
{
    auto workspace = openWorkspace(ctx);
    if (!workspace)
        return;
    QString error;
    auto engine = sync::createSyncEngine(*workspace, &error);
    if (!engine)
        return fail(ctx, ExitTransportError, error);
    const QString caseId = ctx.value(u"case-id"_s);
    const QString commentId = change(engine->changes(), caseId, &error);
    const qint64 pending = engine->pendingCount();
    engine.reset();
    workspace->database().releaseThreadConnections();
    if (commentId.isEmpty())
        return fail(ctx, ExitUsage, error);
    ctx.succeed({{u"CaseId"_s, caseId}, {u"CommentId"_s, commentId}, {u"Pending"_s, pending}});
}

void runAdd(CommandContext &ctx)
{
    timeline::AnalystNote note;
    note.text = ctx.value(u"text"_s);
    if (ctx.has(u"at"_s)) {
        const QDateTime at = QDateTime::fromString(ctx.value(u"at"_s), Qt::ISODateWithMs);
        if (!at.isValid()) {
            ctx.usageError(
                u"argument --at: not an ISO 8601 time (\"2026-11-02T02:13:00+01:00\")"_s);
            return;
        }
        note.occurredOffset = at.offsetFromUtc();
        note.occurredAt = at.toUTC();
    }
    runLocalChange(ctx, [note](sync::LocalChanges &changes, const QString &caseId, QString *e) {
        return changes.addTimelineEntry(caseId, note, e);
    });
}

void runPostHead(CommandContext &ctx)
{
    runLocalChange(ctx, [](sync::LocalChanges &changes, const QString &caseId, QString *e) {
        return changes.postChainHead(caseId, e);
    });
}

void runExport(CommandContext &ctx)
{
    auto workspace = openWorkspace(ctx);
    if (!workspace)
        return;
    const QString caseId = ctx.value(u"case-id"_s);
    QString error;
    const QList<timeline::TimelineEntry> entries
        = timeline::TimelineChain(workspace->database()).entries(caseId, &error);
    workspace->database().releaseThreadConnections();
    if (!error.isEmpty())
        return fail(ctx, ExitUsage, error);
    QFile file(ctx.value(u"out"_s));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(timeline::TimelineChain::toCsv(entries)) < 0 || !file.flush())
        return fail(ctx, ExitUsage,
            u"%1 cannot be written: %2"_s.arg(ctx.value(u"out"_s), file.errorString()));
    ctx.succeed(
        {{u"CaseId"_s, caseId}, {u"Entries"_s, entries.size()}, {u"Out"_s, ctx.value(u"out"_s)}});
}

void runVerifyCsv(CommandContext &ctx)
{
    QFile file(ctx.value(u"file"_s));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ctx, ExitUsage,
            u"%1 cannot be read: %2"_s.arg(ctx.value(u"file"_s), file.errorString()));
    QString error;
    const QList<timeline::TimelineEntry> entries
        = timeline::TimelineChain::fromCsv(file.readAll(), &error);
    if (!error.isEmpty())
        return fail(ctx, ExitUsage, error);
    const timeline::ChainVerification verification
        = timeline::TimelineChain::verifyEntries(entries);
    if (!verification.ok)
        return fail(ctx, ExitServiceError, verification.problem);
    ctx.succeed(verificationJson(verification));
}

} // namespace

void addTimelineCommands(WarroomCtl &ctl)
{
    const QString group = u"timeline"_s;
    ctl.addCommand(
        {group, u"show"_s, u"A case's timeline in the workspace (brought up to date), verified"_s,
            {CaseIdOption, WorkspaceOption}, false, runShow});
    ctl.addCommand(
        {group, u"add"_s, u"Add an analyst's entry (a marked comment, queued for the backend)"_s,
            {CaseIdOption, {u"text"_s, Arity::Single, true, u"What happened"_s},
                {u"at"_s, Arity::Single, false, u"When, ISO 8601 with offset"_s}, WorkspaceOption},
            false, runAdd});
    ctl.addCommand({group, u"post-head"_s,
        u"Post the verified chain head to the case as a comment (queued for the backend)"_s,
        {CaseIdOption, WorkspaceOption}, false, runPostHead});
    ctl.addCommand({group, u"export"_s, u"The case's timeline as CSV (lossless)"_s,
        {CaseIdOption, {u"out"_s, Arity::Single, true, u"The CSV file to write"_s},
            WorkspaceOption},
        false, runExport});
    ctl.addCommand({group, u"verify-csv"_s,
        u"Verify the hash chain of an exported timeline CSV (exit 2 when it does not)"_s,
        {{u"file"_s, Arity::Single, true, u"The CSV file"_s}}, false, runVerifyCsv});
    for (const QString &name : {u"show"_s, u"add"_s, u"post-head"_s, u"export"_s})
        ctl.setPositionalOption(group, name, u"case-id"_s);
}

} // namespace warroom::ctl

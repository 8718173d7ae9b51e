// warroomctl findings import: the same import as the console's (parse, triage with the
// workspace's rules, store in batches), for scripts and SOAR glue. No AWS credentials.

#include "WarroomCtl.h"

#include "ingest/FindingImporter.h"
#include "ingest/StoredTriage.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QFileInfo>
#include <QJsonArray>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace warroom::ctl {

namespace {

constexpr int MaxIssuesShown = 100;

void importFindings(CommandContext &ctx)
{
    const QString path = ctx.value(u"file"_s);
    if (!QFileInfo(path).isFile()) {
        ctx.usageError(u"argument --file: no such file: %1"_s.arg(path));
        return;
    }
    const QString directory = ctx.has(u"workspace"_s) ? ctx.value(u"workspace"_s)
                                                      : store::Workspace::defaultDirectory();
    const auto fail = [&ctx](const QString &message) {
        std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(message));
        ctx.finish(ExitServiceError);
    };
    QString error;
    auto workspace = store::Workspace::open(directory, &error);
    if (!workspace)
        return fail(error);
    auto engine = ingest::triageEngineFromStore(workspace->database(), &error);
    if (!engine)
        return fail(error);
    ingest::FindingImporter importer(workspace->database(), *engine);
    if (!importer.primeEngineFromStore(&error))
        return fail(error);
    const ingest::ImportResult result = importer.importFile(path);
    workspace->database().releaseThreadConnections();

    QJsonArray skipped;
    for (const auto &issue : result.issues) {
        if (skipped.size() >= MaxIssuesShown)
            break;
        skipped.append(QJsonObject {{u"Position"_s, issue.position}, {u"Reason"_s, issue.reason}});
    }
    QJsonObject verdicts;
    for (auto it = result.verdicts.cbegin(); it != result.verdicts.cend(); ++it)
        verdicts.insert(domain::toString(it.key()), it.value());
    if (!result.ok())
        return fail(u"import stopped after %1 findings: %2"_s.arg(result.stored).arg(result.error));
    ctx.succeed(QJsonObject {{u"Workspace"_s, workspace->directory()}, {u"Stored"_s, result.stored},
        {u"SkippedCount"_s, result.issues.size()}, {u"Skipped"_s, skipped},
        {u"Verdicts"_s, verdicts}});
}

} // namespace

void addFindingCommands(WarroomCtl &ctl)
{
    ctl.addCommand({u"findings"_s, u"import"_s,
        u"Import a findings file (GuardDuty, Security Hub ASFF, EventBridge, JSON Lines) into "
        u"a workspace, triaged by its rules"_s,
        {{u"file"_s, OptionSpec::Arity::Single, true, u"The findings file"_s},
            {u"workspace"_s, OptionSpec::Arity::Single, false,
                u"Workspace folder (default: the app's default workspace)"_s}},
        false, importFindings});
}

} // namespace warroom::ctl

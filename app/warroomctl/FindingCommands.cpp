// warroomctl findings import: the same import as the console's (parse, triage with the
// workspace's rules, store in batches), for scripts and SOAR glue. No AWS credentials.
// warroomctl findings pull: one Security Hub pull into the workspace, the same as the
// console's "Pull now" (the workspace's pull settings, its high-water mark).

#include "WarroomCtl.h"

#include "ingest/FindingImporter.h"
#include "ingest/SecurityHubPuller.h"
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

void pullFindings(CommandContext &ctx)
{
    const QString directory = ctx.has(u"workspace"_s) ? ctx.value(u"workspace"_s)
                                                      : store::Workspace::defaultDirectory();
    QString error;
    auto workspace = store::Workspace::open(directory, &error);
    if (!workspace) {
        std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(error));
        ctx.finish(ExitServiceError);
        return;
    }
    store::Database &database = workspace->database();
    ingest::SecurityHubPullSettings settings = ingest::SecurityHubPullSettings::load(database);
    // The command line's endpoint and Region (or the profile's) win over the workspace's.
    const aws::AwsClientConfig config = ctx.clientConfig();
    if (!config.region.isEmpty())
        settings.region = config.region;
    if (!config.endpointUrl.isEmpty())
        settings.endpointUrl = config.endpointUrl;
    if (ctx.has(u"all"_s)
        && !ingest::SecurityHubPullSettings::setHighWaterMark(database, QDateTime(), &error)) {
        std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(error));
        ctx.finish(ExitServiceError);
        return;
    }
    auto *puller = new ingest::SecurityHubPuller(database);
    puller->setSettings(settings);
    puller->setCredentials(ctx.http()->credentials());
    if (ctx.has(u"max-pages"_s))
        puller->setMaxPages(ctx.value(u"max-pages"_s).toInt());
    // The workspace and the puller live until the pull ends.
    QObject::connect(puller, &ingest::SecurityHubPuller::pullFinished, puller,
        [&ctx, puller, workspace = std::shared_ptr<store::Workspace>(std::move(workspace))](
            const ingest::SecurityHubPullResult &result) {
            QJsonObject json = result.toJson();
            json.insert(u"Workspace"_s, workspace->directory());
            puller->deleteLater();
            if (result.ok()) {
                ctx.succeed(json);
                return;
            }
            std::fprintf(
                stderr, "\nwarroomctl: Security Hub pull stopped: %s\n", qPrintable(result.error));
            ctx.finish(result.transport ? ExitTransportError : ExitServiceError);
        });
    puller->pullNow();
}

} // namespace

void addFindingCommands(WarroomCtl &ctl)
{
    ctl.addCommand({u"findings"_s, u"pull"_s,
        u"Pull Security Hub findings (GetFindings) updated since the workspace's last pull into "
        u"it, with its pull settings (RecordState, severity), triaged by its rules"_s,
        {{u"workspace"_s, OptionSpec::Arity::Single, false,
             u"Workspace folder (default: the app's default workspace)"_s},
            {u"all"_s, OptionSpec::Arity::Flag, false,
                u"Forget the high-water mark and pull every finding"_s},
            {u"max-pages"_s, OptionSpec::Arity::Single, false,
                u"At most this many pages of 100 findings (default 1000)"_s}},
        true, pullFindings});
    ctl.addCommand({u"findings"_s, u"import"_s,
        u"Import a findings file (GuardDuty, Security Hub ASFF, EventBridge, JSON Lines) into "
        u"a workspace, triaged by its rules"_s,
        {{u"file"_s, OptionSpec::Arity::Single, true, u"The findings file"_s},
            {u"workspace"_s, OptionSpec::Arity::Single, false,
                u"Workspace folder (default: the app's default workspace)"_s}},
        false, importFindings});
}

} // namespace warroom::ctl

// warroomctl sync / workspace cases: the console's sync engine run once against the
// workspace's backend (for cron and scripts), and the workspace's cases as stored
// locally. AWS keys, when the backend needs them, come from the AWS CLI's chain.

#include "WarroomCtl.h"

#include "domain/Case.h"
#include "domain/CaseJson.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/SyncEngine.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace warroom::ctl {

const OptionSpec WorkspaceOption {u"workspace"_s, OptionSpec::Arity::Single, false,
    u"Workspace folder (default: the app's default workspace)"_s};

std::unique_ptr<store::Workspace> openWorkspace(CommandContext &ctx)
{
    const QString directory = ctx.has(u"workspace"_s) ? ctx.value(u"workspace"_s)
                                                      : store::Workspace::defaultDirectory();
    QString error;
    auto workspace = store::Workspace::open(directory, &error);
    if (!workspace) {
        std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(error));
        ctx.finish(ExitUsage);
    }
    return workspace;
}

namespace {

void runSync(CommandContext &ctx)
{
    auto workspace = openWorkspace(ctx);
    if (!workspace)
        return;
    QString error;
    auto engine = sync::createSyncEngine(*workspace, &error);
    if (!engine) {
        std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(error));
        ctx.finish(ExitTransportError);
        return;
    }
    auto *raw = engine.get();
    // The engine and workspace live until the round ends; then the command finishes.
    auto holder = std::make_shared<
        std::pair<std::unique_ptr<store::Workspace>, std::unique_ptr<sync::SyncEngine>>>(
        std::move(workspace), std::move(engine));
    raw->syncOnce([&ctx, holder, raw](bool ok, const QString &message) {
        QJsonArray attention;
        for (const auto &entry : raw->needsAttention())
            attention.append(QJsonObject {{u"Id"_s, entry.id}, {u"CaseId"_s, entry.caseId},
                {u"Operation"_s, entry.operation}, {u"Error"_s, entry.lastError}});
        const QJsonObject result {{u"Workspace"_s, holder->first->directory()},
            {u"Backend"_s, raw->backend().describe()}, {u"Online"_s, raw->isOnline()},
            {u"Pending"_s, raw->pendingCount()}, {u"NeedsAttention"_s, attention},
            {u"Cases"_s, store::CaseRepository(holder->first->database().reader()).count()},
            {u"Message"_s, message}};
        holder->first->database().releaseThreadConnections();
        // The engine is still on the stack below this callback: it goes afterwards.
        QTimer::singleShot(0, QCoreApplication::instance(), [holder] {});
        if (!ok && !raw->isOnline()) {
            std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(message));
            ctx.finish(ExitTransportError);
            return;
        }
        if (!ok) {
            std::fprintf(stderr, "\nwarroomctl: %s\n", qPrintable(message));
            ctx.finish(ExitServiceError);
            return;
        }
        ctx.succeed(result);
    });
}

void listLocalCases(CommandContext &ctx)
{
    auto workspace = openWorkspace(ctx);
    if (!workspace)
        return;
    QJsonArray items;
    for (const auto &summary :
        store::CaseRepository(workspace->database().reader()).listSummaries())
        items.append(domain::toJson(summary));
    workspace->database().releaseThreadConnections();
    ctx.succeed(QJsonObject {{u"items"_s, items}, {u"total"_s, items.size()}});
}

} // namespace

void addSyncCommands(WarroomCtl &ctl)
{
    ctl.addCommand({QString(), u"sync"_s,
        u"Send the workspace's waiting changes to its backend and pull its cases, once"_s,
        {WorkspaceOption}, false, runSync});
    ctl.addCommand({u"workspace"_s, u"cases"_s,
        u"The cases stored in the workspace (ListCases items, newest change first)"_s,
        {WorkspaceOption}, false, listLocalCases});
}

} // namespace warroom::ctl

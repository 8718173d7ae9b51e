#pragma once

// The Timeline area's page over a workspace, shown offscreen with its first case read and
// verified: what the timeline view suites start from.
#include "../caseboard/CaseBoardTestSupport.h"
#include "TimelineTestSupport.h"
#include "store/Workspace.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePage.h"

#include <QtCore/QFile>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

namespace warroom::test {

inline std::unique_ptr<ui::TimelinePage> openTimelinePage(store::Workspace *workspace)
{
    ui::AreaContext context;
    context.workspace = workspace;
    auto page = std::make_unique<ui::TimelinePage>(context);
    page->resize(1200, 800);
    QSignalSpy verified(page->model(), &timeline::TimelineModel::verified);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        return nullptr;
    if (!verified.wait(10000) && verified.isEmpty())
        return nullptr;
    return page;
}

// A workspace in `directory` with the two cases the view suites open: 1001 with
// `firstEntries` entries a minute apart, 1002 with 5 entries an hour apart.
inline std::unique_ptr<store::Workspace> twoCaseWorkspace(
    const QString &directory, int firstEntries, QString *error)
{
    auto workspace = store::Workspace::open(directory, error);
    if (!workspace)
        return nullptr;
    const bool seeded = storeCases(workspace->database(),
                            {boardCase(QStringLiteral("1001"), domain::CaseStatus::Acknowledged),
                                boardCase(QStringLiteral("1002"), domain::CaseStatus::Submitted)},
                            error)
        && seedTimeline(workspace->database(), QStringLiteral("1001"), firstEntries, 60000, error)
        && seedTimeline(workspace->database(), QStringLiteral("1002"), 5, 3600000, error);
    return seeded ? std::move(workspace) : nullptr;
}

inline bool writeTestFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace warroom::test

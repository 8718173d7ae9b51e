#pragma once

// The Timeline area's page over a workspace, shown offscreen with its first case read and
// verified: what the timeline view suites start from.
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

inline bool writeTestFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace warroom::test

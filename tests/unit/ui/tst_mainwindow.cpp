// The main window driven through its real widgets, offscreen, with the dialog seams
// answering in place of a user.
#include "DirectoryDialog.h"
#include "EmptyStateWidget.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "RecentWorkspaces.h"
#include "Sidebar.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;
using warroom::ui::Area;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void areasReachableFromSidebarClicks();
    void areasReachableFromShortcuts();
    void sidebarFollowsArrowKeys();
    void statusBarShowsBackendSyncAndWorkspace();
    void emptyStatesCountWhatTheWorkspaceHolds();
    void aboutBoxNamesTheVersion();
    void newWorkspaceSwitchesAndIsRemembered();
    void newWorkspaceRefusesFolderWithFiles();
    void cancelledDialogChangesNothing();
    void openWorkspaceSwitches();
    void openRefusesFolderWithoutWorkspace();
    void openRecentMenuSwitchesBack();
    void unreadableWorkspaceShowsErrorAndKeepsCurrent();
    void recentListIsCappedAndPrunesMissingFolders();
    void geometrySplitterAndAreaRestored();

private:
    std::unique_ptr<store::Workspace> openWorkspace(const QString &name);
    std::unique_ptr<ui::MainWindow> makeWindow(const QString &name = u"main"_s);
    QString path(const QString &name) const { return m_root->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_root;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"WarroomTests"_s);
    QCoreApplication::setApplicationName(u"tst_mainwindow"_s);
}

void TestMainWindow::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    // Settings of this test only, in a folder that vanishes with it.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, path(u"settings"_s));
    QSettings().clear();
}

void TestMainWindow::cleanup()
{
    QVERIFY2(!ui::MessageBox::hasPendingAnswer(), "a queued message box answer was not used");
    QVERIFY2(!ui::DirectoryDialog::hasPendingDirectory(), "a queued directory was not used");
    QSettings().clear();
    m_root.reset();
}

std::unique_ptr<store::Workspace> TestMainWindow::openWorkspace(const QString &name)
{
    QString error;
    auto workspace = store::Workspace::open(path(name), &error);
    if (!workspace)
        qWarning("cannot open workspace %s: %s", qPrintable(name), qPrintable(error));
    return workspace;
}

std::unique_ptr<ui::MainWindow> TestMainWindow::makeWindow(const QString &name)
{
    auto workspace = openWorkspace(name);
    if (!workspace)
        return nullptr;
    return std::make_unique<ui::MainWindow>(std::move(workspace));
}

// Each area lives in a slot of the stack holding its page or its empty state.
static QString slotName(Area area)
{
    return ui::areaKey(area) % u"Slot"_s;
}

void TestMainWindow::areasReachableFromSidebarClicks()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));

    auto *sidebar = window->findChild<QListWidget *>(u"sidebarList"_s);
    auto *stack = window->findChild<QStackedWidget *>(u"areaStack"_s);
    QVERIFY(sidebar);
    QVERIFY(stack);
    QCOMPARE(sidebar->count(), ui::AreaCount);

    QSignalSpy spy(window.get(), &ui::MainWindow::currentAreaChanged);
    // Visit in reverse so every click is a change, wherever the window started.
    for (int row = ui::AreaCount - 1; row >= 0; --row) {
        const auto area = static_cast<Area>(row);
        const QRect rect = sidebar->visualItemRect(sidebar->item(row));
        QVERIFY(rect.isValid());
        QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window->currentArea(), area);
        QCOMPARE(stack->currentIndex(), row);
        QCOMPARE(stack->currentWidget()->objectName(), slotName(area));
        auto *action = window->findChild<QAction *>(ui::areaKey(area) % u"AreaAction"_s);
        QVERIFY(action);
        QVERIFY(action->isChecked());
    }
    QVERIFY(spy.count() >= ui::AreaCount - 1);
    QCOMPARE(spy.last().at(0).value<Area>(), Area::Onboarding);
}

void TestMainWindow::areasReachableFromShortcuts()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->show();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));

    auto *stack = window->findChild<QStackedWidget *>(u"areaStack"_s);
    QVERIFY(stack);
    const int order[] = {4, 0, 3, 1, 2, 4};
    for (int index : order) {
        QTest::keyClick(window.get(), static_cast<Qt::Key>(Qt::Key_1 + index), Qt::ControlModifier);
        QCOMPARE(window->currentArea(), static_cast<Area>(index));
        QCOMPARE(stack->currentWidget()->objectName(), slotName(static_cast<Area>(index)));
    }
}

void TestMainWindow::sidebarFollowsArrowKeys()
{
    auto window = makeWindow();
    QVERIFY(window);
    window->show();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));

    auto *sidebar = window->findChild<QListWidget *>(u"sidebarList"_s);
    QVERIFY(sidebar);
    window->setCurrentArea(Area::Onboarding);
    sidebar->setFocus();
    QTRY_VERIFY(sidebar->hasFocus());
    for (int row = 1; row < ui::AreaCount; ++row) {
        QTest::keyClick(sidebar, Qt::Key_Down);
        QCOMPARE(window->currentArea(), static_cast<Area>(row));
    }
    QTest::keyClick(sidebar, Qt::Key_Up);
    QCOMPARE(window->currentArea(), Area::Timeline);
    QTest::keyClick(sidebar, Qt::Key_Home);
    QCOMPARE(window->currentArea(), Area::Onboarding);
}

void TestMainWindow::statusBarShowsBackendSyncAndWorkspace()
{
    auto window = makeWindow(u"incident-42"_s);
    QVERIFY(window);
    window->show();

    auto *backend = window->findChild<QLabel *>(u"backendStatusLabel"_s);
    auto *sync = window->findChild<QLabel *>(u"syncStatusLabel"_s);
    auto *name = window->findChild<QLabel *>(u"workspaceStatusLabel"_s);
    QVERIFY(backend);
    QVERIFY(sync);
    QVERIFY(name);
    QCOMPARE(backend->text(), u"Embedded backend"_s);
    QCOMPARE(sync->text(), u"Local: no sync needed"_s);
    QVERIFY2(name->text().contains(u"incident-42"_s), qPrintable(name->text()));
    QVERIFY(backend->isVisible());
    QVERIFY(sync->isVisible());
    QVERIFY(window->windowTitle().contains(u"incident-42"_s));
}

void TestMainWindow::emptyStatesCountWhatTheWorkspaceHolds()
{
    auto window = makeWindow();
    QVERIFY(window);

    const QList<ui::EmptyStateWidget *> states = window->findChildren<ui::EmptyStateWidget *>();
    QCOMPARE(states.size(), ui::AreaCount);
    for (ui::EmptyStateWidget *state : states) {
        auto *summary = state->findChild<QLabel *>(u"emptyStateSummaryLabel"_s);
        QVERIFY(summary);
        QCOMPARE(summary->text(), u"This workspace holds no cases and no findings yet."_s);
        QVERIFY(!state->findChild<QLabel *>(u"emptyStateHintLabel"_s)->isHidden());
        QCOMPARE(
            state->findChild<QLabel *>(u"emptyStateStatusLabel"_s)->text(), u"Not built yet"_s);
        QVERIFY(!state->findChild<QLabel *>(u"emptyStateDescriptionLabel"_s)->text().isEmpty());
        // Nothing to click: an area that is not built has no controls.
        QVERIFY(state->findChildren<QAbstractButton *>().isEmpty());
        QVERIFY(state->findChildren<QLineEdit *>().isEmpty());
    }

    QString error;
    const bool written = window->workspace().database().write(
        [](QSqlDatabase &connection, QString *error) {
            return store::execStatement(connection,
                       u"INSERT INTO cases (case_id, case_status) VALUES "
                       "('1000000001', 'Submitted'), ('1000000002', 'Closed'), "
                       "('1000000003', 'Detection and Analysis')"_s,
                       error)
                && store::execStatement(connection,
                    u"INSERT INTO findings (id) VALUES ('f1'), ('f2'), ('f3'), ('f4')"_s, error);
        },
        &error);
    QVERIFY2(written, qPrintable(error));
    window->refreshWorkspaceSummary();

    for (ui::EmptyStateWidget *state : states) {
        QCOMPARE(state->findChild<QLabel *>(u"emptyStateSummaryLabel"_s)->text(),
            u"This workspace holds 3 cases (2 open) and 4 findings."_s);
        QVERIFY(state->findChild<QLabel *>(u"emptyStateHintLabel"_s)->isHidden());
    }
}

void TestMainWindow::aboutBoxNamesTheVersion()
{
    auto window = makeWindow();
    QVERIFY(window);
    auto *about = window->findChild<QAction *>(u"aboutAction"_s);
    QVERIFY(about);

    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    about->trigger();
    QVERIFY(!ui::MessageBox::hasPendingAnswer());
    QCOMPARE(ui::MessageBox::lastTitle(), u"About Warroom"_s);
    const QString text = ui::MessageBox::lastText();
    QVERIFY2(text.contains(u"Warroom "_s + QStringLiteral(WARROOM_VERSION)), qPrintable(text));
    QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));

    auto *aboutQt = window->findChild<QAction *>(u"aboutQtAction"_s);
    QVERIFY(aboutQt);
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    aboutQt->trigger();
    QVERIFY(!ui::MessageBox::hasPendingAnswer());
}

void TestMainWindow::newWorkspaceSwitchesAndIsRemembered()
{
    auto window = makeWindow(u"first"_s);
    QVERIFY(window);
    QVERIFY(QDir().mkpath(path(u"second"_s)));

    QSignalSpy changed(window.get(), &ui::MainWindow::workspaceChanged);
    ui::DirectoryDialog::setNextDirectory(path(u"second"_s));
    window->findChild<QAction *>(u"newWorkspaceAction"_s)->trigger();

    QCOMPARE(changed.count(), 1);
    QCOMPARE(QDir(window->workspace().directory()), QDir(path(u"second"_s)));
    QVERIFY(QFileInfo::exists(window->workspace().databasePath()));
    QVERIFY(window->windowTitle().contains(u"second"_s));
    QVERIFY(window->findChild<QLabel *>(u"workspaceStatusLabel"_s)->text().contains(u"second"_s));

    const QStringList recent = ui::RecentWorkspaces::load();
    QCOMPARE(recent.size(), 2);
    QCOMPARE(QDir(recent.at(0)), QDir(path(u"second"_s)));
    QCOMPARE(QDir(recent.at(1)), QDir(path(u"first"_s)));

    // The menu lists both, most recent first; the open one cannot be chosen again.
    auto *menu = window->findChild<QMenu *>(u"recentWorkspacesMenu"_s);
    QVERIFY(menu);
    emit menu->aboutToShow();
    QList<QAction *> entries;
    for (QAction *action : menu->actions()) {
        if (!action->data().toString().isEmpty())
            entries.append(action);
    }
    QCOMPARE(entries.size(), 2);
    QCOMPARE(QDir(entries.at(0)->data().toString()), QDir(path(u"second"_s)));
    QVERIFY(!entries.at(0)->isEnabled());
    QVERIFY(entries.at(1)->isEnabled());
}

void TestMainWindow::newWorkspaceRefusesFolderWithFiles()
{
    auto window = makeWindow(u"first"_s);
    QVERIFY(window);
    QVERIFY(QDir().mkpath(path(u"busy"_s)));
    QFile file(path(u"busy/notes.txt"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    QSignalSpy changed(window.get(), &ui::MainWindow::workspaceChanged);
    ui::DirectoryDialog::setNextDirectory(path(u"busy"_s));
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    window->findChild<QAction *>(u"newWorkspaceAction"_s)->trigger();

    QCOMPARE(changed.count(), 0);
    QCOMPARE(ui::MessageBox::lastTitle(), u"Folder Not Empty"_s);
    QCOMPARE(QDir(window->workspace().directory()), QDir(path(u"first"_s)));
    QVERIFY(!QFileInfo::exists(path(u"busy/workspace.sqlite"_s)));
}

void TestMainWindow::cancelledDialogChangesNothing()
{
    auto window = makeWindow(u"first"_s);
    QVERIFY(window);
    QSignalSpy changed(window.get(), &ui::MainWindow::workspaceChanged);
    ui::DirectoryDialog::setNextDirectory(QString());
    window->findChild<QAction *>(u"openWorkspaceAction"_s)->trigger();
    ui::DirectoryDialog::setNextDirectory(QString());
    window->findChild<QAction *>(u"newWorkspaceAction"_s)->trigger();
    QCOMPARE(changed.count(), 0);
    QCOMPARE(QDir(window->workspace().directory()), QDir(path(u"first"_s)));
}

void TestMainWindow::openWorkspaceSwitches()
{
    QVERIFY(openWorkspace(u"existing"_s)); // made, then closed again
    auto window = makeWindow(u"first"_s);
    QVERIFY(window);

    QSignalSpy changed(window.get(), &ui::MainWindow::workspaceChanged);
    ui::DirectoryDialog::setNextDirectory(path(u"existing"_s));
    window->findChild<QAction *>(u"openWorkspaceAction"_s)->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(window->workspace().displayName(), u"existing"_s);
    QCOMPARE(QDir(ui::RecentWorkspaces::load().value(0)), QDir(path(u"existing"_s)));
}

void TestMainWindow::openRefusesFolderWithoutWorkspace()
{
    auto window = makeWindow(u"first"_s);
    QVERIFY(window);
    QVERIFY(QDir().mkpath(path(u"plain"_s)));

    ui::DirectoryDialog::setNextDirectory(path(u"plain"_s));
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    window->findChild<QAction *>(u"openWorkspaceAction"_s)->trigger();
    QCOMPARE(ui::MessageBox::lastTitle(), u"Not a Workspace"_s);
    QCOMPARE(window->workspace().displayName(), u"first"_s);
    // Opening must not have made a workspace there behind the user's back.
    QVERIFY(QDir(path(u"plain"_s)).isEmpty());
}

void TestMainWindow::openRecentMenuSwitchesBack()
{
    auto window = makeWindow(u"first"_s);
    QVERIFY(window);
    QVERIFY(window->openWorkspace(path(u"second"_s)));
    QCOMPARE(window->workspace().displayName(), u"second"_s);

    auto *menu = window->findChild<QMenu *>(u"recentWorkspacesMenu"_s);
    emit menu->aboutToShow();
    QAction *first = nullptr;
    for (QAction *action : menu->actions()) {
        if (QDir(action->data().toString()) == QDir(path(u"first"_s)))
            first = action;
    }
    QVERIFY(first);
    first->trigger();
    QCOMPARE(window->workspace().displayName(), u"first"_s);

    // "Clear Menu" empties the list and the menu says so.
    auto *clear = menu->findChild<QAction *>(u"clearRecentWorkspacesAction"_s);
    QVERIFY(clear);
    clear->trigger();
    QVERIFY(ui::RecentWorkspaces::load().isEmpty());
    emit menu->aboutToShow();
    bool sawPlaceholder = false;
    for (QAction *action : menu->actions()) {
        QVERIFY(action->data().toString().isEmpty());
        sawPlaceholder = sawPlaceholder || action->text() == u"No recent workspaces"_s;
    }
    QVERIFY(sawPlaceholder);
}

void TestMainWindow::unreadableWorkspaceShowsErrorAndKeepsCurrent()
{
    auto window = makeWindow(u"first"_s);
    QVERIFY(window);
    QVERIFY(QDir().mkpath(path(u"broken"_s)));
    QFile file(path(u"broken/workspace.sqlite"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("this is not an SQLite database, just text pretending to be one\n")
                   .repeated(40));
    file.close();

    QSignalSpy changed(window.get(), &ui::MainWindow::workspaceChanged);
    ui::DirectoryDialog::setNextDirectory(path(u"broken"_s));
    ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    window->findChild<QAction *>(u"openWorkspaceAction"_s)->trigger();
    QCOMPARE(changed.count(), 0);
    QCOMPARE(ui::MessageBox::lastTitle(), u"Could Not Open the Workspace"_s);
    QVERIFY(ui::MessageBox::lastText().contains(u"broken"_s));
    QCOMPARE(window->workspace().displayName(), u"first"_s);
    QVERIFY(!ui::RecentWorkspaces::load().contains(QDir::cleanPath(path(u"broken"_s))));
}

void TestMainWindow::recentListIsCappedAndPrunesMissingFolders()
{
    for (int index = 0; index < 10; ++index) {
        const QString directory = path(u"ws%1"_s.arg(index));
        QVERIFY(QDir().mkpath(directory));
        ui::RecentWorkspaces::add(directory);
    }
    QStringList recent = ui::RecentWorkspaces::load();
    QCOMPARE(recent.size(), ui::RecentWorkspaces::MaximumCount);
    QCOMPARE(QDir(recent.first()), QDir(path(u"ws9"_s)));
    QCOMPARE(QDir(recent.last()), QDir(path(u"ws2"_s)));

    // Adding one already listed moves it to the top instead of listing it twice.
    ui::RecentWorkspaces::add(path(u"ws5"_s));
    recent = ui::RecentWorkspaces::load();
    QCOMPARE(recent.size(), ui::RecentWorkspaces::MaximumCount);
    QCOMPARE(QDir(recent.first()), QDir(path(u"ws5"_s)));
    QCOMPARE(recent.count(QDir::cleanPath(path(u"ws5"_s))), 1);

    QVERIFY(QDir(path(u"ws7"_s)).removeRecursively());
    recent = ui::RecentWorkspaces::load();
    QCOMPARE(recent.size(), ui::RecentWorkspaces::MaximumCount - 1);
    QVERIFY(!recent.contains(QDir::cleanPath(path(u"ws7"_s))));
    // Pruned in the settings too, not only in what load() returned.
    QCOMPARE(QSettings().value(u"Workspace/recent"_s).toStringList().size(),
        ui::RecentWorkspaces::MaximumCount - 1);
}

void TestMainWindow::geometrySplitterAndAreaRestored()
{
    QSize savedSize;
    int savedSidebarWidth = 0;
    {
        auto window = makeWindow();
        QVERIFY(window);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->resize(900, 640);
        QTRY_COMPARE(window->size(), QSize(900, 640));
        auto *splitter = window->findChild<QSplitter *>(u"mainSplitter"_s);
        QVERIFY(splitter);
        splitter->setSizes({260, 900 - 260});
        savedSidebarWidth = splitter->sizes().at(0);
        QVERIFY(savedSidebarWidth > 200);
        window->setCurrentArea(Area::Timeline);
        savedSize = window->size();
        QVERIFY(window->close());
    }
    {
        auto window = makeWindow();
        QVERIFY(window);
        QCOMPARE(window->currentArea(), Area::Timeline);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QCOMPARE(window->size(), savedSize);
        auto *splitter = window->findChild<QSplitter *>(u"mainSplitter"_s);
        QTRY_COMPARE(splitter->sizes().at(0), savedSidebarWidth);
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

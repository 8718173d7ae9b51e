#include "MainWindow.h"

#include "AreaIcons.h"
#include "AreaPages.h"
#include "DirectoryDialog.h"
#include "EmptyStateWidget.h"
#include "MessageBox.h"
#include "RecentWorkspaces.h"
#include "Sidebar.h"
#include "Theme.h"
#include "WorkspaceSummary.h"
#include "aws/KeychainCredentialStore.h"
#include "settings/BackendSettingsDialog.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/CaseBackend.h"
#include "sync/HttpBackend.h"
#include "sync/NeedsAttentionDialog.h"
#include "sync/SyncConflictDialog.h"
#include "sync/SyncEngine.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

namespace warroom::ui {

using namespace Qt::StringLiterals;

namespace {

// QSettings keys of the window, all in one place.
const QString GeometryKey = u"MainWindow/geometry"_s;
const QString StateKey = u"MainWindow/state"_s;
const QString SplitterKey = u"MainWindow/splitter"_s;
const QString AreaKey = u"MainWindow/area"_s;

// The database file every workspace folder holds (see store::Workspace).
const QString WorkspaceFileName = u"workspace.sqlite"_s;

QString normalizedPath(const QString &directory)
{
    return QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<store::Workspace> workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
{
    Q_ASSERT(m_workspace);
    setObjectName(u"mainWindow"_s);
    setWindowIcon(applicationIcon());

    createAreas();
    createActions();
    createMenus();
    createStatusBar();
    restoreSettings();

    RecentWorkspaces::add(m_workspace->directory());
    installAreaPages();
    workspaceDidChange();
    m_sidebar->setFocus();
}

QWidget *MainWindow::areaPage(Area area) const
{
    return m_areaPages[static_cast<size_t>(area)];
}

void MainWindow::removeAreaPages()
{
    for (size_t index = 0; index < m_areaPages.size(); ++index) {
        delete m_areaPages[index];
        m_areaPages[index] = nullptr;
        m_emptyStates[index]->show();
    }
    delete m_attentionDialog.data();
    delete m_conflictDialog.data();
    m_sync.reset();
    updateSyncStatus();
}

void MainWindow::startSync()
{
    QString error;
    m_sync = sync::createSyncEngine(*m_workspace, &error);
    if (!m_sync) {
        m_backendLabel->setText(tr("No backend"));
        m_syncLabel->setText(tr("Sync off"));
        m_syncLabel->setToolTip(error);
        return;
    }
    connect(m_sync.get(), &sync::SyncEngine::statusChanged, this, &MainWindow::updateSyncStatus);
    connect(m_sync.get(), &sync::SyncEngine::conflictsChanged, this, &MainWindow::updateSyncStatus);
    const sync::BackendSettings settings = sync::BackendSettings::load(m_workspace->database());
    auto *http = qobject_cast<sync::HttpBackend *>(&m_sync->backend());
    if (!http || settings.keychainEntry.isEmpty()) {
        m_sync->start();
        updateSyncStatus();
        return;
    }
    // The keys are in the OS keychain: the engine starts once they are read. Local
    // changes wait in the outbox meanwhile.
    updateSyncStatus();
    m_syncLabel->setText(tr("Reading keys from the keychain…"));
    auto *keychain = new aws::KeychainCredentialStore(this);
    QPointer<sync::SyncEngine> engine(m_sync.get());
    keychain->load(settings.keychainEntry,
        [this, keychain, engine, http](const aws::KeychainCredentialStore::Result &result) {
            keychain->deleteLater();
            if (!engine || engine != m_sync.get())
                return; // the workspace or its backend changed meanwhile
            if (!result.isOk() || !result.credentials) {
                m_syncLabel->setText(tr("Sync off: no keys"));
                m_syncLabel->setToolTip(
                    tr("The backend's keys could not be read from the OS keychain: %1")
                        .arg(result.message()));
                return;
            }
            http->setCredentials(*result.credentials);
            m_sync->start();
            updateSyncStatus();
        });
}

void MainWindow::openBackendSettings()
{
    auto *dialog = new BackendSettingsDialog(*m_workspace, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BackendSettingsDialog::applied, this, &MainWindow::switchBackend);
    dialog->open();
}

void MainWindow::switchBackend()
{
    // The pages hold the old engine (AreaContext.sync): they are made again with the new.
    const Area area = currentArea();
    removeAreaPages();
    installAreaPages();
    setCurrentArea(area);
    statusBar()->showMessage(tr("Now syncing with %1.").arg(m_backendLabel->text()), 5000);
}

void MainWindow::updateSyncStatus()
{
    if (!m_conflictsButton)
        return;
    const qint64 conflicts = m_sync ? m_sync->conflictCount() : 0;
    const qint64 refused = m_sync ? m_sync->failedCount() : 0;
    m_conflictsButton->setVisible(conflicts > 0);
    m_conflictsButton->setText(tr("%n conflict(s)", nullptr, int(conflicts)));
    m_attentionButton->setVisible(refused > 0);
    m_attentionButton->setText(tr("%n need(s) attention", nullptr, int(refused)));
    if (!m_sync)
        return;
    m_backendLabel->setText(m_sync->backend().describe());
    m_backendLabel->setToolTip(tr("The case backend this workspace syncs with."));
    const QString when = m_sync->lastSync().isValid()
        ? QLocale().toString(m_sync->lastSync().toLocalTime().time(), QLocale::ShortFormat)
        : tr("never");
    const qint64 failed = m_sync->failedCount();
    const qint64 pending = m_sync->pendingCount();
    if (m_sync->backend().inProcess() && failed == 0 && pending == 0) {
        m_syncLabel->setText(tr("Local: no sync needed"));
        m_syncLabel->setToolTip(tr("The embedded backend runs in this process; every change "
                                   "has reached it (last sync %1).")
                                    .arg(when));
        return;
    }
    QString text = tr("%1 · synced %2 · %3 pending")
                       .arg(m_sync->isOnline() ? tr("Online") : tr("Offline"), when)
                       .arg(pending);
    m_syncLabel->setText(text);
    m_syncLabel->setToolTip(m_sync->lastError());
}

void MainWindow::installAreaPages()
{
    startSync();
    AreaContext context;
    context.workspace = m_workspace.get();
    context.sync = m_sync.get();
    context.window = this;
    context.showItem = [this](Area area, const QString &itemId) {
        showItem(area, itemId);
    };
    for (int index = 0; index < AreaCount; ++index) {
        const auto area = static_cast<Area>(index);
        QWidget *slot = m_areaSlots[static_cast<size_t>(index)];
        QWidget *page = createAreaPage(area, context, slot);
        if (!page)
            continue;
        slot->layout()->addWidget(page);
        m_emptyStates[static_cast<size_t>(index)]->hide();
        m_areaPages[static_cast<size_t>(index)] = page;
    }
}

void MainWindow::showItem(Area area, const QString &itemId)
{
    setCurrentArea(area);
    if (QWidget *page = areaPage(area)) {
        const QMetaObject *meta = page->metaObject();
        if (meta->indexOfMethod("showItem(QString)") >= 0)
            QMetaObject::invokeMethod(page, "showItem", Q_ARG(QString, itemId));
    }
}

MainWindow::~MainWindow()
{
    // Children outlive members: pages that use the workspace must go first.
    removeAreaPages();
}

void MainWindow::createAreas()
{
    m_sidebar = new Sidebar(this);

    m_areaStack = new QStackedWidget(this);
    m_areaStack->setObjectName(u"areaStack"_s);
    for (int index = 0; index < AreaCount; ++index) {
        // A slot per area holds either the area's page or its empty state.
        auto *slot = new QWidget(m_areaStack);
        slot->setObjectName(areaKey(static_cast<Area>(index)) % u"Slot"_s);
        auto *layout = new QVBoxLayout(slot);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *emptyState = new EmptyStateWidget(static_cast<Area>(index), slot);
        layout->addWidget(emptyState);
        m_emptyStates[static_cast<size_t>(index)] = emptyState;
        m_areaSlots[static_cast<size_t>(index)] = slot;
        m_areaStack->addWidget(slot);
    }

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_areaStack);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    setCentralWidget(m_splitter);

    connect(m_sidebar, &Sidebar::areaChanged, this, [this](Area area) {
        m_areaStack->setCurrentIndex(static_cast<int>(area));
        if (m_areaActions) {
            const QList<QAction *> actions = m_areaActions->actions();
            actions.at(static_cast<int>(area))->setChecked(true);
        }
        emit currentAreaChanged(area);
    });
}

void MainWindow::createActions()
{
    m_newWorkspaceAction = new QAction(tr("&New Workspace…"), this);
    m_newWorkspaceAction->setObjectName(u"newWorkspaceAction"_s);
    m_newWorkspaceAction->setShortcut(QKeySequence::New);
    m_newWorkspaceAction->setStatusTip(tr("Create an empty workspace in a folder of your choice"));
    connect(m_newWorkspaceAction, &QAction::triggered, this, &MainWindow::newWorkspace);

    m_openWorkspaceAction = new QAction(tr("&Open Workspace…"), this);
    m_openWorkspaceAction->setObjectName(u"openWorkspaceAction"_s);
    m_openWorkspaceAction->setShortcut(QKeySequence::Open);
    m_openWorkspaceAction->setStatusTip(tr("Open the workspace kept in a folder"));
    connect(m_openWorkspaceAction, &QAction::triggered, this, &MainWindow::openWorkspaceFromDialog);

    m_backendSettingsAction = new QAction(tr("&Backend Settings…"), this);
    m_backendSettingsAction->setObjectName(u"backendSettingsAction"_s);
    m_backendSettingsAction->setStatusTip(
        tr("Choose where this workspace's cases live (embedded, warroom-server, AWS) and test "
           "the connection"));
    connect(m_backendSettingsAction, &QAction::triggered, this, &MainWindow::openBackendSettings);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(u"quitAction"_s);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_areaActions = new QActionGroup(this);
    m_areaActions->setExclusive(true);
    for (int index = 0; index < AreaCount; ++index) {
        const auto area = static_cast<Area>(index);
        auto *action = new QAction(areaIcon(area, style()), areaTitle(area), m_areaActions);
        action->setObjectName(areaKey(area) % u"AreaAction"_s);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
        action->setChecked(area == currentArea());
        connect(action, &QAction::triggered, this, [this, area] { setCurrentArea(area); });
    }

    m_aboutAction = new QAction(tr("&About Warroom"), this);
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setObjectName(u"aboutQtAction"_s);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, this, [this] { MessageBox::aboutQt(this); });
}

void MainWindow::createMenus()
{
    QMenu *workspaceMenu = menuBar()->addMenu(tr("&Workspace"));
    workspaceMenu->setObjectName(u"workspaceMenu"_s);
    workspaceMenu->addAction(m_newWorkspaceAction);
    workspaceMenu->addAction(m_openWorkspaceAction);
    m_recentMenu = workspaceMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(u"recentWorkspacesMenu"_s);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    workspaceMenu->addSeparator();
    workspaceMenu->addAction(m_backendSettingsAction);
    workspaceMenu->addSeparator();
    workspaceMenu->addAction(m_quitAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(u"viewMenu"_s);
    viewMenu->addActions(m_areaActions->actions());
    viewMenu->addSeparator();
    QMenu *themeMenu = viewMenu->addMenu(tr("&Theme"));
    themeMenu->setObjectName(u"themeMenu"_s);
    auto *themes = new QActionGroup(themeMenu);
    const std::pair<Theme, QString> choices[] {
        {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto &[theme, label] : choices) {
        QAction *action = themeMenu->addAction(label);
        action->setObjectName(u"theme"_s + themeName(theme) + u"Action"_s);
        action->setCheckable(true);
        action->setChecked(currentTheme() == theme);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [theme] {
            // Saved for the next start too; every open view repaints with the new palette.
            applyTheme(*qApp, theme);
            saveTheme(theme);
        });
    }

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->setObjectName(u"helpMenu"_s);
    helpMenu->addAction(m_aboutAction);
    helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createStatusBar()
{
    m_workspaceLabel = new QLabel(this);
    m_workspaceLabel->setObjectName(u"workspaceStatusLabel"_s);

    m_backendLabel = new QLabel(tr("Embedded backend"), this);
    m_backendLabel->setObjectName(u"backendStatusLabel"_s);
    m_backendLabel->setToolTip(
        tr("Cases are kept by the case service running inside Warroom, in this "
           "workspace's database."));

    m_syncLabel = new QLabel(tr("Local: no sync needed"), this);
    m_syncLabel->setObjectName(u"syncStatusLabel"_s);
    m_syncLabel->setToolTip(tr("The embedded backend runs in this process, so there is "
                               "nothing to send to or fetch from a server."));

    // Room between the permanent labels, from the font so it scales with DPI.
    const int gap = fontMetrics().averageCharWidth();
    for (QLabel *label : {m_workspaceLabel, m_backendLabel, m_syncLabel})
        label->setContentsMargins(gap, 0, gap, 0);

    statusBar()->setObjectName(u"mainStatusBar"_s);
    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_backendLabel);
    statusBar()->addPermanentWidget(m_syncLabel);

    // The counts that need the user open what they count.
    m_conflictsButton = new QPushButton(this);
    m_conflictsButton->setObjectName(u"syncConflictsButton"_s);
    m_conflictsButton->setFlat(true);
    m_conflictsButton->setToolTip(tr("Fields changed here and on the backend: choose which "
                                     "value stays."));
    m_conflictsButton->hide();
    connect(m_conflictsButton, &QPushButton::clicked, this, &MainWindow::showSyncConflicts);
    m_attentionButton = new QPushButton(this);
    m_attentionButton->setObjectName(u"needsAttentionButton"_s);
    m_attentionButton->setFlat(true);
    m_attentionButton->setToolTip(tr("Changes the backend refused: retry, edit or discard them."));
    m_attentionButton->hide();
    connect(m_attentionButton, &QPushButton::clicked, this, &MainWindow::showNeedsAttention);
    statusBar()->addPermanentWidget(m_conflictsButton);
    statusBar()->addPermanentWidget(m_attentionButton);
}

QDialog *MainWindow::showNeedsAttention()
{
    if (!m_sync)
        return nullptr;
    if (!m_attentionDialog) {
        m_attentionDialog = new NeedsAttentionDialog(m_sync.get(), this);
        m_attentionDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_attentionDialog->show();
    m_attentionDialog->raise();
    return m_attentionDialog;
}

QDialog *MainWindow::showSyncConflicts()
{
    if (!m_sync)
        return nullptr;
    if (!m_conflictDialog) {
        m_conflictDialog = new SyncConflictDialog(m_sync.get(), QString(), this);
        m_conflictDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_conflictDialog->show();
    m_conflictDialog->raise();
    return m_conflictDialog;
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        // First start: a comfortable size that fits the screen, centred.
        const QRect available = screen()->availableGeometry();
        const QSize size(
            qMin(1280, available.width() * 9 / 10), qMin(820, available.height() * 9 / 10));
        resize(size);
        move(available.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    restoreState(settings.value(StateKey).toByteArray());
    if (!m_splitter->restoreState(settings.value(SplitterKey).toByteArray()))
        m_splitter->setSizes({m_sidebar->sizeHint().width(), width()});

    const int area = settings.value(AreaKey, static_cast<int>(Area::CaseBoard)).toInt();
    if (area >= 0 && area < AreaCount)
        setCurrentArea(static_cast<Area>(area));
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(SplitterKey, m_splitter->saveState());
    settings.setValue(AreaKey, static_cast<int>(currentArea()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

Area MainWindow::currentArea() const
{
    return m_sidebar->currentArea();
}

void MainWindow::setCurrentArea(Area area)
{
    m_sidebar->setCurrentArea(area);
}

bool MainWindow::openWorkspace(const QString &directory)
{
    const QString path = normalizedPath(directory);
    if (path == normalizedPath(m_workspace->directory()))
        return true;

    QString error;
    std::unique_ptr<store::Workspace> workspace = store::Workspace::open(path, &error);
    if (!workspace) {
        MessageBox::critical(this, tr("Could Not Open the Workspace"),
            tr("The workspace in %1 could not be opened.\n\n%2")
                .arg(QDir::toNativeSeparators(path), error));
        return false;
    }
    // Pages hold pointers into the old workspace: they go before it does.
    removeAreaPages();
    m_workspace = std::move(workspace);
    RecentWorkspaces::add(m_workspace->directory());
    installAreaPages();
    workspaceDidChange();
    emit workspaceChanged();
    return true;
}

void MainWindow::newWorkspace()
{
    const QString directory = DirectoryDialog::getExistingDirectory(
        this, tr("New Workspace: Choose an Empty Folder"), dialogStartDirectory());
    if (directory.isEmpty())
        return;
    if (!QDir(directory).isEmpty()) {
        MessageBox::critical(this, tr("Folder Not Empty"),
            tr("%1 already holds files. Choose or create an empty folder for "
               "the new workspace, or use Open Workspace for an existing one.")
                .arg(QDir::toNativeSeparators(directory)));
        return;
    }
    openWorkspace(directory);
}

void MainWindow::openWorkspaceFromDialog()
{
    const QString directory
        = DirectoryDialog::getExistingDirectory(this, tr("Open Workspace"), dialogStartDirectory());
    if (directory.isEmpty())
        return;
    if (!QFileInfo::exists(QDir(directory).filePath(WorkspaceFileName))) {
        MessageBox::critical(this, tr("Not a Workspace"),
            tr("%1 is not a Warroom workspace: it has no %2 file. Use New "
               "Workspace to start one there.")
                .arg(QDir::toNativeSeparators(directory), WorkspaceFileName));
        return;
    }
    openWorkspace(directory);
}

QString MainWindow::dialogStartDirectory() const
{
    QDir parent(m_workspace->directory());
    return parent.cdUp() ? parent.path() : QDir::homePath();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QString current = normalizedPath(m_workspace->directory());
    const QStringList directories = RecentWorkspaces::load();
    int number = 0;
    for (const QString &directory : directories) {
        ++number;
        const QString text = u"&%1  %2  (%3)"_s.arg(QString::number(number),
            QFileInfo(directory).fileName(), QDir::toNativeSeparators(directory));
        QAction *action = m_recentMenu->addAction(text);
        action->setData(directory);
        // The open workspace is listed for orientation but cannot be opened again.
        action->setEnabled(directory != current);
        connect(action, &QAction::triggered, this, [this, directory] { openWorkspace(directory); });
    }
    if (directories.isEmpty())
        m_recentMenu->addAction(tr("No recent workspaces"))->setEnabled(false);
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear Menu"));
    clear->setObjectName(u"clearRecentWorkspacesAction"_s);
    connect(clear, &QAction::triggered, this, [this] {
        RecentWorkspaces::clear();
        rebuildRecentMenu();
    });
}

void MainWindow::refreshWorkspaceSummary()
{
    QString error;
    const WorkspaceSummary summary = WorkspaceSummary::read(*m_workspace, &error);
    const bool isEmpty = summary.valid && summary.cases == 0 && summary.findings == 0;
    for (EmptyStateWidget *emptyState : m_emptyStates)
        emptyState->setWorkspaceSummary(summary.sentence(), isEmpty);
    if (!summary.valid)
        statusBar()->showMessage(tr("Could not count the workspace's contents: %1").arg(error));
}

void MainWindow::workspaceDidChange()
{
    const QString name = m_workspace->displayName();
    setWindowTitle(tr("%1 — Warroom").arg(name));
    m_workspaceLabel->setText(tr("Workspace: %1").arg(name));
    m_workspaceLabel->setToolTip(QDir::toNativeSeparators(m_workspace->directory()));
    refreshWorkspaceSummary();
    rebuildRecentMenu();
}

QString MainWindow::aboutText()
{
    return tr("<h3>Warroom %1</h3>"
              "<p>Incident command console for AWS Security Incident Response.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>")
        .arg(QStringLiteral(WARROOM_VERSION), QStringLiteral(QT_VERSION_STR),
            QString::fromLatin1(qVersion()));
}

void MainWindow::showAbout()
{
    MessageBox::about(this, tr("About Warroom"), aboutText());
}

} // namespace warroom::ui

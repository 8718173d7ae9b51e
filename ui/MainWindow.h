#pragma once

#include "Area.h"

#include <QMainWindow>
#include <QPointer>

#include <array>
#include <memory>

class QAction;
class QActionGroup;
class QDialog;
class QLabel;
class QMenu;
class QPushButton;
class QSplitter;
class QStackedWidget;

namespace warroom::sync {
class SyncEngine;
}

namespace warroom::store {
class Workspace;
}

namespace warroom::ui {

class EmptyStateWidget;
class Sidebar;

// The console's one window: a sidebar of areas, the area shown, menus and a status bar
// with the backend, the sync state and the workspace. Owns the open workspace.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(std::unique_ptr<store::Workspace> workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    store::Workspace &workspace() const { return *m_workspace; }

    Area currentArea() const;
    void setCurrentArea(Area area);

    // Makes `directory` the open workspace. On failure shows why and keeps the current
    // one. Opening the workspace that is already open does nothing and succeeds.
    bool openWorkspace(const QString &directory);

    // Reads the workspace's counts again for the areas that show them.
    void refreshWorkspaceSummary();

    static QString aboutText();

    // Workspace > Backend Settings (window-modal; OK switches the sync engine).
    void openBackendSettings();

    // The page of `area` (see AreaPages.h), or nullptr while the area shows its empty state.
    QWidget *areaPage(Area area) const;
    // Shows `area` and asks its page to select `itemId` (a case or finding ID).
    void showItem(Area area, const QString &itemId);

    // The workspace's sync engine; null while sync is off.
    sync::SyncEngine *syncEngine() const { return m_sync.get(); }
    // The dialogs behind the status bar's counts (one of each at a time).
    QDialog *showNeedsAttention();
    QDialog *showSyncConflicts();

signals:
    void workspaceChanged();
    void currentAreaChanged(warroom::ui::Area area);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createAreas();
    void createActions();
    void createMenus();
    void createStatusBar();
    void installAreaPages();
    void removeAreaPages();
    void restoreSettings();
    void saveSettings() const;

    void newWorkspace();
    void openWorkspaceFromDialog();
    void rebuildRecentMenu();
    void showAbout();
    void workspaceDidChange();
    QString dialogStartDirectory() const;

    std::unique_ptr<store::Workspace> m_workspace;

    Sidebar *m_sidebar = nullptr;
    QStackedWidget *m_areaStack = nullptr;
    QSplitter *m_splitter = nullptr;
    std::array<EmptyStateWidget *, AreaCount> m_emptyStates {};
    std::array<QWidget *, AreaCount> m_areaSlots {};
    std::array<QWidget *, AreaCount> m_areaPages {};

    QAction *m_newWorkspaceAction = nullptr;
    QAction *m_openWorkspaceAction = nullptr;
    QAction *m_backendSettingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QActionGroup *m_areaActions = nullptr;
    QMenu *m_recentMenu = nullptr;

    QLabel *m_workspaceLabel = nullptr;
    QLabel *m_backendLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QPushButton *m_attentionButton = nullptr;
    QPushButton *m_conflictsButton = nullptr;
    QPointer<QDialog> m_attentionDialog;
    QPointer<QDialog> m_conflictDialog;

    // The workspace's sync engine (models/sync), made with its pages, gone before them.
    std::unique_ptr<sync::SyncEngine> m_sync;
    void startSync();
    void updateSyncStatus();
    void switchBackend();
};

} // namespace warroom::ui

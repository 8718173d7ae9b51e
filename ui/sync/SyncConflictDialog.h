#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace warroom::sync {
class SyncEngine;
}

namespace warroom::ui {

// The fields changed both in this workspace and on the backend since the last sync: for
// each, the last synced value, yours and the backend's; Keep mine sends your change,
// Take theirs drops it. All conflicts, or those of one case.
class SyncConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncConflictDialog)

public:
    SyncConflictDialog(sync::SyncEngine *engine, const QString &caseId, QWidget *parent);

    int conflictCount() const;
    bool selectConflict(const QString &caseId, const QString &field);

public slots:
    void reload();
    bool keepMine();
    bool takeTheirs();

private:
    bool resolve(bool keepMine);
    void showSelected();

    QPointer<sync::SyncEngine> m_engine;
    QString m_caseId;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_keep = nullptr;
    QPushButton *m_take = nullptr;
};

} // namespace warroom::ui

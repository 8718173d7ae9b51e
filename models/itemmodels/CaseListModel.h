#pragma once

#include "domain/Case.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QHash>
#include <QtCore/QThread>

#include <memory>

namespace warroom::store {
class Database;
}

namespace warroom::itemmodels {

// Every case of the workspace as a flat table of ListCases summaries, for lists and for
// `warroomctl cases list`. Sync changes it in place: reload() compares the store with
// the rows it shows and emits row insertions, removals and dataChanged for the rows
// that changed, never a reset, so a selection or an open editor keeps its row. Rows keep
// their place while the model lives (new cases are appended), so a running pull does not
// reorder the list under the user.
class CaseListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseListModel)

public:
    enum Column {
        IdColumn,
        TitleColumn,
        StatusColumn,
        ResolverColumn,
        EngagementColumn,
        UpdatedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        CaseIdRole = Qt::UserRole + 1,
        StatusRole, // int(domain::CaseStatus), -1 when absent
        LastUpdatedRole, // QDateTime
        ProvisionalRole, // bool: made offline, waiting for the backend's ID
    };
    Q_ENUM(Role)

    explicit CaseListModel(store::Database *database, QObject *parent = nullptr);
    ~CaseListModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Re-reads every summary and applies the difference in place.
    bool reload(QString *error = nullptr);
    // The same with the read on a worker thread (the GUI thread only applies the
    // difference); reloaded() follows. A reload asked for while one runs starts after it.
    void reloadInBackground();
    bool isReloading() const { return bool(m_loader); }
    // Re-reads one case: updates, appends or removes its row.
    bool refreshCase(const QString &caseId, QString *error = nullptr);
    // A case created offline got the backend's ID: its row keeps its place.
    void replaceCaseId(const QString &oldId, const QString &newId);

    int rowOf(const QString &caseId) const { return m_rowById.value(caseId, -1); }
    const domain::CaseSummary &summary(int row) const { return m_rows.at(row); }

signals:
    // After reloadInBackground(): the rows are the store's (ok), or *error says why not.
    void reloaded(bool ok, const QString &error);

private:
    // Each case ID's row in `rows`.
    static QHash<QString, int> indexOf(const QList<domain::CaseSummary> &rows);
    // `freshIndex` is indexOf(fresh), made where fresh was read.
    void apply(const QList<domain::CaseSummary> &fresh, QHash<QString, int> freshIndex);
    void removeRowAt(int row);
    void appendRow(const domain::CaseSummary &summary);
    void setRow(int row, const domain::CaseSummary &summary);
    void reindexFrom(int row);

    store::Database *m_database = nullptr;
    QList<domain::CaseSummary> m_rows;
    QHash<QString, int> m_rowById;
    std::unique_ptr<QThread> m_loader;
    bool m_reloadAgain = false;
};

} // namespace warroom::itemmodels

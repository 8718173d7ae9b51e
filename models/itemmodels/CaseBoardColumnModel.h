#pragma once

#include "CaseBoardFilter.h"
#include "CaseBoardMove.h"

#include <QtCore/QSortFilterProxyModel>

namespace warroom::itemmodels {

class CaseBoardModel;

// One column of the board: the cards of one status that pass the filter, in the
// column's order. Drops of case IDs ask to move those cases here; the move itself is
// the caller's (moveRequested), so a drop changes the domain and never the view.
class CaseBoardColumnModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseBoardColumnModel)

public:
    CaseBoardColumnModel(
        CaseBoardModel *board, domain::CaseStatus status, QObject *parent = nullptr);

    domain::CaseStatus status() const { return m_status; }
    CaseBoardModel *board() const { return m_board; }

    void setFilter(const CaseBoardFilter &filter);
    const CaseBoardFilter &filter() const { return m_filter; }
    void setOrder(CaseBoardSort order);
    CaseBoardSort order() const { return m_order; }

    QString caseIdAt(int row) const;
    int rowOf(const QString &caseId) const;

    // What dropping `caseIds` here would do for each of them.
    QList<std::pair<QString, CaseMoveCheck>> checkDrop(const QStringList &caseIds) const;

    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
        const QModelIndex &parent) override;

signals:
    // Cases dropped on this column; the receiver checks each with checkCaseMove().
    void moveRequested(const QStringList &caseIds, domain::CaseStatus to);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    CaseBoardModel *m_board;
    domain::CaseStatus m_status;
    CaseBoardFilter m_filter;
    CaseBoardSort m_order = CaseBoardSort::LastUpdated;
};

} // namespace warroom::itemmodels

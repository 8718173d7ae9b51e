#include "CaseBoardColumnModel.h"

#include "CaseBoardModel.h"

#include <QtCore/QMimeData>

namespace warroom::itemmodels {

CaseBoardColumnModel::CaseBoardColumnModel(
    CaseBoardModel *board, domain::CaseStatus status, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_board(board)
    , m_status(status)
{
    setSourceModel(board);
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
}

void CaseBoardColumnModel::setFilter(const CaseBoardFilter &filter)
{
    m_filter = filter;
    invalidateFilter();
}

void CaseBoardColumnModel::setOrder(CaseBoardSort order)
{
    if (m_order == order)
        return;
    m_order = order;
    invalidate();
}

QString CaseBoardColumnModel::caseIdAt(int row) const
{
    return index(row, 0).data(CaseBoardModel::CaseIdRole).toString();
}

int CaseBoardColumnModel::rowOf(const QString &caseId) const
{
    return mapFromSource(m_board->indexOf(caseId)).row();
}

QList<std::pair<QString, CaseMoveCheck>> CaseBoardColumnModel::checkDrop(
    const QStringList &caseIds) const
{
    QList<std::pair<QString, CaseMoveCheck>> checks;
    for (const QString &id : caseIds) {
        const CaseBoardCard *card = m_board->card(id);
        if (!card)
            checks.append({id,
                {CaseMoveCheck::Kind::Refused,
                    QStringLiteral("Case %1 is no longer in this workspace.").arg(id)}});
        else
            checks.append({id, checkCaseMove(*card, m_status)});
    }
    return checks;
}

Qt::DropActions CaseBoardColumnModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

bool CaseBoardColumnModel::canDropMimeData(
    const QMimeData *data, Qt::DropAction, int, int, const QModelIndex &) const
{
    // Refused moves are accepted as drops too, so the board can say why they failed.
    const QStringList ids = CaseBoardModel::caseIdsFrom(data);
    if (ids.isEmpty())
        return false;
    for (const auto &check : checkDrop(ids))
        if (check.second.kind != CaseMoveCheck::Kind::NoChange)
            return true;
    return false;
}

bool CaseBoardColumnModel::dropMimeData(
    const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    emit moveRequested(CaseBoardModel::caseIdsFrom(data), m_status);
    // False: the dragging view must not remove anything; the move arrives as a change.
    return false;
}

bool CaseBoardColumnModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const CaseBoardCard *card = m_board->card(sourceRow);
    return card && card->status == m_status && m_filter.matches(*card);
}

bool CaseBoardColumnModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const CaseBoardCard *a = m_board->card(left.row());
    const CaseBoardCard *b = m_board->card(right.row());
    if (!a || !b)
        return false;
    auto byId = [&] {
        return a->caseId < b->caseId;
    };
    switch (m_order) {
    case CaseBoardSort::LastUpdated:
        if (a->lastUpdatedKey != b->lastUpdatedKey)
            return a->lastUpdatedKey > b->lastUpdatedKey;
        return byId();
    case CaseBoardSort::Oldest:
        if (a->createdKey != b->createdKey)
            return a->createdKey < b->createdKey;
        return byId();
    case CaseBoardSort::Newest:
        if (a->createdKey != b->createdKey)
            return a->createdKey > b->createdKey;
        return byId();
    case CaseBoardSort::Severity:
        if (a->maxSeverityScore != b->maxSeverityScore)
            return a->maxSeverityScore > b->maxSeverityScore;
        return byId();
    case CaseBoardSort::Title:
        if (a->titleKey != b->titleKey)
            return a->titleKey < b->titleKey;
        return byId();
    }
    return byId();
}

} // namespace warroom::itemmodels

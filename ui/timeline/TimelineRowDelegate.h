#pragma once

#include <QHash>
#include <QIcon>
#include <QStyledItemDelegate>

namespace warroom::ui {

// Paints the row of the chain's first bad entry on a red background, so it stands out
// in the list as it does on the axis.
class TimelineRowDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineRowDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;

private:
    mutable QHash<QString, QIcon> m_swatches;
};

} // namespace warroom::ui

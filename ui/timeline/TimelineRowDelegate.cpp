#include "TimelineRowDelegate.h"

#include "TimelineAxis.h"
#include "timeline/TimelineModel.h"

#include <QPainter>
#include <QPixmap>

namespace warroom::ui {

void TimelineRowDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (index.data(timeline::TimelineModel::FirstBadRole).toBool()) {
        painter->fillRect(opt.rect, QColor(0xe5, 0x39, 0x35, 110));
    } else if (index.column() == timeline::TimelineModel::KindColumn) {
        // A swatch of the kind's lane colour before its name.
        const QString kind = index.data(timeline::TimelineModel::KindRole).toString();
        auto icon = m_swatches.constFind(kind);
        if (icon == m_swatches.constEnd()) {
            QPixmap pixmap(10, 10);
            pixmap.fill(TimelineAxis::kindColor(kind));
            icon = m_swatches.insert(kind, QIcon(pixmap));
        }
        opt.features |= QStyleOptionViewItem::HasDecoration;
        opt.icon = *icon;
        opt.decorationSize = QSize(10, 10);
    }
    QStyledItemDelegate::paint(painter, opt, index);
}

} // namespace warroom::ui

#include "SeverityDelegate.h"

#include "itemmodels/FindingQueueModel.h"

#include <QApplication>
#include <QPainter>

namespace warroom::ui::triage {

using namespace Qt::StringLiterals;

SeverityDelegate::SeverityDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor SeverityDelegate::fillFor(const QString &severityLabel)
{
    if (severityLabel == u"Critical"_s)
        return QColor(0x8e, 0x00, 0x00);
    if (severityLabel == u"High"_s)
        return QColor(0xbf, 0x36, 0x0c);
    if (severityLabel == u"Medium"_s)
        return QColor(0xf9, 0xa8, 0x25);
    if (severityLabel == u"Low"_s)
        return QColor(0x15, 0x65, 0xc0);
    return QColor(0x75, 0x75, 0x75);
}

QColor SeverityDelegate::textFor(const QColor &fill)
{
    // Relative luminance (sRGB approximation): dark text on light fills, white otherwise.
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}

void SeverityDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QString label = index.data(itemmodels::FindingQueueModel::SeverityLabelRole).toString();
    const double score = index.data(itemmodels::FindingQueueModel::SeverityScoreRole).toDouble();
    const QString text = label + u' ' + QString::number(score, 'f', 1);
    const QColor fill = fillFor(label);
    const QFontMetrics metrics(option.font);
    const int height = std::min(option.rect.height() - 4, metrics.height() + 2);
    const QRect pill(option.rect.left() + 4, option.rect.center().y() - height / 2 + 1,
        std::min(option.rect.width() - 8, metrics.horizontalAdvance(text) + 12), height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(textFor(fill));
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize SeverityDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    return {metrics.horizontalAdvance(u"Informational 10.0"_s) + 20,
        QStyledItemDelegate::sizeHint(option, index).height()};
}

} // namespace warroom::ui::triage

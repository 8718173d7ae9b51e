#include "CaseCardDelegate.h"

#include "domain/Finding.h"
#include "itemmodels/CaseBoardModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace warroom::ui {

using namespace Qt::StringLiterals;
using itemmodels::CaseBoardModel;

namespace {

constexpr int Margin = 4; // around the card
constexpr int Padding = 8; // inside the card
constexpr int StripWidth = 5;
constexpr int Lines = 4;

QString watchersText(int count)
{
    return count == 1 ? CaseCardDelegate::tr("1 watcher")
                      : CaseCardDelegate::tr("%1 watchers").arg(count);
}

} // namespace

CaseCardDelegate::CaseCardDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor CaseCardDelegate::severityColor(int severity, const QPalette &palette)
{
    using S = domain::SeverityLabel;
    switch (severity) {
    case int(S::Critical):
        return QColor(0xd3, 0x2f, 0x2f);
    case int(S::High):
        return QColor(0xef, 0x6c, 0x00);
    case int(S::Medium):
        return QColor(0xf9, 0xa8, 0x25);
    case int(S::Low):
        return QColor(0x1e, 0x88, 0xe5);
    case int(S::Informational):
        return QColor(0x78, 0x90, 0x9c);
    default:
        return palette.color(QPalette::Mid);
    }
}

QColor CaseCardDelegate::pendingBadgeColor()
{
    return QColor(0xff, 0xb3, 0x00);
}

QSize CaseCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics fm(option.font);
    const int lineHeight = fm.height() + 2;
    return QSize(fm.averageCharWidth() * 28, Lines * lineHeight + 2 * Padding + 2 * Margin);
}

void CaseCardDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QPalette &pal = option.palette;
    const QRectF card = QRectF(option.rect).adjusted(Margin, Margin, -Margin, -Margin);
    const bool selected = option.state & QStyle::State_Selected;
    const bool focused = option.state & QStyle::State_HasFocus;
    const bool readOnly = index.data(CaseBoardModel::ReadOnlyRole).toBool();

    QPainterPath path;
    path.addRoundedRect(card, 6, 6);
    painter->fillPath(path, pal.brush(QPalette::Base));
    if (selected) {
        QColor tint = pal.color(QPalette::Highlight);
        tint.setAlpha(50);
        painter->fillPath(path, tint);
    }
    painter->setPen(
        QPen(selected || focused ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid),
            selected || focused ? 2 : 1));
    painter->drawPath(path);

    // Severity strip on the left edge.
    const int severity = index.data(CaseBoardModel::SeverityRole).toInt();
    QPainterPath strip;
    strip.addRoundedRect(QRectF(card.left(), card.top(), StripWidth * 2, card.height()), 6, 6);
    painter->save();
    painter->setClipRect(QRectF(card.left(), card.top(), StripWidth, card.height()));
    painter->fillPath(strip, severityColor(severity, pal));
    painter->restore();

    const QRect content = card.toRect().adjusted(Padding + StripWidth, Padding, -Padding, -Padding);
    QFont titleFont = option.font;
    titleFont.setBold(true);
    const QFontMetrics fm(option.font);
    const QFontMetrics tfm(titleFont);
    const int lineHeight = fm.height() + 2;
    const QColor text = pal.color(QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.7);

    int y = content.top();
    auto lineRect = [&](int height) {
        return QRect(content.left(), y, content.width(), height);
    };

    // 1: title.
    painter->setFont(titleFont);
    painter->setPen(text);
    painter->drawText(lineRect(lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
        tfm.elidedText(
            index.data(CaseBoardModel::TitleRole).toString(), Qt::ElideRight, content.width()));
    y += lineHeight;

    // 2: case ID · engagement · resolver.
    painter->setFont(option.font);
    painter->setPen(dim);
    QString second = u'#' + index.data(CaseBoardModel::CaseIdRole).toString();
    const QString engagement = index.data(CaseBoardModel::EngagementTextRole).toString();
    if (!engagement.isEmpty())
        second += u" · "_s + engagement;
    second += u" · "_s + index.data(CaseBoardModel::ResolverTextRole).toString();
    if (readOnly
        && index.data(CaseBoardModel::ResolverRole).toInt() == int(domain::ResolverType::AWS))
        second += tr(" (read-only)");
    painter->drawText(lineRect(lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(second, Qt::ElideRight, content.width()));
    y += lineHeight;

    // 3: age and last update.
    const QString third = tr("Age %1 · updated %2 ago")
                              .arg(index.data(CaseBoardModel::AgeTextRole).toString(),
                                  index.data(CaseBoardModel::UpdatedTextRole).toString());
    painter->drawText(lineRect(lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(third, Qt::ElideRight, content.width()));
    y += lineHeight;

    // 4: watchers and severity on the left, the pending-action badge on the right.
    int right = content.right();
    if (index.data(CaseBoardModel::PendingCustomerRole).toBool()) {
        const QString badge = tr("Customer action");
        const int w = fm.horizontalAdvance(badge) + 12;
        const QRectF badgeRect(right - w + 1, y + 1, w, lineHeight - 2);
        QPainterPath pill;
        pill.addRoundedRect(badgeRect, badgeRect.height() / 2, badgeRect.height() / 2);
        painter->fillPath(pill, pendingBadgeColor());
        painter->setPen(Qt::black);
        painter->drawText(badgeRect, Qt::AlignCenter, badge);
        right -= w + 6;
    }
    painter->setPen(dim);
    QString fourth = watchersText(index.data(CaseBoardModel::WatcherCountRole).toInt());
    const QString severityText = index.data(CaseBoardModel::SeverityTextRole).toString();
    if (!severityText.isEmpty())
        fourth += u" · "_s + severityText;
    painter->drawText(QRect(content.left(), y, right - content.left(), lineHeight),
        Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(fourth, Qt::ElideRight, right - content.left()));

    painter->restore();
}

} // namespace warroom::ui

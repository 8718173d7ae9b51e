#pragma once

#include <QStyledItemDelegate>

namespace warroom::ui {

// Paints one case card: severity strip, title, case ID with engagement and resolver, age
// and time since the last update, watchers, and a badge when the customer owes an action.
// Every card has the same height, so columns of thousands of cards scroll evenly.
class CaseCardDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseCardDelegate)

public:
    explicit CaseCardDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The strip colour of a domain::SeverityLabel (int), or of "no linked finding" (-1).
    static QColor severityColor(int severity, const QPalette &palette);
    // The badge colours for "Customer action": readable on light and dark palettes.
    static QColor pendingBadgeColor();
};

} // namespace warroom::ui

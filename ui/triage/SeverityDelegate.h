#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace warroom::ui::triage {

// Paints the severity as a coloured pill with its label. The pill carries its own text
// colour (chosen for contrast with the fill), so it reads the same on light and dark
// palettes; the row's selection colour still shows around it.
class SeverityDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeverityDelegate)

public:
    explicit SeverityDelegate(QObject *parent = nullptr);

    static QColor fillFor(const QString &severityLabel);
    static QColor textFor(const QColor &fill);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace warroom::ui::triage

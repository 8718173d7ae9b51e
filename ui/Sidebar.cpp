#include "Sidebar.h"

#include "AreaIcons.h"

#include <QEvent>

namespace warroom::ui {

using namespace Qt::StringLiterals;

Sidebar::Sidebar(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(u"sidebarList"_s);
    setAccessibleName(tr("Areas"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setUniformItemSizes(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A list's own background (Base) against the areas' window background sets the
    // sidebar apart with palette roles only, in light and dark palettes alike.
    setFrameShape(QFrame::NoFrame);

    for (int index = 0; index < AreaCount; ++index) {
        const auto area = static_cast<Area>(index);
        auto *item = new QListWidgetItem(areaIcon(area, style()), areaTitle(area), this);
        item->setData(Qt::UserRole, index);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(areaTitle(area)).arg(index + 1));
    }
    updateMetrics();

    connect(this, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            emit areaChanged(static_cast<Area>(row));
    });
    setCurrentRow(0);
}

Area Sidebar::currentArea() const
{
    return static_cast<Area>(qMax(0, currentRow()));
}

void Sidebar::setCurrentArea(Area area)
{
    setCurrentRow(static_cast<int>(area));
}

QSize Sidebar::sizeHint() const
{
    int width = 0;
    for (int row = 0; row < count(); ++row)
        width = qMax(width, fontMetrics().horizontalAdvance(item(row)->text()));
    width += iconSize().width() + fontMetrics().averageCharWidth() * 8;
    return QSize(width, QListWidget::sizeHint().height());
}

void Sidebar::changeEvent(QEvent *event)
{
    QListWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateMetrics();
}

void Sidebar::updateMetrics()
{
    // Sizes from the font, so the list scales with the user's font and the screen's DPI.
    const int lineHeight = fontMetrics().height();
    setIconSize(QSize(lineHeight + 4, lineHeight + 4));
    setSpacing(lineHeight / 3);
}

} // namespace warroom::ui

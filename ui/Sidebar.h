#pragma once

#include "Area.h"

#include <QListWidget>

namespace warroom::ui {

// The list of areas on the left of the main window. Arrow keys move through it;
// the current row is the area shown.
class Sidebar final : public QListWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Sidebar)

public:
    explicit Sidebar(QWidget *parent = nullptr);

    Area currentArea() const;
    void setCurrentArea(Area area);

    QSize sizeHint() const override;

signals:
    void areaChanged(warroom::ui::Area area);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateMetrics();
};

} // namespace warroom::ui

#pragma once

#include "Area.h"

#include <QIcon>

class QStyle;

namespace warroom::ui {

// The area's line icon, drawn in the current palette's text colour (and the
// highlighted-text colour when selected), so it reads on light and dark palettes.
QIcon areaIcon(Area area, const QStyle *style = nullptr);

// The application icon (the shield), from the compiled-in resources.
QIcon applicationIcon();

} // namespace warroom::ui

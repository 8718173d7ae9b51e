#pragma once

#include <QObject>
#include <QString>

namespace warroom::ui {

Q_NAMESPACE

// The areas of the main window, in sidebar order; Ctrl+1 is the first.
enum class Area {
    Onboarding,
    CaseBoard,
    TriageQueue,
    Timeline,
    Dashboard,
};
Q_ENUM_NS(Area)

inline constexpr int AreaCount = 5;

// The translated name shown in the sidebar and the View menu.
QString areaTitle(Area area);
// The stem of the object names of the area's widgets, e.g. "caseBoard".
QString areaKey(Area area);

} // namespace warroom::ui

#include "Area.h"

#include <QCoreApplication>

namespace warroom::ui {

using namespace Qt::StringLiterals;

QString areaTitle(Area area)
{
    switch (area) {
    case Area::Onboarding:
        return QCoreApplication::translate("Area", "Membership");
    case Area::CaseBoard:
        return QCoreApplication::translate("Area", "Case Board");
    case Area::TriageQueue:
        return QCoreApplication::translate("Area", "Triage Queue");
    case Area::Timeline:
        return QCoreApplication::translate("Area", "Timeline");
    case Area::Dashboard:
        return QCoreApplication::translate("Area", "Dashboard");
    }
    return {};
}

QString areaKey(Area area)
{
    switch (area) {
    case Area::Onboarding:
        return u"onboarding"_s;
    case Area::CaseBoard:
        return u"caseBoard"_s;
    case Area::TriageQueue:
        return u"triageQueue"_s;
    case Area::Timeline:
        return u"timeline"_s;
    case Area::Dashboard:
        return u"dashboard"_s;
    }
    return {};
}

} // namespace warroom::ui

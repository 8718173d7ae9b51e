#include "AreaPages.h"

#include "onboarding/OnboardingArea.h"
#include "store/Workspace.h"

#include "caseboard/CaseBoardPage.h"
#include "dashboard/DashboardPage.h"
#include "timeline/TimelinePage.h"
#include "triage/TriageQueuePage.h"

// One case per area; each view's folder owns its line.

namespace warroom::ui {

QWidget *createAreaPage(Area area, const AreaContext &context, QWidget *parent)
{
    Q_UNUSED(context)
    Q_UNUSED(parent)
    switch (area) {
    case Area::Onboarding:
        return context.workspace ? new OnboardingArea(context.workspace->directory(), parent)
                                 : nullptr;
    case Area::CaseBoard:
        return new CaseBoardPage(context, parent);
    case Area::TriageQueue:
        return context.workspace ? new triage::TriageQueuePage(context, parent) : nullptr;
    case Area::Timeline:
        return context.workspace ? new TimelinePage(context, parent) : nullptr;
    case Area::Dashboard:
        return context.workspace ? new DashboardPage(context, parent) : nullptr;
    }
    return nullptr;
}

} // namespace warroom::ui

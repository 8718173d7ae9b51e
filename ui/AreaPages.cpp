#include "AreaPages.h"

#include "demo/DemoOrganization.h"
#include "onboarding/BackendOrganization.h"
#include "onboarding/OnboardingArea.h"
#include "onboarding/OrganizationSource.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/SyncEngine.h"

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
    case Area::Onboarding: {
        if (!context.workspace)
            return nullptr;
        if (!context.sync)
            return new OnboardingArea(context.workspace->directory(), parent);
        // Sign-up goes through the workspace's backend, in that backend's Region.
        auto &backend = context.sync->backend();
        const QString region = backend.inProcess()
            ? demo::DemoOrganization::standard().homeRegion()
            : sync::BackendSettings::load(context.workspace->database()).region;
        // The organisation the checks and the OU tree read: the demo organisation for the
        // embedded backend, AWS Organizations (or the emulator the settings name) otherwise.
        const auto settings = sync::BackendSettings::load(context.workspace->database());
        auto *organization = backend.inProcess()
            ? nullptr
            : onboarding::createOrganizationSource(settings, &backend, nullptr);
        return new OnboardingArea(&backend, region, organization,
            onboarding::delegatedTargetFor(settings, &backend), context.workspace->directory(),
            parent);
    }
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

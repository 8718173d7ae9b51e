#include "EmbeddedMembershipService.h"

#include "caseservice/CaseService.h"
#include "sync/EmbeddedBackend.h"

namespace warroom::onboarding {

EmbeddedMembershipService::EmbeddedMembershipService(
    caseservice::CaseService *service, QObject *parent)
    : BackendMembershipService(
        sync::EmbeddedBackend::wrap(service).release(), service->config().region, parent)
    , m_service(service)
{
    backend()->setParent(this);
}

EmbeddedMembershipService::~EmbeddedMembershipService() = default;

QString EmbeddedMembershipService::description() const
{
    return tr("Embedded backend (account %1, %2)")
        .arg(m_service->config().accountId, m_service->config().region);
}

} // namespace warroom::onboarding

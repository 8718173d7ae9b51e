#pragma once

#include "BackendMembershipService.h"

namespace warroom::caseservice {
class CaseService;
}

namespace warroom::onboarding {

// In-process over a CaseService someone else owns (training mode's, a test's): the
// membership calls of BackendMembershipService through an embedded backend wrapped
// around it. Answers from the event loop.
class EmbeddedMembershipService final : public BackendMembershipService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedMembershipService)

public:
    explicit EmbeddedMembershipService(
        caseservice::CaseService *service, QObject *parent = nullptr);
    ~EmbeddedMembershipService() override;

    QString description() const override;

private:
    caseservice::CaseService *m_service;
};

} // namespace warroom::onboarding

#pragma once

#include "domain/Case.h"
#include "domain/CaseRequests.h"
#include "domain/Finding.h"

#include <QDateTime>
#include <QList>

namespace warroom::itemmodels {

// What escalating findings puts on a case, built deterministically from the findings:
// the most severe finding's title, a description listing every finding, the union of
// accounts, Regions, services (from the GuardDuty type, else the resource type) and
// remote IPs (threat actors), the earliest first-seen time as the reported start.
class FindingEscalation final
{
public:
    // A self-managed Security Incident with no watchers; `now` is the reported start
    // when no finding has a first-seen time.
    static domain::CreateCaseRequest newCase(
        const QList<domain::Finding> &findings, const QDateTime &now);
    // What the findings add to an existing case (only what it does not list yet).
    static domain::UpdateCaseRequest additions(
        const domain::Case &existing, const QList<domain::Finding> &findings);
    // True when `request` adds nothing.
    static bool isEmpty(const domain::UpdateCaseRequest &request);
    // The service a finding is about: "EC2" from "Recon:EC2/PortProbeUnprotectedPort",
    // else its resource type; empty when neither is a valid service name.
    static QString serviceOf(const domain::Finding &finding);
};

} // namespace warroom::itemmodels

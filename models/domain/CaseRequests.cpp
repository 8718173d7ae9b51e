#include "CaseRequests.h"

namespace warroom::domain {

bool operator==(const CreateCaseRequest &a, const CreateCaseRequest &b)
{
    return a.clientToken == b.clientToken && a.resolverType == b.resolverType && a.title == b.title
        && a.description == b.description && a.engagementType == b.engagementType
        && a.reportedIncidentStartDate == b.reportedIncidentStartDate
        && a.impactedAccounts == b.impactedAccounts && a.watchers == b.watchers
        && a.threatActorIpAddresses == b.threatActorIpAddresses
        && a.impactedServices == b.impactedServices && a.impactedAwsRegions == b.impactedAwsRegions
        && a.tags == b.tags;
}

bool operator==(const UpdateCaseRequest &a, const UpdateCaseRequest &b)
{
    return a.caseId == b.caseId && a.title == b.title && a.description == b.description
        && a.reportedIncidentStartDate == b.reportedIncidentStartDate
        && a.actualIncidentStartDate == b.actualIncidentStartDate
        && a.engagementType == b.engagementType && a.watchersToAdd == b.watchersToAdd
        && a.watchersToDelete == b.watchersToDelete
        && a.threatActorIpAddressesToAdd == b.threatActorIpAddressesToAdd
        && a.threatActorIpAddressesToDelete == b.threatActorIpAddressesToDelete
        && a.impactedServicesToAdd == b.impactedServicesToAdd
        && a.impactedServicesToDelete == b.impactedServicesToDelete
        && a.impactedAwsRegionsToAdd == b.impactedAwsRegionsToAdd
        && a.impactedAwsRegionsToDelete == b.impactedAwsRegionsToDelete
        && a.impactedAccountsToAdd == b.impactedAccountsToAdd
        && a.impactedAccountsToDelete == b.impactedAccountsToDelete
        && a.caseMetadata == b.caseMetadata;
}

} // namespace warroom::domain

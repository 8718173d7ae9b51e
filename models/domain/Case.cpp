#include "Case.h"

namespace warroom::domain {

CaseSummary summaryOf(const Case &c)
{
    CaseSummary s;
    s.caseId = c.caseId;
    s.lastUpdatedDate = c.lastUpdatedDate;
    s.title = c.title;
    s.caseArn = c.caseArn;
    s.engagementType = c.engagementType;
    s.caseStatus = c.caseStatus;
    s.createdDate = c.createdDate;
    s.closedDate = c.closedDate;
    s.resolverType = c.resolverType;
    s.pendingAction = c.pendingAction;
    return s;
}

bool operator==(const Case &a, const Case &b)
{
    return a.caseId == b.caseId && a.title == b.title && a.caseArn == b.caseArn
        && a.description == b.description && a.caseStatus == b.caseStatus
        && a.engagementType == b.engagementType
        && a.reportedIncidentStartDate == b.reportedIncidentStartDate
        && a.actualIncidentStartDate == b.actualIncidentStartDate
        && a.impactedAwsRegions == b.impactedAwsRegions
        && a.threatActorIpAddresses == b.threatActorIpAddresses
        && a.pendingAction == b.pendingAction && a.impactedAccounts == b.impactedAccounts
        && a.watchers == b.watchers && a.createdDate == b.createdDate
        && a.lastUpdatedDate == b.lastUpdatedDate && a.closureCode == b.closureCode
        && a.resolverType == b.resolverType && a.impactedServices == b.impactedServices
        && a.caseAttachments == b.caseAttachments && a.closedDate == b.closedDate
        && a.caseMetadata == b.caseMetadata && a.tags == b.tags;
}

bool operator==(const CaseSummary &a, const CaseSummary &b)
{
    return a.caseId == b.caseId && a.lastUpdatedDate == b.lastUpdatedDate && a.title == b.title
        && a.caseArn == b.caseArn && a.engagementType == b.engagementType
        && a.caseStatus == b.caseStatus && a.createdDate == b.createdDate
        && a.closedDate == b.closedDate && a.resolverType == b.resolverType
        && a.pendingAction == b.pendingAction;
}

} // namespace warroom::domain

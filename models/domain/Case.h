#pragma once

#include "CaseParts.h"

namespace warroom::domain {

// Every GetCase member, plus caseId (GetCase does not echo it) and tags (from
// ListTagsForResource). Timestamps are UTC; an invalid QDateTime is absent.
struct Case final
{
    QString caseId; // `\d{10,32}.*`, length 10-32; IDs we generate are 10 digits
    QString title;
    QString caseArn;
    QString description;
    std::optional<CaseStatus> caseStatus;
    std::optional<EngagementType> engagementType;
    QDateTime reportedIncidentStartDate;
    QDateTime actualIncidentStartDate;
    QList<ImpactedRegion> impactedAwsRegions;
    QList<ThreatActorIp> threatActorIpAddresses;
    std::optional<PendingAction> pendingAction;
    QStringList impactedAccounts;
    QList<Watcher> watchers;
    QDateTime createdDate;
    QDateTime lastUpdatedDate;
    std::optional<ClosureCode> closureCode;
    std::optional<ResolverType> resolverType;
    QStringList impactedServices;
    QList<Attachment> caseAttachments;
    QDateTime closedDate;
    CaseMetadata caseMetadata; // empty = absent (the model wants 1-30 when present)
    Tags tags;
};

// ListCasesItem.
struct CaseSummary final
{
    QString caseId; // required
    QDateTime lastUpdatedDate;
    QString title;
    QString caseArn;
    std::optional<EngagementType> engagementType;
    std::optional<CaseStatus> caseStatus;
    QDateTime createdDate;
    QDateTime closedDate;
    std::optional<ResolverType> resolverType;
    std::optional<PendingAction> pendingAction;
};

// The ListCasesItem view of a case.
CaseSummary summaryOf(const Case &c);

bool operator==(const Case &a, const Case &b);
bool operator==(const CaseSummary &a, const CaseSummary &b);
inline bool operator!=(const Case &a, const Case &b)
{
    return !(a == b);
}
inline bool operator!=(const CaseSummary &a, const CaseSummary &b)
{
    return !(a == b);
}

} // namespace warroom::domain

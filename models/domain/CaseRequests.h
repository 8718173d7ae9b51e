#pragma once

#include "CaseParts.h"

#include <QtCore/QStringList>

// Request bodies of the case operations. Members bound to the URI (caseId) are kept
// for convenience but never written to or read from the JSON body.
namespace warroom::domain {

struct CreateCaseRequest final
{
    QString clientToken; // 1-255, empty = absent
    std::optional<ResolverType> resolverType; // required
    QString title; // required
    QString description; // required
    std::optional<EngagementType> engagementType; // required
    QDateTime reportedIncidentStartDate; // required
    std::optional<QStringList> impactedAccounts; // required, may be empty
    std::optional<QList<Watcher>> watchers; // required, may be empty
    QList<ThreatActorIp> threatActorIpAddresses;
    QStringList impactedServices;
    QList<ImpactedRegion> impactedAwsRegions;
    Tags tags;
};

struct UpdateCaseRequest final
{
    QString caseId; // URI
    std::optional<QString> title;
    std::optional<QString> description;
    QDateTime reportedIncidentStartDate;
    QDateTime actualIncidentStartDate;
    std::optional<EngagementType> engagementType;
    QList<Watcher> watchersToAdd;
    QList<Watcher> watchersToDelete;
    QList<ThreatActorIp> threatActorIpAddressesToAdd;
    QList<ThreatActorIp> threatActorIpAddressesToDelete;
    QStringList impactedServicesToAdd;
    QStringList impactedServicesToDelete;
    QList<ImpactedRegion> impactedAwsRegionsToAdd;
    QList<ImpactedRegion> impactedAwsRegionsToDelete;
    QStringList impactedAccountsToAdd;
    QStringList impactedAccountsToDelete;
    std::optional<CaseMetadata> caseMetadata; // 1-30 when present
};

bool operator==(const CreateCaseRequest &a, const CreateCaseRequest &b);
bool operator==(const UpdateCaseRequest &a, const UpdateCaseRequest &b);

} // namespace warroom::domain

#pragma once

#include "Membership.h"

// Request bodies of the membership operations. membershipId is bound to the URI and
// never written to or read from the JSON body.
namespace warroom::domain {

struct CreateMembershipRequest final
{
    QString clientToken; // 1-255, empty = absent
    QString membershipName; // required, 3-50
    QList<IncidentResponder> incidentResponseTeam; // required, 2-10
    std::optional<QList<OptInFeature>> optInFeatures; // 1-2 when present
    Tags tags;
    std::optional<bool> coverEntireOrganization;
};

struct MembershipAccountsConfigurationsUpdate final
{
    std::optional<bool> coverEntireOrganization;
    std::optional<QStringList> organizationalUnitsToAdd; // 1-5 when present
    std::optional<QStringList> organizationalUnitsToRemove; // 1-5 when present

    bool isEmpty() const
    {
        return !coverEntireOrganization && !organizationalUnitsToAdd
            && !organizationalUnitsToRemove;
    }
};

struct UpdateMembershipRequest final
{
    QString membershipId; // URI
    std::optional<QString> membershipName;
    std::optional<QList<IncidentResponder>> incidentResponseTeam;
    std::optional<QList<OptInFeature>> optInFeatures;
    std::optional<MembershipAccountsConfigurationsUpdate> membershipAccountsConfigurationsUpdate;
    std::optional<bool> undoMembershipCancellation; // only `true` is accepted
};

bool operator==(const CreateMembershipRequest &a, const CreateMembershipRequest &b);
bool operator==(const UpdateMembershipRequest &a, const UpdateMembershipRequest &b);

} // namespace warroom::domain

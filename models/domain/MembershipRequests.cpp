#include "MembershipRequests.h"

namespace warroom::domain {

namespace {
bool sameUpdate(const MembershipAccountsConfigurationsUpdate &a,
    const MembershipAccountsConfigurationsUpdate &b)
{
    return a.coverEntireOrganization == b.coverEntireOrganization
        && a.organizationalUnitsToAdd == b.organizationalUnitsToAdd
        && a.organizationalUnitsToRemove == b.organizationalUnitsToRemove;
}
} // namespace

bool operator==(const CreateMembershipRequest &a, const CreateMembershipRequest &b)
{
    return a.clientToken == b.clientToken && a.membershipName == b.membershipName
        && a.incidentResponseTeam == b.incidentResponseTeam && a.optInFeatures == b.optInFeatures
        && a.tags == b.tags && a.coverEntireOrganization == b.coverEntireOrganization;
}

bool operator==(const UpdateMembershipRequest &a, const UpdateMembershipRequest &b)
{
    const bool sameConfig = a.membershipAccountsConfigurationsUpdate.has_value()
            == b.membershipAccountsConfigurationsUpdate.has_value()
        && (!a.membershipAccountsConfigurationsUpdate
            || sameUpdate(*a.membershipAccountsConfigurationsUpdate,
                *b.membershipAccountsConfigurationsUpdate));
    return a.membershipId == b.membershipId && a.membershipName == b.membershipName
        && a.incidentResponseTeam == b.incidentResponseTeam && a.optInFeatures == b.optInFeatures
        && sameConfig && a.undoMembershipCancellation == b.undoMembershipCancellation;
}

} // namespace warroom::domain

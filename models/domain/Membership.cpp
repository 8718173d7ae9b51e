#include "Membership.h"

namespace warroom::domain {

bool operator==(const IncidentResponder &a, const IncidentResponder &b)
{
    return a.name == b.name && a.jobTitle == b.jobTitle && a.email == b.email
        && a.communicationPreferences == b.communicationPreferences;
}

bool operator==(const OptInFeature &a, const OptInFeature &b)
{
    return a.featureName == b.featureName && a.isEnabled == b.isEnabled;
}

bool operator==(
    const MembershipAccountsConfigurations &a, const MembershipAccountsConfigurations &b)
{
    return a.coverEntireOrganization == b.coverEntireOrganization
        && a.organizationalUnits == b.organizationalUnits;
}

bool operator==(const Membership &a, const Membership &b)
{
    return a.membershipId == b.membershipId && a.accountId == b.accountId && a.region == b.region
        && a.membershipName == b.membershipName && a.membershipArn == b.membershipArn
        && a.membershipStatus == b.membershipStatus
        && a.membershipActivationTimestamp == b.membershipActivationTimestamp
        && a.membershipDeactivationTimestamp == b.membershipDeactivationTimestamp
        && a.customerType == b.customerType
        && a.numberOfAccountsCovered == b.numberOfAccountsCovered
        && a.incidentResponseTeam == b.incidentResponseTeam && a.optInFeatures == b.optInFeatures
        && a.membershipAccountsConfigurations == b.membershipAccountsConfigurations
        && a.tags == b.tags;
}

} // namespace warroom::domain

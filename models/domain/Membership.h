#pragma once

#include "CaseParts.h"

#include <QtCore/QStringList>

namespace warroom::domain {

struct IncidentResponder final
{
    QString name; // 3-50
    QString jobTitle; // 1-50
    QString email; // 6-254
    QList<CommunicationType> communicationPreferences;
};

struct OptInFeature final
{
    OptInFeatureName featureName = OptInFeatureName::Triage;
    bool isEnabled = false;
};

// GetMembership.membershipAccountsConfigurations. Absent when both members are unset.
struct MembershipAccountsConfigurations final
{
    std::optional<bool> coverEntireOrganization;
    QStringList organizationalUnits; // ou-xxxx-xxxxxxxx
};

// GetMembership output, plus tags (ListTagsForResource on the membership ARN).
struct Membership final
{
    QString membershipId; // required, m-[a-z0-9]{10,32}
    QString accountId;
    QString region;
    QString membershipName;
    QString membershipArn;
    std::optional<MembershipStatus> membershipStatus;
    QDateTime membershipActivationTimestamp;
    QDateTime membershipDeactivationTimestamp;
    std::optional<CustomerType> customerType;
    std::optional<qint64> numberOfAccountsCovered;
    QList<IncidentResponder> incidentResponseTeam;
    QList<OptInFeature> optInFeatures;
    MembershipAccountsConfigurations membershipAccountsConfigurations;
    Tags tags;
};

bool operator==(const IncidentResponder &a, const IncidentResponder &b);
bool operator==(const OptInFeature &a, const OptInFeature &b);
bool operator==(
    const MembershipAccountsConfigurations &a, const MembershipAccountsConfigurations &b);
bool operator==(const Membership &a, const Membership &b);
inline bool operator!=(const IncidentResponder &a, const IncidentResponder &b)
{
    return !(a == b);
}
inline bool operator!=(const OptInFeature &a, const OptInFeature &b)
{
    return !(a == b);
}
inline bool operator!=(const Membership &a, const Membership &b)
{
    return !(a == b);
}

} // namespace warroom::domain

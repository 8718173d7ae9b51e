#include "MembershipJson.h"

#include "JsonSupport.h"
#include "MembershipRequests.h"

namespace warroom::domain {

using namespace Qt::StringLiterals;
using namespace json;

namespace {
QJsonArray communicationArray(const QList<CommunicationType> &values)
{
    QJsonArray array;
    for (CommunicationType value : values)
        array.append(toString(value));
    return array;
}
} // namespace

QJsonObject toJson(const IncidentResponder &value)
{
    QJsonObject o;
    putString(o, "name"_L1, value.name);
    putString(o, "jobTitle"_L1, value.jobTitle);
    putString(o, "email"_L1, value.email);
    if (!value.communicationPreferences.isEmpty())
        o.insert("communicationPreferences"_L1, communicationArray(value.communicationPreferences));
    return o;
}

bool fromJson(
    const QJsonObject &json, IncidentResponder &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = IncidentResponder {};
    out.name = r.string("name"_L1);
    out.jobTitle = r.string("jobTitle"_L1);
    out.email = r.string("email"_L1);
    out.communicationPreferences = r.enumList<CommunicationType>("communicationPreferences"_L1);
    return r.ok();
}

QJsonObject toJson(const OptInFeature &value)
{
    QJsonObject o;
    o.insert("featureName"_L1, toString(value.featureName));
    o.insert("isEnabled"_L1, value.isEnabled);
    return o;
}

bool fromJson(const QJsonObject &json, OptInFeature &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = OptInFeature {};
    if (const auto name = r.enumValue<OptInFeatureName>("featureName"_L1))
        out.featureName = *name;
    else if (!json.contains("featureName"_L1))
        r.fail(r.path("featureName"_L1), QStringLiteral("Feature name is required."));
    if (const auto enabled = r.optionalBool("isEnabled"_L1))
        out.isEnabled = *enabled;
    else if (!json.contains("isEnabled"_L1))
        r.fail(r.path("isEnabled"_L1), QStringLiteral("isEnabled is required."));
    return r.ok();
}

QJsonObject toJson(const MembershipAccountsConfigurations &value)
{
    QJsonObject o;
    if (value.coverEntireOrganization)
        o.insert("coverEntireOrganization"_L1, *value.coverEntireOrganization);
    putStringList(o, "organizationalUnits"_L1, value.organizationalUnits);
    return o;
}

bool fromJson(const QJsonObject &json, MembershipAccountsConfigurations &out, FieldErrors *errors,
    const QString &path)
{
    Reader r(json, path, errors);
    out = MembershipAccountsConfigurations {};
    out.coverEntireOrganization = r.optionalBool("coverEntireOrganization"_L1);
    out.organizationalUnits = r.stringList("organizationalUnits"_L1);
    return r.ok();
}

QJsonObject toJson(const Membership &value)
{
    QJsonObject o;
    putString(o, "membershipId"_L1, value.membershipId);
    putString(o, "accountId"_L1, value.accountId);
    putString(o, "region"_L1, value.region);
    putString(o, "membershipName"_L1, value.membershipName);
    putString(o, "membershipArn"_L1, value.membershipArn);
    putEnum(o, "membershipStatus"_L1, value.membershipStatus);
    putTime(o, "membershipActivationTimestamp"_L1, value.membershipActivationTimestamp);
    putTime(o, "membershipDeactivationTimestamp"_L1, value.membershipDeactivationTimestamp);
    putEnum(o, "customerType"_L1, value.customerType);
    if (value.numberOfAccountsCovered)
        o.insert("numberOfAccountsCovered"_L1, *value.numberOfAccountsCovered);
    putObjects(o, "incidentResponseTeam"_L1, value.incidentResponseTeam);
    putObjects(o, "optInFeatures"_L1, value.optInFeatures);
    const QJsonObject configurations = toJson(value.membershipAccountsConfigurations);
    if (!configurations.isEmpty())
        o.insert("membershipAccountsConfigurations"_L1, configurations);
    putStringMap(o, "tags"_L1, value.tags);
    return o;
}

bool fromJson(const QJsonObject &json, Membership &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = Membership {};
    out.membershipId = r.string("membershipId"_L1);
    out.accountId = r.string("accountId"_L1);
    out.region = r.region("region"_L1);
    out.membershipName = r.string("membershipName"_L1);
    out.membershipArn = r.string("membershipArn"_L1);
    out.membershipStatus = r.enumValue<MembershipStatus>("membershipStatus"_L1);
    out.membershipActivationTimestamp = r.timestamp("membershipActivationTimestamp"_L1);
    out.membershipDeactivationTimestamp = r.timestamp("membershipDeactivationTimestamp"_L1);
    out.customerType = r.enumValue<CustomerType>("customerType"_L1);
    out.numberOfAccountsCovered = r.optionalInt64("numberOfAccountsCovered"_L1);
    out.incidentResponseTeam = r.objectList<IncidentResponder>("incidentResponseTeam"_L1);
    out.optInFeatures = r.objectList<OptInFeature>("optInFeatures"_L1);
    out.membershipAccountsConfigurations
        = r.nested<MembershipAccountsConfigurations>("membershipAccountsConfigurations"_L1)
              .value_or(MembershipAccountsConfigurations {});
    out.tags = r.stringMap("tags"_L1);
    return r.ok();
}

QJsonObject toJson(const CreateMembershipRequest &value)
{
    QJsonObject o;
    putString(o, "clientToken"_L1, value.clientToken);
    putString(o, "membershipName"_L1, value.membershipName);
    o.insert("incidentResponseTeam"_L1, objectArray(value.incidentResponseTeam));
    if (value.optInFeatures)
        o.insert("optInFeatures"_L1, objectArray(*value.optInFeatures));
    putStringMap(o, "tags"_L1, value.tags);
    if (value.coverEntireOrganization)
        o.insert("coverEntireOrganization"_L1, *value.coverEntireOrganization);
    return o;
}

bool fromJson(
    const QJsonObject &json, CreateMembershipRequest &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = CreateMembershipRequest {};
    out.clientToken = r.string("clientToken"_L1);
    out.membershipName = r.string("membershipName"_L1);
    out.incidentResponseTeam = r.objectList<IncidentResponder>("incidentResponseTeam"_L1);
    out.optInFeatures = r.optionalObjectList<OptInFeature>("optInFeatures"_L1);
    out.tags = r.stringMap("tags"_L1);
    out.coverEntireOrganization = r.optionalBool("coverEntireOrganization"_L1);
    return r.ok();
}

QJsonObject toJson(const MembershipAccountsConfigurationsUpdate &value)
{
    QJsonObject o;
    if (value.coverEntireOrganization)
        o.insert("coverEntireOrganization"_L1, *value.coverEntireOrganization);
    if (value.organizationalUnitsToAdd)
        o.insert("organizationalUnitsToAdd"_L1, stringArray(*value.organizationalUnitsToAdd));
    if (value.organizationalUnitsToRemove)
        o.insert("organizationalUnitsToRemove"_L1, stringArray(*value.organizationalUnitsToRemove));
    return o;
}

bool fromJson(const QJsonObject &json, MembershipAccountsConfigurationsUpdate &out,
    FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = MembershipAccountsConfigurationsUpdate {};
    out.coverEntireOrganization = r.optionalBool("coverEntireOrganization"_L1);
    out.organizationalUnitsToAdd = r.optionalStringList("organizationalUnitsToAdd"_L1);
    out.organizationalUnitsToRemove = r.optionalStringList("organizationalUnitsToRemove"_L1);
    return r.ok();
}

QJsonObject toJson(const UpdateMembershipRequest &value)
{
    QJsonObject o;
    if (value.membershipName)
        o.insert("membershipName"_L1, *value.membershipName);
    if (value.incidentResponseTeam)
        o.insert("incidentResponseTeam"_L1, objectArray(*value.incidentResponseTeam));
    if (value.optInFeatures)
        o.insert("optInFeatures"_L1, objectArray(*value.optInFeatures));
    if (value.membershipAccountsConfigurationsUpdate)
        o.insert("membershipAccountsConfigurationsUpdate"_L1,
            toJson(*value.membershipAccountsConfigurationsUpdate));
    if (value.undoMembershipCancellation)
        o.insert("undoMembershipCancellation"_L1, *value.undoMembershipCancellation);
    return o;
}

bool fromJson(
    const QJsonObject &json, UpdateMembershipRequest &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    const QString membershipId = out.membershipId; // bound to the URI
    out = UpdateMembershipRequest {};
    out.membershipId = membershipId;
    out.membershipName = r.optionalString("membershipName"_L1);
    out.incidentResponseTeam = r.optionalObjectList<IncidentResponder>("incidentResponseTeam"_L1);
    out.optInFeatures = r.optionalObjectList<OptInFeature>("optInFeatures"_L1);
    out.membershipAccountsConfigurationsUpdate = r.nested<MembershipAccountsConfigurationsUpdate>(
        "membershipAccountsConfigurationsUpdate"_L1);
    out.undoMembershipCancellation = r.optionalBool("undoMembershipCancellation"_L1);
    return r.ok();
}

} // namespace warroom::domain

#include "CaseJson.h"

#include "Case.h"
#include "CaseEdit.h"
#include "CaseRequests.h"
#include "Comment.h"
#include "JsonSupport.h"

namespace warroom::domain {

using namespace Qt::StringLiterals;
using namespace json;

QJsonObject toJson(const Watcher &value)
{
    QJsonObject o;
    putString(o, "email"_L1, value.email);
    putString(o, "name"_L1, value.name);
    putString(o, "jobTitle"_L1, value.jobTitle);
    return o;
}

bool fromJson(const QJsonObject &json, Watcher &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = Watcher {};
    out.email = r.string("email"_L1);
    out.name = r.string("name"_L1);
    out.jobTitle = r.string("jobTitle"_L1);
    return r.ok();
}

QJsonObject toJson(const ThreatActorIp &value)
{
    QJsonObject o;
    putString(o, "ipAddress"_L1, value.ipAddress);
    putString(o, "userAgent"_L1, value.userAgent);
    return o;
}

bool fromJson(const QJsonObject &json, ThreatActorIp &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = ThreatActorIp {};
    out.ipAddress = r.string("ipAddress"_L1);
    out.userAgent = r.string("userAgent"_L1);
    return r.ok();
}

QJsonObject toJson(const ImpactedRegion &value)
{
    QJsonObject o;
    putString(o, "region"_L1, value.region);
    return o;
}

bool fromJson(
    const QJsonObject &json, ImpactedRegion &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out.region = r.region("region"_L1);
    return r.ok();
}

QJsonObject toJson(const Attachment &value)
{
    QJsonObject o;
    putString(o, "attachmentId"_L1, value.attachmentId);
    putString(o, "fileName"_L1, value.fileName);
    putEnum(o, "attachmentStatus"_L1, value.attachmentStatus);
    putString(o, "creator"_L1, value.creator);
    putTime(o, "createdDate"_L1, value.createdDate);
    return o;
}

bool fromJson(const QJsonObject &json, Attachment &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = Attachment {};
    out.attachmentId = r.string("attachmentId"_L1);
    out.fileName = r.string("fileName"_L1);
    out.attachmentStatus = r.enumValue<AttachmentStatus>("attachmentStatus"_L1);
    out.creator = r.string("creator"_L1);
    out.createdDate = r.timestamp("createdDate"_L1);
    return r.ok();
}

QJsonObject toJson(const CaseMetadataEntry &value)
{
    // Both members are required, so they are written even when empty.
    QJsonObject o;
    o.insert("key"_L1, value.key);
    o.insert("value"_L1, value.value);
    return o;
}

bool fromJson(
    const QJsonObject &json, CaseMetadataEntry &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out.key = r.string("key"_L1);
    out.value = r.string("value"_L1);
    return r.ok();
}

QJsonObject toJson(const Case &value)
{
    QJsonObject o;
    putString(o, "caseId"_L1, value.caseId);
    putString(o, "title"_L1, value.title);
    putString(o, "caseArn"_L1, value.caseArn);
    putString(o, "description"_L1, value.description);
    putEnum(o, "caseStatus"_L1, value.caseStatus);
    putEnum(o, "engagementType"_L1, value.engagementType);
    putTime(o, "reportedIncidentStartDate"_L1, value.reportedIncidentStartDate);
    putTime(o, "actualIncidentStartDate"_L1, value.actualIncidentStartDate);
    putObjects(o, "impactedAwsRegions"_L1, value.impactedAwsRegions);
    putObjects(o, "threatActorIpAddresses"_L1, value.threatActorIpAddresses);
    putEnum(o, "pendingAction"_L1, value.pendingAction);
    putStringList(o, "impactedAccounts"_L1, value.impactedAccounts);
    putObjects(o, "watchers"_L1, value.watchers);
    putTime(o, "createdDate"_L1, value.createdDate);
    putTime(o, "lastUpdatedDate"_L1, value.lastUpdatedDate);
    putEnum(o, "closureCode"_L1, value.closureCode);
    putEnum(o, "resolverType"_L1, value.resolverType);
    putStringList(o, "impactedServices"_L1, value.impactedServices);
    putObjects(o, "caseAttachments"_L1, value.caseAttachments);
    putTime(o, "closedDate"_L1, value.closedDate);
    putObjects(o, "caseMetadata"_L1, value.caseMetadata);
    putStringMap(o, "tags"_L1, value.tags);
    return o;
}

bool fromJson(const QJsonObject &json, Case &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = Case {};
    out.caseId = r.string("caseId"_L1);
    out.title = r.string("title"_L1);
    out.caseArn = r.string("caseArn"_L1);
    out.description = r.string("description"_L1);
    out.caseStatus = r.enumValue<CaseStatus>("caseStatus"_L1);
    out.engagementType = r.enumValue<EngagementType>("engagementType"_L1);
    out.reportedIncidentStartDate = r.timestamp("reportedIncidentStartDate"_L1);
    out.actualIncidentStartDate = r.timestamp("actualIncidentStartDate"_L1);
    out.impactedAwsRegions = r.objectList<ImpactedRegion>("impactedAwsRegions"_L1);
    out.threatActorIpAddresses = r.objectList<ThreatActorIp>("threatActorIpAddresses"_L1);
    out.pendingAction = r.enumValue<PendingAction>("pendingAction"_L1);
    out.impactedAccounts = r.stringList("impactedAccounts"_L1);
    out.watchers = r.objectList<Watcher>("watchers"_L1);
    out.createdDate = r.timestamp("createdDate"_L1);
    out.lastUpdatedDate = r.timestamp("lastUpdatedDate"_L1);
    out.closureCode = r.enumValue<ClosureCode>("closureCode"_L1);
    out.resolverType = r.enumValue<ResolverType>("resolverType"_L1);
    out.impactedServices = r.stringList("impactedServices"_L1);
    out.caseAttachments = r.objectList<Attachment>("caseAttachments"_L1);
    out.closedDate = r.timestamp("closedDate"_L1);
    out.caseMetadata = r.objectList<CaseMetadataEntry>("caseMetadata"_L1);
    out.tags = r.stringMap("tags"_L1);
    return r.ok();
}

QJsonObject toJson(const CaseSummary &value)
{
    QJsonObject o;
    putString(o, "caseId"_L1, value.caseId);
    putTime(o, "lastUpdatedDate"_L1, value.lastUpdatedDate);
    putString(o, "title"_L1, value.title);
    putString(o, "caseArn"_L1, value.caseArn);
    putEnum(o, "engagementType"_L1, value.engagementType);
    putEnum(o, "caseStatus"_L1, value.caseStatus);
    putTime(o, "createdDate"_L1, value.createdDate);
    putTime(o, "closedDate"_L1, value.closedDate);
    putEnum(o, "resolverType"_L1, value.resolverType);
    putEnum(o, "pendingAction"_L1, value.pendingAction);
    return o;
}

bool fromJson(const QJsonObject &json, CaseSummary &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = CaseSummary {};
    out.caseId = r.string("caseId"_L1);
    out.lastUpdatedDate = r.timestamp("lastUpdatedDate"_L1);
    out.title = r.string("title"_L1);
    out.caseArn = r.string("caseArn"_L1);
    out.engagementType = r.enumValue<EngagementType>("engagementType"_L1);
    out.caseStatus = r.enumValue<CaseStatus>("caseStatus"_L1);
    out.createdDate = r.timestamp("createdDate"_L1);
    out.closedDate = r.timestamp("closedDate"_L1);
    out.resolverType = r.enumValue<ResolverType>("resolverType"_L1);
    out.pendingAction = r.enumValue<PendingAction>("pendingAction"_L1);
    return r.ok();
}

QJsonObject toJson(const Comment &value)
{
    QJsonObject o;
    putString(o, "caseId"_L1, value.caseId);
    putString(o, "commentId"_L1, value.commentId);
    putTime(o, "createdDate"_L1, value.createdDate);
    putTime(o, "lastUpdatedDate"_L1, value.lastUpdatedDate);
    putString(o, "creator"_L1, value.creator);
    putString(o, "lastUpdatedBy"_L1, value.lastUpdatedBy);
    putString(o, "body"_L1, value.body);
    return o;
}

bool fromJson(const QJsonObject &json, Comment &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = Comment {};
    out.caseId = r.string("caseId"_L1);
    out.commentId = r.string("commentId"_L1);
    out.createdDate = r.timestamp("createdDate"_L1);
    out.lastUpdatedDate = r.timestamp("lastUpdatedDate"_L1);
    out.creator = r.string("creator"_L1);
    out.lastUpdatedBy = r.string("lastUpdatedBy"_L1);
    out.body = r.string("body"_L1);
    return r.ok();
}

QJsonObject toJson(const CaseEdit &value)
{
    QJsonObject o;
    putString(o, "caseId"_L1, value.caseId);
    putTime(o, "eventTimestamp"_L1, value.eventTimestamp);
    putString(o, "principal"_L1, value.principal);
    putString(o, "action"_L1, value.action);
    putString(o, "message"_L1, value.message);
    return o;
}

bool fromJson(const QJsonObject &json, CaseEdit &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = CaseEdit {};
    out.caseId = r.string("caseId"_L1);
    out.eventTimestamp = r.timestamp("eventTimestamp"_L1);
    out.principal = r.string("principal"_L1);
    out.action = r.string("action"_L1);
    out.message = r.string("message"_L1);
    return r.ok();
}

QJsonObject toJson(const CreateCaseRequest &value)
{
    QJsonObject o;
    putString(o, "clientToken"_L1, value.clientToken);
    putEnum(o, "resolverType"_L1, value.resolverType);
    putString(o, "title"_L1, value.title);
    putString(o, "description"_L1, value.description);
    putEnum(o, "engagementType"_L1, value.engagementType);
    putTime(o, "reportedIncidentStartDate"_L1, value.reportedIncidentStartDate);
    if (value.impactedAccounts)
        o.insert("impactedAccounts"_L1, stringArray(*value.impactedAccounts));
    if (value.watchers)
        o.insert("watchers"_L1, objectArray(*value.watchers));
    putObjects(o, "threatActorIpAddresses"_L1, value.threatActorIpAddresses);
    putStringList(o, "impactedServices"_L1, value.impactedServices);
    putObjects(o, "impactedAwsRegions"_L1, value.impactedAwsRegions);
    putStringMap(o, "tags"_L1, value.tags);
    return o;
}

bool fromJson(
    const QJsonObject &json, CreateCaseRequest &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    out = CreateCaseRequest {};
    out.clientToken = r.string("clientToken"_L1);
    out.resolverType = r.enumValue<ResolverType>("resolverType"_L1);
    out.title = r.string("title"_L1);
    out.description = r.string("description"_L1);
    out.engagementType = r.enumValue<EngagementType>("engagementType"_L1);
    out.reportedIncidentStartDate = r.timestamp("reportedIncidentStartDate"_L1);
    out.impactedAccounts = r.optionalStringList("impactedAccounts"_L1);
    out.watchers = r.optionalObjectList<Watcher>("watchers"_L1);
    out.threatActorIpAddresses = r.objectList<ThreatActorIp>("threatActorIpAddresses"_L1);
    out.impactedServices = r.stringList("impactedServices"_L1);
    out.impactedAwsRegions = r.objectList<ImpactedRegion>("impactedAwsRegions"_L1);
    out.tags = r.stringMap("tags"_L1);
    return r.ok();
}

QJsonObject toJson(const UpdateCaseRequest &value)
{
    QJsonObject o;
    if (value.title)
        o.insert("title"_L1, *value.title);
    if (value.description)
        o.insert("description"_L1, *value.description);
    putTime(o, "reportedIncidentStartDate"_L1, value.reportedIncidentStartDate);
    putTime(o, "actualIncidentStartDate"_L1, value.actualIncidentStartDate);
    putEnum(o, "engagementType"_L1, value.engagementType);
    putObjects(o, "watchersToAdd"_L1, value.watchersToAdd);
    putObjects(o, "watchersToDelete"_L1, value.watchersToDelete);
    putObjects(o, "threatActorIpAddressesToAdd"_L1, value.threatActorIpAddressesToAdd);
    putObjects(o, "threatActorIpAddressesToDelete"_L1, value.threatActorIpAddressesToDelete);
    putStringList(o, "impactedServicesToAdd"_L1, value.impactedServicesToAdd);
    putStringList(o, "impactedServicesToDelete"_L1, value.impactedServicesToDelete);
    putObjects(o, "impactedAwsRegionsToAdd"_L1, value.impactedAwsRegionsToAdd);
    putObjects(o, "impactedAwsRegionsToDelete"_L1, value.impactedAwsRegionsToDelete);
    putStringList(o, "impactedAccountsToAdd"_L1, value.impactedAccountsToAdd);
    putStringList(o, "impactedAccountsToDelete"_L1, value.impactedAccountsToDelete);
    if (value.caseMetadata)
        o.insert("caseMetadata"_L1, objectArray(*value.caseMetadata));
    return o;
}

bool fromJson(
    const QJsonObject &json, UpdateCaseRequest &out, FieldErrors *errors, const QString &path)
{
    Reader r(json, path, errors);
    const QString caseId = out.caseId; // bound to the URI, kept as the caller set it
    out = UpdateCaseRequest {};
    out.caseId = caseId;
    out.title = r.optionalString("title"_L1);
    out.description = r.optionalString("description"_L1);
    out.reportedIncidentStartDate = r.timestamp("reportedIncidentStartDate"_L1);
    out.actualIncidentStartDate = r.timestamp("actualIncidentStartDate"_L1);
    out.engagementType = r.enumValue<EngagementType>("engagementType"_L1);
    out.watchersToAdd = r.objectList<Watcher>("watchersToAdd"_L1);
    out.watchersToDelete = r.objectList<Watcher>("watchersToDelete"_L1);
    out.threatActorIpAddressesToAdd = r.objectList<ThreatActorIp>("threatActorIpAddressesToAdd"_L1);
    out.threatActorIpAddressesToDelete
        = r.objectList<ThreatActorIp>("threatActorIpAddressesToDelete"_L1);
    out.impactedServicesToAdd = r.stringList("impactedServicesToAdd"_L1);
    out.impactedServicesToDelete = r.stringList("impactedServicesToDelete"_L1);
    out.impactedAwsRegionsToAdd = r.objectList<ImpactedRegion>("impactedAwsRegionsToAdd"_L1);
    out.impactedAwsRegionsToDelete = r.objectList<ImpactedRegion>("impactedAwsRegionsToDelete"_L1);
    out.impactedAccountsToAdd = r.stringList("impactedAccountsToAdd"_L1);
    out.impactedAccountsToDelete = r.stringList("impactedAccountsToDelete"_L1);
    out.caseMetadata = r.optionalObjectList<CaseMetadataEntry>("caseMetadata"_L1);
    return r.ok();
}

} // namespace warroom::domain

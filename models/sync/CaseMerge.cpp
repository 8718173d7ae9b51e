#include "CaseMerge.h"

#include "domain/CaseJson.h"
#include "domain/Enums.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

template<typename T> void addAll(QList<T> &list, const QList<T> &add)
{
    for (const auto &item : add)
        if (!list.contains(item))
            list.append(item);
}

template<typename T> void removeAll(QList<T> &list, const QList<T> &remove)
{
    for (const auto &item : remove)
        list.removeAll(item);
}

const QString CaseStatusField = u"caseStatus"_s;
const QString ResolverField = u"resolverType"_s;

} // namespace

const QStringList &CaseMerge::conflictFields()
{
    static const QStringList fields {u"title"_s, u"description"_s, u"engagementType"_s,
        u"reportedIncidentStartDate"_s, u"actualIncidentStartDate"_s, u"caseMetadata"_s,
        CaseStatusField, ResolverField};
    return fields;
}

QStringList CaseMerge::fieldsSetBy(const store::OutboxEntry &entry)
{
    if (entry.operation == u"UpdateCaseStatus"_s || entry.operation == u"CloseCase"_s)
        return {CaseStatusField};
    if (entry.operation == u"UpdateResolverType"_s)
        return {ResolverField};
    QStringList fields;
    if (entry.operation == u"UpdateCase"_s)
        for (const QString &field : conflictFields())
            if (entry.payload.contains(field))
                fields.append(field);
    return fields;
}

QStringList CaseMerge::fieldsSetBy(const QList<store::OutboxEntry> &entries)
{
    QStringList fields;
    for (const auto &entry : entries)
        for (const QString &field : fieldsSetBy(entry))
            if (!fields.contains(field))
                fields.append(field);
    return fields;
}

void CaseMerge::applyUpdate(domain::Case &c, const domain::UpdateCaseRequest &r)
{
    if (r.title)
        c.title = *r.title;
    if (r.description)
        c.description = *r.description;
    if (r.reportedIncidentStartDate.isValid())
        c.reportedIncidentStartDate = r.reportedIncidentStartDate;
    if (r.actualIncidentStartDate.isValid())
        c.actualIncidentStartDate = r.actualIncidentStartDate;
    if (r.engagementType)
        c.engagementType = r.engagementType;
    addAll(c.watchers, r.watchersToAdd);
    removeAll(c.watchers, r.watchersToDelete);
    addAll(c.threatActorIpAddresses, r.threatActorIpAddressesToAdd);
    removeAll(c.threatActorIpAddresses, r.threatActorIpAddressesToDelete);
    addAll(c.impactedServices, r.impactedServicesToAdd);
    removeAll(c.impactedServices, r.impactedServicesToDelete);
    addAll(c.impactedAwsRegions, r.impactedAwsRegionsToAdd);
    removeAll(c.impactedAwsRegions, r.impactedAwsRegionsToDelete);
    addAll(c.impactedAccounts, r.impactedAccountsToAdd);
    removeAll(c.impactedAccounts, r.impactedAccountsToDelete);
    if (r.caseMetadata)
        c.caseMetadata = *r.caseMetadata;
}

void CaseMerge::replay(domain::Case &c, const store::OutboxEntry &entry)
{
    const QString &op = entry.operation;
    if (op == u"UpdateCase"_s) {
        domain::UpdateCaseRequest request;
        domain::fromJson(entry.payload, request);
        applyUpdate(c, request);
    } else if (op == u"UpdateCaseStatus"_s) {
        c.caseStatus = domain::fromString<domain::CaseStatus>(
            entry.payload.value(CaseStatusField).toString());
    } else if (op == u"CloseCase"_s) {
        c.caseStatus = domain::CaseStatus::Closed;
        if (!c.closedDate.isValid())
            c.closedDate
                = entry.createdAt.isValid() ? entry.createdAt : QDateTime::currentDateTimeUtc();
    } else if (op == u"UpdateResolverType"_s) {
        c.resolverType = domain::fromString<domain::ResolverType>(
            entry.payload.value(ResolverField).toString());
    }
}

domain::Case CaseMerge::replayed(domain::Case c, const QList<store::OutboxEntry> &entries)
{
    for (const auto &entry : entries)
        replay(c, entry);
    return c;
}

QString CaseMerge::overwroteMember()
{
    return u"x-warroom-overwrote"_s;
}

bool CaseMerge::withoutField(store::OutboxEntry &entry, const QString &field)
{
    if (!fieldsSetBy(entry).contains(field))
        return true;
    if (entry.operation != u"UpdateCase"_s)
        return false; // a status or resolver change is nothing but that field
    entry.payload.remove(field);
    if (entry.payload.contains(overwroteMember())) {
        QJsonObject overwrote = entry.payload.value(overwroteMember()).toObject();
        overwrote.remove(field);
        entry.payload.insert(overwroteMember(), overwrote);
    }
    for (auto it = entry.payload.constBegin(); it != entry.payload.constEnd(); ++it) {
        if (it.key() == u"caseId"_s || it.key() == overwroteMember())
            continue;
        if (it.value().isArray() && it.value().toArray().isEmpty())
            continue;
        return true;
    }
    return false;
}

QString CaseMerge::displayValue(const QString &field, const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull()
        || (value.isString() && value.toString().isEmpty() && field != u"title"_s))
        return QCoreApplication::translate("warroom::sync::CaseMerge", "not set");
    if (field == u"caseMetadata"_s) {
        QStringList parts;
        for (const auto &item : value.toArray()) {
            const QJsonObject entry = item.toObject();
            parts << entry.value(u"key"_s).toString() + u'=' + entry.value(u"value"_s).toString();
        }
        return parts.join(u", "_s);
    }
    if (value.isDouble()) {
        // GetCase timestamps are epoch seconds.
        return QDateTime::fromMSecsSinceEpoch(qint64(value.toDouble() * 1000), Qt::UTC)
            .toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
    }
    return value.toVariant().toString();
}

QString CaseMerge::fieldLabel(const QString &field)
{
    static const QHash<QString, const char *> labels {{u"title"_s, "Title"},
        {u"description"_s, "Description"}, {u"engagementType"_s, "Engagement type"},
        {u"reportedIncidentStartDate"_s, "Reported incident start"},
        {u"actualIncidentStartDate"_s, "Actual incident start"},
        {u"caseMetadata"_s, "Case metadata"}, {CaseStatusField, "Status"},
        {ResolverField, "Resolver"}};
    const char *label = labels.value(field);
    return label ? QCoreApplication::translate("warroom::sync::CaseMerge", label) : field;
}

} // namespace warroom::sync

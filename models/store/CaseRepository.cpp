#include "CaseRepository.h"

#include "Database.h"
#include "SqlValues.h"
#include "domain/CaseJson.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;
using namespace warroom::domain;

namespace {

template<typename E> QVariant enumText(const std::optional<E> &value)
{
    return value ? QVariant(toString(*value)) : QVariant(u""_s);
}

template<typename E> std::optional<E> enumFrom(const QVariant &value)
{
    return fromString<E>(value.toString());
}

template<typename T> QJsonArray toArray(const QList<T> &values)
{
    QJsonArray array;
    for (const T &value : values)
        array.append(toJson(value));
    return array;
}

template<typename T> QList<T> fromArray(const QJsonArray &array)
{
    QList<T> values;
    for (const QJsonValue &item : array) {
        T value;
        fromJson(item.toObject(), value);
        values.append(value);
    }
    return values;
}

const QString SummaryColumns = u"case_id, last_updated_date, title, case_arn, engagement_type, "
                               u"case_status, created_date, closed_date, resolver_type, "
                               u"pending_action"_s;

CaseSummary summaryFromQuery(const QSqlQuery &q)
{
    CaseSummary s;
    s.caseId = q.value(0).toString();
    s.lastUpdatedDate = sql::timeFromValue(q.value(1));
    s.title = q.value(2).toString();
    s.caseArn = q.value(3).toString();
    s.engagementType = enumFrom<EngagementType>(q.value(4));
    s.caseStatus = enumFrom<CaseStatus>(q.value(5));
    s.createdDate = sql::timeFromValue(q.value(6));
    s.closedDate = sql::timeFromValue(q.value(7));
    s.resolverType = enumFrom<ResolverType>(q.value(8));
    s.pendingAction = enumFrom<PendingAction>(q.value(9));
    return s;
}

} // namespace

CaseRepository::CaseRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

bool CaseRepository::upsert(const Case &c, QString *error)
{
    if (c.caseId.isEmpty()) {
        if (error)
            *error = u"A case needs a caseId to be stored."_s;
        return false;
    }
    QSqlQuery q(m_connection);
    q.prepare(u"INSERT INTO cases (case_id, case_arn, title, description, case_status, "
              u"engagement_type, resolver_type, pending_action, closure_code, "
              u"reported_incident_start, actual_incident_start, created_date, last_updated_date, "
              u"closed_date, impacted_accounts, impacted_regions, impacted_services, "
              u"threat_actor_ips, watchers, case_metadata, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
              u"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET "
              u"case_arn = excluded.case_arn, title = excluded.title, description = "
              u"excluded.description, case_status = excluded.case_status, engagement_type = "
              u"excluded.engagement_type, resolver_type = excluded.resolver_type, pending_action "
              u"= excluded.pending_action, closure_code = excluded.closure_code, "
              u"reported_incident_start = excluded.reported_incident_start, "
              u"actual_incident_start = excluded.actual_incident_start, created_date = "
              u"excluded.created_date, last_updated_date = excluded.last_updated_date, "
              u"closed_date = excluded.closed_date, impacted_accounts = "
              u"excluded.impacted_accounts, impacted_regions = excluded.impacted_regions, "
              u"impacted_services = excluded.impacted_services, threat_actor_ips = "
              u"excluded.threat_actor_ips, watchers = excluded.watchers, case_metadata = "
              u"excluded.case_metadata, tags = excluded.tags"_s);
    QJsonObject tags;
    for (auto it = c.tags.cbegin(); it != c.tags.cend(); ++it)
        tags.insert(it.key(), it.value());
    q.addBindValue(c.caseId);
    q.addBindValue(sql::text(c.caseArn));
    q.addBindValue(sql::text(c.title));
    q.addBindValue(sql::text(c.description));
    q.addBindValue(enumText(c.caseStatus));
    q.addBindValue(enumText(c.engagementType));
    q.addBindValue(enumText(c.resolverType));
    q.addBindValue(enumText(c.pendingAction));
    q.addBindValue(enumText(c.closureCode));
    q.addBindValue(sql::timeValue(c.reportedIncidentStartDate));
    q.addBindValue(sql::timeValue(c.actualIncidentStartDate));
    q.addBindValue(sql::timeValue(c.createdDate));
    q.addBindValue(sql::timeValue(c.lastUpdatedDate));
    q.addBindValue(sql::timeValue(c.closedDate));
    q.addBindValue(sql::jsonText(QJsonArray::fromStringList(c.impactedAccounts)));
    q.addBindValue(sql::jsonText(toArray(c.impactedAwsRegions)));
    q.addBindValue(sql::jsonText(QJsonArray::fromStringList(c.impactedServices)));
    q.addBindValue(sql::jsonText(toArray(c.threatActorIpAddresses)));
    q.addBindValue(sql::jsonText(toArray(c.watchers)));
    q.addBindValue(sql::jsonText(toArray(c.caseMetadata)));
    q.addBindValue(sql::jsonText(tags));
    if (!execQuery(q, error))
        return false;

    QSqlQuery del(m_connection);
    del.prepare(u"DELETE FROM attachments WHERE case_id = ?"_s);
    del.addBindValue(c.caseId);
    if (!execQuery(del, error))
        return false;
    QSqlQuery att(m_connection);
    att.prepare(u"INSERT INTO attachments (case_id, attachment_id, position, file_name, "
                u"attachment_status, creator, created_date) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    for (int i = 0; i < c.caseAttachments.size(); ++i) {
        const Attachment &a = c.caseAttachments.at(i);
        att.addBindValue(c.caseId);
        att.addBindValue(sql::text(a.attachmentId));
        att.addBindValue(i);
        att.addBindValue(sql::text(a.fileName));
        att.addBindValue(enumText(a.attachmentStatus));
        att.addBindValue(sql::text(a.creator));
        att.addBindValue(sql::timeValue(a.createdDate));
        if (!execQuery(att, error))
            return false;
    }
    return true;
}

std::optional<QDateTime> CaseRepository::lastUpdated(const QString &caseId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT last_updated_date FROM cases WHERE case_id = ?"_s);
    q.addBindValue(caseId);
    if (!execQuery(q, error) || !q.next())
        return std::nullopt;
    return sql::timeFromValue(q.value(0));
}

std::optional<Case> CaseRepository::get(const QString &caseId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT case_id, case_arn, title, description, case_status, engagement_type, "
              u"resolver_type, pending_action, closure_code, reported_incident_start, "
              u"actual_incident_start, created_date, last_updated_date, closed_date, "
              u"impacted_accounts, impacted_regions, impacted_services, threat_actor_ips, "
              u"watchers, case_metadata, tags FROM cases WHERE case_id = ?"_s);
    q.addBindValue(caseId);
    if (!execQuery(q, error) || !q.next())
        return std::nullopt;
    Case c;
    c.caseId = q.value(0).toString();
    c.caseArn = q.value(1).toString();
    c.title = q.value(2).toString();
    c.description = q.value(3).toString();
    c.caseStatus = enumFrom<CaseStatus>(q.value(4));
    c.engagementType = enumFrom<EngagementType>(q.value(5));
    c.resolverType = enumFrom<ResolverType>(q.value(6));
    c.pendingAction = enumFrom<PendingAction>(q.value(7));
    c.closureCode = enumFrom<ClosureCode>(q.value(8));
    c.reportedIncidentStartDate = sql::timeFromValue(q.value(9));
    c.actualIncidentStartDate = sql::timeFromValue(q.value(10));
    c.createdDate = sql::timeFromValue(q.value(11));
    c.lastUpdatedDate = sql::timeFromValue(q.value(12));
    c.closedDate = sql::timeFromValue(q.value(13));
    for (const QJsonValue &v : sql::jsonArray(q.value(14)))
        c.impactedAccounts.append(v.toString());
    c.impactedAwsRegions = fromArray<ImpactedRegion>(sql::jsonArray(q.value(15)));
    for (const QJsonValue &v : sql::jsonArray(q.value(16)))
        c.impactedServices.append(v.toString());
    c.threatActorIpAddresses = fromArray<ThreatActorIp>(sql::jsonArray(q.value(17)));
    c.watchers = fromArray<Watcher>(sql::jsonArray(q.value(18)));
    c.caseMetadata = fromArray<CaseMetadataEntry>(sql::jsonArray(q.value(19)));
    const QJsonObject tags = sql::jsonObject(q.value(20));
    for (auto it = tags.begin(); it != tags.end(); ++it)
        c.tags.insert(it.key(), it.value().toString());

    QSqlQuery att(m_connection);
    att.prepare(u"SELECT attachment_id, file_name, attachment_status, creator, created_date "
                u"FROM attachments WHERE case_id = ? ORDER BY position"_s);
    att.addBindValue(caseId);
    if (!execQuery(att, error))
        return std::nullopt;
    while (att.next()) {
        Attachment a;
        a.attachmentId = att.value(0).toString();
        a.fileName = att.value(1).toString();
        a.attachmentStatus = enumFrom<AttachmentStatus>(att.value(2));
        a.creator = att.value(3).toString();
        a.createdDate = sql::timeFromValue(att.value(4));
        c.caseAttachments.append(a);
    }
    return c;
}

QList<CaseSummary> CaseRepository::listSummaries(const CaseFilter &filter, QString *error) const
{
    QString statement = u"SELECT "_s + SummaryColumns + u" FROM cases WHERE 1 = 1"_s;
    if (filter.status)
        statement += u" AND case_status = :status"_s;
    if (!filter.titleContains.isEmpty())
        statement += u" AND instr(lower(title), lower(:title)) > 0"_s;
    switch (filter.order) {
    case CaseOrder::LastUpdatedDesc:
        statement += u" ORDER BY last_updated_date DESC, case_id"_s;
        break;
    case CaseOrder::CreatedDesc:
        statement += u" ORDER BY created_date DESC, case_id"_s;
        break;
    case CaseOrder::CreatedAsc:
        statement += u" ORDER BY created_date ASC, case_id"_s;
        break;
    case CaseOrder::TitleAsc:
        statement += u" ORDER BY title COLLATE NOCASE, case_id"_s;
        break;
    case CaseOrder::StatusAsc:
        statement += u" ORDER BY case_status, last_updated_date DESC, case_id"_s;
        break;
    }
    statement += u" LIMIT :limit OFFSET :offset"_s;
    QSqlQuery q(m_connection);
    q.prepare(statement);
    if (filter.status)
        q.bindValue(u":status"_s, toString(*filter.status));
    if (!filter.titleContains.isEmpty())
        q.bindValue(u":title"_s, filter.titleContains);
    q.bindValue(u":limit"_s, filter.limit);
    q.bindValue(u":offset"_s, filter.offset);
    QList<CaseSummary> result;
    if (!execQuery(q, error))
        return result;
    while (q.next())
        result.append(summaryFromQuery(q));
    return result;
}

qint64 CaseRepository::count(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT COUNT(*) FROM cases"_s);
    if (!execQuery(q, error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QMap<CaseStatus, qint64> CaseRepository::countByStatus(QString *error) const
{
    QMap<CaseStatus, qint64> counts;
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT case_status, COUNT(*) FROM cases GROUP BY case_status"_s);
    if (!execQuery(q, error))
        return counts;
    while (q.next()) {
        if (const auto status = enumFrom<CaseStatus>(q.value(0)))
            counts.insert(*status, q.value(1).toLongLong());
    }
    return counts;
}

bool CaseRepository::remove(const QString &caseId, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"DELETE FROM cases WHERE case_id = ?"_s);
    q.addBindValue(caseId);
    return execQuery(q, error);
}

} // namespace warroom::store

#include "FindingRepository.h"

#include "SqlValues.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;
using namespace warroom::domain;

namespace {

const QString Columns = u"id, source, product_name, type, title, description, severity, "
                        u"severity_label, account_id, region, resource_type, resource_id, "
                        u"remote_ips, first_seen, last_seen, created_at, updated_at, count, "
                        u"archived, workflow_state, fingerprint, verdict, verdict_rule, case_id, "
                        u"raw"_s;

} // namespace

FindingRepository::FindingRepository(const QSqlDatabase &connection)
    : m_connection(connection)
    , m_upsert(connection)
{
}

bool FindingRepository::upsert(const Finding &f, QString *error)
{
    if (m_upsert.lastQuery().isEmpty()) {
        QStringList updates;
        const QStringList names = Columns.split(u", "_s);
        for (const QString &name : names) {
            if (name != u"id"_s)
                updates.append(name + u" = excluded."_s + name);
        }
        m_upsert.prepare(u"INSERT INTO findings ("_s + Columns + u") VALUES (?"_s
            + u", ?"_s.repeated(static_cast<int>(names.size()) - 1)
            + u") ON CONFLICT (id) DO UPDATE SET "_s + updates.join(u", "_s));
    }
    QJsonArray ips = QJsonArray::fromStringList(f.remoteIps);
    m_upsert.addBindValue(sql::text(f.id));
    m_upsert.addBindValue(toString(f.source));
    m_upsert.addBindValue(sql::text(f.productName));
    m_upsert.addBindValue(sql::text(f.type));
    m_upsert.addBindValue(sql::text(f.title));
    m_upsert.addBindValue(sql::text(f.description));
    m_upsert.addBindValue(f.severityScore);
    m_upsert.addBindValue(toString(f.severityLabel));
    m_upsert.addBindValue(sql::text(f.accountId));
    m_upsert.addBindValue(sql::text(f.region));
    m_upsert.addBindValue(sql::text(f.resourceType));
    m_upsert.addBindValue(sql::text(f.resourceId));
    m_upsert.addBindValue(sql::jsonText(ips));
    m_upsert.addBindValue(sql::timeValue(f.firstSeen));
    m_upsert.addBindValue(sql::timeValue(f.lastSeen));
    m_upsert.addBindValue(sql::timeValue(f.createdAt));
    m_upsert.addBindValue(sql::timeValue(f.updatedAt));
    m_upsert.addBindValue(f.count);
    m_upsert.addBindValue(f.archived ? 1 : 0);
    m_upsert.addBindValue(sql::text(f.workflowState));
    m_upsert.addBindValue(f.fingerprint());
    m_upsert.addBindValue(toString(f.verdict));
    m_upsert.addBindValue(sql::text(f.verdictRule));
    m_upsert.addBindValue(sql::textOrNull(f.caseId));
    m_upsert.addBindValue(QString::fromUtf8(f.rawJson));
    return execQuery(m_upsert, error);
}

bool FindingRepository::upsert(const QList<Finding> &findings, QString *error)
{
    for (const Finding &f : findings) {
        if (!upsert(f, error))
            return false;
    }
    return true;
}

bool FindingRepository::upsertBatched(Database &database, const QList<Finding> &findings,
    int batchSize, const Database::ProgressFunction &progress, QString *error, bool *cancelled)
{
    return database.writeBatched(
        findings.size(), batchSize,
        [&](QSqlDatabase &connection, qint64 begin, qint64 end, QString *batchError) {
            FindingRepository repository(connection);
            for (qint64 i = begin; i < end; ++i) {
                if (!repository.upsert(findings.at(i), batchError))
                    return false;
            }
            return true;
        },
        progress, error, cancelled);
}

std::optional<Finding> FindingRepository::get(const QString &id, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT "_s + Columns + u" FROM findings WHERE id = ?"_s);
    q.addBindValue(id);
    if (!execQuery(q, error) || !q.next())
        return std::nullopt;
    Finding f;
    f.id = q.value(0).toString();
    f.source = findingSourceFromString(q.value(1).toString()).value_or(FindingSource::GuardDuty);
    f.productName = q.value(2).toString();
    f.type = q.value(3).toString();
    f.title = q.value(4).toString();
    f.description = q.value(5).toString();
    f.severityScore = q.value(6).toDouble();
    f.severityLabel = severityLabelFromString(q.value(7).toString())
                          .value_or(severityLabelForScore(f.severityScore));
    f.accountId = q.value(8).toString();
    f.region = q.value(9).toString();
    f.resourceType = q.value(10).toString();
    f.resourceId = q.value(11).toString();
    for (const QJsonValue &ip : sql::jsonArray(q.value(12)))
        f.remoteIps.append(ip.toString());
    f.firstSeen = sql::timeFromValue(q.value(13));
    f.lastSeen = sql::timeFromValue(q.value(14));
    f.createdAt = sql::timeFromValue(q.value(15));
    f.updatedAt = sql::timeFromValue(q.value(16));
    f.count = q.value(17).toLongLong();
    f.archived = q.value(18).toInt() != 0;
    f.workflowState = q.value(19).toString();
    f.verdict = verdictFromString(q.value(21).toString()).value_or(Verdict::Unset);
    f.verdictRule = q.value(22).toString();
    f.caseId = q.value(23).toString();
    f.rawJson = q.value(24).toString().toUtf8();
    return f;
}

qint64 FindingRepository::count(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT COUNT(*) FROM findings"_s);
    if (!execQuery(q, error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QMap<Verdict, qint64> FindingRepository::countByVerdict(QString *error) const
{
    QMap<Verdict, qint64> counts;
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT verdict, COUNT(*) FROM findings GROUP BY verdict"_s);
    if (!execQuery(q, error))
        return counts;
    while (q.next())
        counts[verdictFromString(q.value(0).toString()).value_or(Verdict::Unset)]
            += q.value(1).toLongLong();
    return counts;
}

bool FindingRepository::setVerdict(
    const QString &id, Verdict verdict, const QString &rule, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"UPDATE findings SET verdict = ?, verdict_rule = ? WHERE id = ?"_s);
    q.addBindValue(toString(verdict));
    q.addBindValue(sql::text(rule));
    q.addBindValue(id);
    return execQuery(q, error);
}

bool FindingRepository::linkToCase(const QString &id, const QString &caseId, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"UPDATE findings SET case_id = ? WHERE id = ?"_s);
    q.addBindValue(sql::textOrNull(caseId));
    q.addBindValue(id);
    return execQuery(q, error);
}

QStringList FindingRepository::search(const QString &ftsQuery, int limit, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT f.id FROM findings_fts JOIN findings f ON f.rowid = findings_fts.rowid "
              u"WHERE findings_fts MATCH ? ORDER BY rank LIMIT ?"_s);
    q.addBindValue(ftsQuery);
    q.addBindValue(limit);
    QStringList ids;
    if (!execQuery(q, error))
        return ids;
    while (q.next())
        ids.append(q.value(0).toString());
    return ids;
}

} // namespace warroom::store

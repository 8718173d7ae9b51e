#include "SyncConflictRepository.h"

#include "Database.h"
#include "SqlValues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;

namespace {

// A JSON value of any kind as text: wrapped in a one-element array.
QString valueText(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact));
}

QJsonValue valueFrom(const QVariant &text)
{
    const QJsonArray array = QJsonDocument::fromJson(text.toString().toUtf8()).array();
    return array.isEmpty() ? QJsonValue() : array.first();
}

bool run(QSqlQuery &query, const QVariantList &values, QString *error)
{
    for (const auto &value : values)
        query.addBindValue(value);
    return execQuery(query, error);
}

} // namespace

SyncConflictRepository::SyncConflictRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

std::optional<QJsonObject> SyncConflictRepository::base(const QString &caseId, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(u"SELECT remote FROM sync_base WHERE case_id = ?"_s);
    if (!run(query, {caseId}, error) || !query.next())
        return std::nullopt;
    return sql::jsonObject(query.value(0));
}

std::optional<QJsonValue> SyncConflictRepository::baseLastUpdated(
    const QString &caseId, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(
        u"SELECT json_extract(remote, '$.lastUpdatedDate') FROM sync_base WHERE case_id = ?"_s);
    if (!run(query, {caseId}, error) || !query.next())
        return std::nullopt;
    return QJsonValue::fromVariant(query.value(0));
}

bool SyncConflictRepository::setBase(
    const QString &caseId, const QJsonObject &remote, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"INSERT INTO sync_base (case_id, remote) VALUES (?, ?) "
                  u"ON CONFLICT (case_id) DO UPDATE SET remote = excluded.remote"_s);
    return run(query, {caseId, sql::jsonText(remote)}, error);
}

bool SyncConflictRepository::removeBase(const QString &caseId, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"DELETE FROM sync_base WHERE case_id = ?"_s);
    return run(query, {caseId}, error);
}

QList<SyncConflict> SyncConflictRepository::select(
    const QString &where, const QVariantList &values, QString *error) const
{
    QList<SyncConflict> result;
    QSqlQuery query(m_connection);
    query.prepare(u"SELECT case_id, field, base_value, local_value, remote_value, detected_at "
                  u"FROM sync_conflicts "_s
        + where + u" ORDER BY detected_at, case_id, field"_s);
    if (!run(query, values, error))
        return result;
    while (query.next()) {
        SyncConflict c;
        c.caseId = query.value(0).toString();
        c.field = query.value(1).toString();
        c.baseValue = valueFrom(query.value(2));
        c.localValue = valueFrom(query.value(3));
        c.remoteValue = valueFrom(query.value(4));
        c.detectedAt = sql::timeFromValue(query.value(5));
        result.append(c);
    }
    return result;
}

QList<SyncConflict> SyncConflictRepository::list(QString *error) const
{
    return select(QString(), {}, error);
}

QList<SyncConflict> SyncConflictRepository::listForCase(const QString &caseId, QString *error) const
{
    return select(u"WHERE case_id = ?"_s, {caseId}, error);
}

std::optional<SyncConflict> SyncConflictRepository::get(
    const QString &caseId, const QString &field, QString *error) const
{
    const auto found = select(u"WHERE case_id = ? AND field = ?"_s, {caseId, field}, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

qint64 SyncConflictRepository::count(QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(u"SELECT COUNT(*) FROM sync_conflicts"_s);
    if (!run(query, {}, error) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

bool SyncConflictRepository::upsert(const SyncConflict &conflict, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"INSERT INTO sync_conflicts (case_id, field, base_value, local_value, "
                  u"remote_value, detected_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, "
                  u"field) DO UPDATE SET local_value = excluded.local_value, remote_value = "
                  u"excluded.remote_value"_s);
    const QDateTime at
        = conflict.detectedAt.isValid() ? conflict.detectedAt : QDateTime::currentDateTimeUtc();
    return run(query,
        {conflict.caseId, conflict.field, valueText(conflict.baseValue),
            valueText(conflict.localValue), valueText(conflict.remoteValue), sql::timeValue(at)},
        error);
}

bool SyncConflictRepository::remove(const QString &caseId, const QString &field, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"DELETE FROM sync_conflicts WHERE case_id = ? AND field = ?"_s);
    return run(query, {caseId, field}, error);
}

bool SyncConflictRepository::moveCase(const QString &oldId, const QString &newId, QString *error)
{
    QSqlQuery conflicts(m_connection);
    conflicts.prepare(u"UPDATE sync_conflicts SET case_id = ? WHERE case_id = ?"_s);
    QSqlQuery base(m_connection);
    base.prepare(u"UPDATE sync_base SET case_id = ? WHERE case_id = ?"_s);
    return run(conflicts, {newId, oldId}, error) && run(base, {newId, oldId}, error);
}

} // namespace warroom::store

#include "OutboxRepository.h"

#include "Database.h"
#include "SqlValues.h"

#include <QSqlQuery>
#include <QUuid>

namespace warroom::store {

using namespace Qt::StringLiterals;

namespace {

const QString SelectColumns
    = u"SELECT id, case_id, operation, payload, client_token, created_at, "
      u"attempts, last_error, state, next_attempt_at, sent_at FROM outbox "_s;

OutboxEntry::State stateFromString(const QString &text)
{
    if (text == u"sent"_s)
        return OutboxEntry::State::Sent;
    if (text == u"failed"_s)
        return OutboxEntry::State::Failed;
    return OutboxEntry::State::Pending;
}

OutboxEntry entryFromQuery(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.caseId = query.value(1).toString();
    entry.operation = query.value(2).toString();
    entry.payload = sql::jsonObject(query.value(3));
    entry.clientToken = query.value(4).toString();
    entry.createdAt = sql::timeFromValue(query.value(5));
    entry.attempts = query.value(6).toInt();
    entry.lastError = query.value(7).toString();
    entry.state = stateFromString(query.value(8).toString());
    const qint64 next = query.value(9).toLongLong();
    if (next > 0)
        entry.nextAttemptAt = sql::timeFromValue(query.value(9));
    entry.sentAt = sql::timeFromValue(query.value(10));
    return entry;
}

QList<OutboxEntry> entries(QSqlQuery &query, QString *error)
{
    QList<OutboxEntry> result;
    if (!execQuery(query, error))
        return result;
    while (query.next())
        result.append(entryFromQuery(query));
    return result;
}

// Pending entries due at `now` that are the oldest unsent entry of their case, whose case
// has no sync conflict waiting for the user.
const QString HeadCondition = u"o.state = 'pending' AND o.next_attempt_at <= :now AND o.id = "
                              u"(SELECT MIN(h.id) FROM outbox h WHERE h.case_id = o.case_id "
                              u"AND h.state <> 'sent') AND NOT EXISTS (SELECT 1 FROM "
                              u"sync_conflicts k WHERE k.case_id = o.case_id)"_s;

} // namespace

QString toString(OutboxEntry::State state)
{
    switch (state) {
    case OutboxEntry::State::Pending:
        return u"pending"_s;
    case OutboxEntry::State::Sent:
        return u"sent"_s;
    case OutboxEntry::State::Failed:
        return u"failed"_s;
    }
    return u"pending"_s;
}

OutboxRepository::OutboxRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

qint64 OutboxRepository::enqueue(const OutboxEntry &entry, QString *error)
{
    if (entry.operation.isEmpty()) {
        if (error)
            *error = u"An outbox entry needs an operation name."_s;
        return 0;
    }
    QSqlQuery query(m_connection);
    query.prepare(u"INSERT INTO outbox (case_id, operation, payload, client_token, created_at, "
                  u"attempts, last_error, state, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                  u"?, ?)"_s);
    const QString token = entry.clientToken.isEmpty()
        ? QUuid::createUuid().toString(QUuid::WithoutBraces)
        : entry.clientToken;
    const QDateTime created
        = entry.createdAt.isValid() ? entry.createdAt : QDateTime::currentDateTimeUtc();
    query.addBindValue(sql::text(entry.caseId));
    query.addBindValue(sql::text(entry.operation));
    query.addBindValue(sql::jsonText(entry.payload));
    query.addBindValue(token);
    query.addBindValue(sql::timeValue(created));
    query.addBindValue(entry.attempts);
    query.addBindValue(sql::text(entry.lastError));
    query.addBindValue(toString(entry.state));
    query.addBindValue(
        entry.nextAttemptAt.isValid() ? sql::timeValue(entry.nextAttemptAt) : QVariant(0));
    if (!execQuery(query, error))
        return 0;
    return query.lastInsertId().toLongLong();
}

std::optional<OutboxEntry> OutboxRepository::get(qint64 id, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(SelectColumns + u"WHERE id = ?"_s);
    query.addBindValue(id);
    const QList<OutboxEntry> found = entries(query, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<OutboxEntry> OutboxRepository::nextPending(
    const QString &caseId, const QDateTime &now, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(SelectColumns + u"o WHERE o.case_id = :case AND "_s + HeadCondition);
    query.bindValue(u":case"_s, caseId);
    query.bindValue(u":now"_s, sql::timeValue(now));
    const QList<OutboxEntry> found = entries(query, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<OutboxEntry> OutboxRepository::nextPendingPerCase(const QDateTime &now, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(SelectColumns + u"o WHERE "_s + HeadCondition + u" ORDER BY o.id"_s);
    query.bindValue(u":now"_s, sql::timeValue(now));
    return entries(query, error);
}

QList<OutboxEntry> OutboxRepository::list(OutboxEntry::State state, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(SelectColumns + u"WHERE state = ? ORDER BY id"_s);
    query.addBindValue(toString(state));
    return entries(query, error);
}

qint64 OutboxRepository::count(OutboxEntry::State state, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(u"SELECT COUNT(*) FROM outbox WHERE state = ?"_s);
    query.addBindValue(toString(state));
    if (!execQuery(query, error) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

namespace {

bool updateOne(QSqlQuery &query, qint64 id, QString *error)
{
    if (!execQuery(query, error))
        return false;
    if (query.numRowsAffected() != 1) {
        if (error)
            *error = u"There is no outbox entry %1."_s.arg(id);
        return false;
    }
    return true;
}

} // namespace

bool OutboxRepository::markSent(qint64 id, const QDateTime &sentAt, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"UPDATE outbox SET state = 'sent', attempts = attempts + 1, last_error = '', "
                  u"sent_at = ? WHERE id = ?"_s);
    query.addBindValue(sql::timeValue(sentAt));
    query.addBindValue(id);
    return updateOne(query, id, error);
}

bool OutboxRepository::markRetry(
    qint64 id, const QString &lastError, const QDateTime &nextAttemptAt, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
                  u"next_attempt_at = ? WHERE id = ? AND state = 'pending'"_s);
    query.addBindValue(sql::text(lastError));
    query.addBindValue(nextAttemptAt.isValid() ? sql::timeValue(nextAttemptAt) : QVariant(0));
    query.addBindValue(id);
    return updateOne(query, id, error);
}

bool OutboxRepository::markFailed(qint64 id, const QString &lastError, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ? "
                  u"WHERE id = ?"_s);
    query.addBindValue(sql::text(lastError));
    query.addBindValue(id);
    return updateOne(query, id, error);
}

bool OutboxRepository::requeue(qint64 id, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"UPDATE outbox SET state = 'pending', next_attempt_at = 0 "
                  u"WHERE id = ? AND state = 'failed'"_s);
    query.addBindValue(id);
    return updateOne(query, id, error);
}

bool OutboxRepository::updatePayload(
    qint64 id, const QJsonObject &payload, const QString &clientToken, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"UPDATE outbox SET payload = ?, client_token = ?, state = 'pending', "
                  u"next_attempt_at = 0 WHERE id = ? AND state <> 'sent'"_s);
    query.addBindValue(sql::jsonText(payload));
    query.addBindValue(clientToken);
    query.addBindValue(id);
    return updateOne(query, id, error);
}

QList<OutboxEntry> OutboxRepository::unsentForCase(const QString &caseId, QString *error) const
{
    QSqlQuery query(m_connection);
    query.prepare(SelectColumns + u"WHERE case_id = ? AND state <> 'sent' ORDER BY id"_s);
    query.addBindValue(caseId);
    return entries(query, error);
}

bool OutboxRepository::remove(qint64 id, QString *error)
{
    QSqlQuery query(m_connection);
    query.prepare(u"DELETE FROM outbox WHERE id = ?"_s);
    query.addBindValue(id);
    return updateOne(query, id, error);
}

} // namespace warroom::store

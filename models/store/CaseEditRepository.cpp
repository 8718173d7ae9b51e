#include "CaseEditRepository.h"

#include "Database.h"
#include "SqlValues.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;
using domain::CaseEdit;

CaseEditRepository::CaseEditRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

bool CaseEditRepository::append(const CaseEdit &edit, QString *error, bool *inserted)
{
    QSqlQuery q(m_connection);
    q.prepare(u"INSERT OR IGNORE INTO case_edits (case_id, event_timestamp, principal, action, "
              u"message) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(sql::text(edit.caseId));
    q.addBindValue(sql::timeValue(edit.eventTimestamp));
    q.addBindValue(sql::text(edit.principal));
    q.addBindValue(sql::text(edit.action));
    q.addBindValue(sql::text(edit.message));
    if (!execQuery(q, error))
        return false;
    if (inserted)
        *inserted = q.numRowsAffected() == 1;
    return true;
}

QList<CaseEdit> CaseEditRepository::listForCase(const QString &caseId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT case_id, event_timestamp, principal, action, message FROM case_edits "
              u"WHERE case_id = ? ORDER BY event_timestamp, id"_s);
    q.addBindValue(caseId);
    QList<CaseEdit> result;
    if (!execQuery(q, error))
        return result;
    while (q.next()) {
        CaseEdit e;
        e.caseId = q.value(0).toString();
        e.eventTimestamp = sql::timeFromValue(q.value(1));
        e.principal = q.value(2).toString();
        e.action = q.value(3).toString();
        e.message = q.value(4).toString();
        result.append(e);
    }
    return result;
}

} // namespace warroom::store

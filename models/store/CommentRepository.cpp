#include "CommentRepository.h"

#include "Database.h"
#include "SqlValues.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;
using domain::Comment;

namespace {

const QString Select = u"SELECT case_id, comment_id, created_date, last_updated_date, creator, "
                       u"last_updated_by, body FROM comments "_s;

QList<Comment> comments(QSqlQuery &q, QString *error)
{
    QList<Comment> result;
    if (!execQuery(q, error))
        return result;
    while (q.next()) {
        Comment c;
        c.caseId = q.value(0).toString();
        c.commentId = q.value(1).toString();
        c.createdDate = sql::timeFromValue(q.value(2));
        c.lastUpdatedDate = sql::timeFromValue(q.value(3));
        c.creator = q.value(4).toString();
        c.lastUpdatedBy = q.value(5).toString();
        c.body = q.value(6).toString();
        result.append(c);
    }
    return result;
}

} // namespace

CommentRepository::CommentRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

bool CommentRepository::upsert(const Comment &c, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"INSERT INTO comments (case_id, comment_id, created_date, last_updated_date, "
              u"creator, last_updated_by, body) VALUES (?, ?, ?, ?, ?, ?, ?) "
              u"ON CONFLICT (case_id, comment_id) DO UPDATE SET created_date = "
              u"excluded.created_date, last_updated_date = excluded.last_updated_date, creator "
              u"= excluded.creator, last_updated_by = excluded.last_updated_by, body = "
              u"excluded.body"_s);
    q.addBindValue(sql::text(c.caseId));
    q.addBindValue(sql::text(c.commentId));
    q.addBindValue(sql::timeValue(c.createdDate));
    q.addBindValue(sql::timeValue(c.lastUpdatedDate));
    q.addBindValue(sql::text(c.creator));
    q.addBindValue(sql::text(c.lastUpdatedBy));
    q.addBindValue(sql::text(c.body));
    return execQuery(q, error);
}

std::optional<Comment> CommentRepository::get(
    const QString &caseId, const QString &commentId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(Select + u"WHERE case_id = ? AND comment_id = ?"_s);
    q.addBindValue(caseId);
    q.addBindValue(commentId);
    const QList<Comment> found = comments(q, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<Comment> CommentRepository::listForCase(const QString &caseId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(Select + u"WHERE case_id = ? ORDER BY created_date, comment_id"_s);
    q.addBindValue(caseId);
    return comments(q, error);
}

qint64 CommentRepository::countForCase(const QString &caseId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT COUNT(*) FROM comments WHERE case_id = ?"_s);
    q.addBindValue(caseId);
    if (!execQuery(q, error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool CommentRepository::remove(const QString &caseId, const QString &commentId, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"DELETE FROM comments WHERE case_id = ? AND comment_id = ?"_s);
    q.addBindValue(caseId);
    q.addBindValue(commentId);
    return execQuery(q, error);
}

} // namespace warroom::store

#include "OrganizationRepository.h"

#include "Database.h"
#include "SqlValues.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;

namespace {

QString kindText(OrganizationNode::Kind kind)
{
    switch (kind) {
    case OrganizationNode::Kind::Root:
        return u"root"_s;
    case OrganizationNode::Kind::OrganizationalUnit:
        return u"ou"_s;
    case OrganizationNode::Kind::Account:
        return u"account"_s;
    }
    return u"account"_s;
}

OrganizationNode::Kind kindFrom(const QString &text)
{
    if (text == u"root"_s)
        return OrganizationNode::Kind::Root;
    if (text == u"ou"_s)
        return OrganizationNode::Kind::OrganizationalUnit;
    return OrganizationNode::Kind::Account;
}

const QString Select = u"SELECT id, kind, parent_id, name, email, arn, status, position "
                       u"FROM org_nodes "_s;

QList<OrganizationNode> nodes(QSqlQuery &q, QString *error)
{
    QList<OrganizationNode> result;
    if (!execQuery(q, error))
        return result;
    while (q.next()) {
        OrganizationNode n;
        n.id = q.value(0).toString();
        n.kind = kindFrom(q.value(1).toString());
        n.parentId = q.value(2).toString();
        n.name = q.value(3).toString();
        n.email = q.value(4).toString();
        n.arn = q.value(5).toString();
        n.status = q.value(6).toString();
        n.position = q.value(7).toInt();
        result.append(n);
    }
    return result;
}

} // namespace

bool OrganizationNode::operator==(const OrganizationNode &o) const
{
    return id == o.id && kind == o.kind && parentId == o.parentId && name == o.name
        && email == o.email && arn == o.arn && status == o.status && position == o.position;
}

OrganizationRepository::OrganizationRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

bool OrganizationRepository::replaceAll(const QList<OrganizationNode> &all, QString *error)
{
    QSqlQuery del(m_connection);
    del.prepare(u"DELETE FROM org_nodes"_s);
    if (!execQuery(del, error))
        return false;
    for (const OrganizationNode &node : all) {
        if (!upsert(node, error))
            return false;
    }
    return true;
}

bool OrganizationRepository::upsert(const OrganizationNode &n, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"INSERT OR REPLACE INTO org_nodes (id, kind, parent_id, name, email, arn, status, "
              u"position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(sql::text(n.id));
    q.addBindValue(kindText(n.kind));
    q.addBindValue(sql::textOrNull(n.parentId));
    q.addBindValue(sql::text(n.name));
    q.addBindValue(sql::text(n.email));
    q.addBindValue(sql::text(n.arn));
    q.addBindValue(sql::text(n.status));
    q.addBindValue(n.position);
    return execQuery(q, error);
}

std::optional<OrganizationNode> OrganizationRepository::get(const QString &id, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(Select + u"WHERE id = ?"_s);
    q.addBindValue(id);
    const QList<OrganizationNode> found = nodes(q, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<OrganizationNode> OrganizationRepository::roots(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(Select + u"WHERE kind = 'root' ORDER BY position, id"_s);
    return nodes(q, error);
}

QList<OrganizationNode> OrganizationRepository::children(
    const QString &parentId, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(Select + u"WHERE parent_id = ? ORDER BY position, id"_s);
    q.addBindValue(parentId);
    return nodes(q, error);
}

QList<OrganizationNode> OrganizationRepository::accounts(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(Select + u"WHERE kind = 'account' ORDER BY name, id"_s);
    return nodes(q, error);
}

qint64 OrganizationRepository::count(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT COUNT(*) FROM org_nodes"_s);
    if (!execQuery(q, error) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace warroom::store

#include "RuleRepository.h"

#include "Database.h"
#include "SqlValues.h"
#include "domain/SuppressionRuleJson.h"

#include <QSqlQuery>

namespace warroom::store {

using namespace Qt::StringLiterals;
using domain::SuppressionRule;

RuleRepository::RuleRepository(const QSqlDatabase &connection)
    : m_connection(connection)
{
}

bool RuleRepository::upsert(const SuppressionRule &rule, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"INSERT INTO rules (id, position, name, enabled, json, updated_at) VALUES (?, ?, "
              u"?, ?, ?, strftime('%s', 'now')) ON CONFLICT (id) DO UPDATE SET position = "
              u"excluded.position, name = excluded.name, enabled = excluded.enabled, json = "
              u"excluded.json, updated_at = excluded.updated_at"_s);
    q.addBindValue(sql::text(rule.id));
    q.addBindValue(rule.position);
    q.addBindValue(sql::text(rule.name));
    q.addBindValue(rule.enabled ? 1 : 0);
    q.addBindValue(sql::jsonText(domain::toJson(rule)));
    return execQuery(q, error);
}

namespace {

QList<SuppressionRule> rules(QSqlQuery &q, QString *error)
{
    QList<SuppressionRule> result;
    if (!execQuery(q, error))
        return result;
    while (q.next()) {
        SuppressionRule rule;
        domain::fromJson(sql::jsonObject(q.value(0)), rule);
        result.append(rule);
    }
    return result;
}

} // namespace

std::optional<SuppressionRule> RuleRepository::get(const QString &id, QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT json FROM rules WHERE id = ?"_s);
    q.addBindValue(id);
    const QList<SuppressionRule> found = rules(q, error);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<SuppressionRule> RuleRepository::list(QString *error) const
{
    QSqlQuery q(m_connection);
    q.prepare(u"SELECT json FROM rules ORDER BY position, id"_s);
    return rules(q, error);
}

bool RuleRepository::remove(const QString &id, QString *error)
{
    QSqlQuery q(m_connection);
    q.prepare(u"DELETE FROM rules WHERE id = ?"_s);
    q.addBindValue(id);
    return execQuery(q, error);
}

} // namespace warroom::store

#pragma once

#include "domain/SuppressionRule.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace warroom::store {

// Triage rules, stored as their JSON with the columns used for ordering.
class RuleRepository final
{
public:
    explicit RuleRepository(const QSqlDatabase &connection);

    bool upsert(const domain::SuppressionRule &rule, QString *error);
    std::optional<domain::SuppressionRule> get(const QString &id, QString *error = nullptr) const;
    // Ascending position, the order the engine runs them in.
    QList<domain::SuppressionRule> list(QString *error = nullptr) const;
    bool remove(const QString &id, QString *error);

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store

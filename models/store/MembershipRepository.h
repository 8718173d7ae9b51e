#pragma once

#include "domain/Membership.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace warroom::store {

// Memberships (normally one per workspace), with responders and OUs also kept in
// tables of their own for queries.
class MembershipRepository final
{
public:
    explicit MembershipRepository(const QSqlDatabase &connection);

    bool upsert(const domain::Membership &membership, QString *error);
    std::optional<domain::Membership> get(
        const QString &membershipId, QString *error = nullptr) const;
    // The active membership, else the most recently stored one.
    std::optional<domain::Membership> current(QString *error = nullptr) const;
    QList<domain::Membership> list(QString *error = nullptr) const;
    bool remove(const QString &membershipId, QString *error);

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store

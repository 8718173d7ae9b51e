#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace warroom::store {

// One node of the AWS Organizations tree (the demo one or a real one).
struct OrganizationNode final
{
    enum class Kind { Root, OrganizationalUnit, Account };

    QString id; // r-xxxx, ou-xxxx-xxxxxxxx, 12-digit account ID
    Kind kind = Kind::Account;
    QString parentId; // empty for a root
    QString name;
    QString email; // accounts only
    QString arn;
    QString status; // accounts: ACTIVE, SUSPENDED, ...
    int position = 0; // order among siblings

    bool operator==(const OrganizationNode &other) const;
    bool operator!=(const OrganizationNode &other) const { return !(*this == other); }
};

class OrganizationRepository final
{
public:
    explicit OrganizationRepository(const QSqlDatabase &connection);

    // Replaces the whole tree (inside a Database::write).
    bool replaceAll(const QList<OrganizationNode> &nodes, QString *error);
    bool upsert(const OrganizationNode &node, QString *error);
    std::optional<OrganizationNode> get(const QString &id, QString *error = nullptr) const;
    QList<OrganizationNode> roots(QString *error = nullptr) const;
    // Direct children in position order.
    QList<OrganizationNode> children(const QString &parentId, QString *error = nullptr) const;
    QList<OrganizationNode> accounts(QString *error = nullptr) const;
    qint64 count(QString *error = nullptr) const;

private:
    QSqlDatabase m_connection;
};

} // namespace warroom::store

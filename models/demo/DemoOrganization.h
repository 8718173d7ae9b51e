#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace warroom::caseservice {
struct ServiceConfig;
}

namespace warroom::demo {

struct DemoOrganizationalUnit
{
    QString id; // ou-xxxx-xxxxxxxx, or the root's r-xxxx
    QString parentId; // empty for the root
    QString name;
};

struct DemoAccount
{
    QString id; // 12 digits
    QString name;
    QString email;
    QString parentId; // the OU (or root) that holds it
    QString role; // what the account is for, used to pick realistic findings
};

// The organisation the embedded backend and the demo workspace carry: a management
// account, a root, nested OUs and member accounts, as AWS Organizations lists them.
class DemoOrganization final
{
public:
    static const DemoOrganization &standard();

    QString organizationId() const { return m_organizationId; }
    QString managementAccountId() const { return m_managementAccountId; }
    QString rootId() const { return m_units.first().id; }
    QString homeRegion() const { return m_regions.first(); }
    const QStringList &regions() const { return m_regions; }
    const QList<DemoOrganizationalUnit> &units() const { return m_units; }
    const QList<DemoAccount> &accounts() const { return m_accounts; }

    QList<DemoOrganizationalUnit> childUnits(const QString &parentId) const;
    QList<DemoAccount> accountsIn(const QString &parentId) const;
    const DemoAccount *account(const QString &accountId) const;

    // The security account (the delegated administrator the wizard suggests).
    QString securityAccountId() const;
    // What an embedded CaseService standing for this organisation is configured with:
    // the security account as the membership account, the home Region, and every
    // account with its OU (BatchGetMemberAccountDetails, accounts covered).
    caseservice::ServiceConfig serviceConfig() const;

private:
    DemoOrganization();

    QString m_organizationId;
    QString m_managementAccountId;
    QStringList m_regions;
    QList<DemoOrganizationalUnit> m_units;
    QList<DemoAccount> m_accounts;
};

} // namespace warroom::demo

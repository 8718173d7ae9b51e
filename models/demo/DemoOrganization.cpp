#include "DemoOrganization.h"

#include "caseservice/CaseService.h"

using namespace Qt::StringLiterals;

namespace warroom::demo {

const DemoOrganization &DemoOrganization::standard()
{
    static const DemoOrganization organization;
    return organization;
}

DemoOrganization::DemoOrganization()
    : m_organizationId(u"o-k3m9x2p7qa"_s)
    , m_managementAccountId(u"210987654321"_s)
    , m_regions(
          {u"us-east-1"_s, u"us-west-2"_s, u"eu-west-1"_s, u"eu-central-1"_s, u"ap-southeast-2"_s})
{
    const QString root = u"r-7q2d"_s;
    m_units = {
        {root, QString(), u"Root"_s},
        {u"ou-7q2d-sec4a9k1"_s, root, u"Security"_s},
        {u"ou-7q2d-inf8c3m2"_s, root, u"Infrastructure"_s},
        {u"ou-7q2d-wkl5d7n4"_s, root, u"Workloads"_s},
        {u"ou-7q2d-prd2f6h8"_s, u"ou-7q2d-wkl5d7n4"_s, u"Production"_s},
        {u"ou-7q2d-stg9g1j5"_s, u"ou-7q2d-wkl5d7n4"_s, u"Staging"_s},
        {u"ou-7q2d-dev3k8p6"_s, u"ou-7q2d-wkl5d7n4"_s, u"Development"_s},
        {u"ou-7q2d-sbx6m4q9"_s, root, u"Sandbox"_s},
        {u"ou-7q2d-sus1r5t3"_s, root, u"Suspended"_s},
    };
    m_accounts = {
        {m_managementAccountId, u"northwind-management"_s, u"aws-management@northwind.example"_s,
            root, u"management"_s},
        {u"318273645501"_s, u"security-tooling"_s, u"aws-security@northwind.example"_s,
            u"ou-7q2d-sec4a9k1"_s, u"security"_s},
        {u"318273645502"_s, u"log-archive"_s, u"aws-logs@northwind.example"_s,
            u"ou-7q2d-sec4a9k1"_s, u"logs"_s},
        {u"427364510093"_s, u"network-hub"_s, u"aws-network@northwind.example"_s,
            u"ou-7q2d-inf8c3m2"_s, u"network"_s},
        {u"427364510094"_s, u"shared-services"_s, u"aws-shared@northwind.example"_s,
            u"ou-7q2d-inf8c3m2"_s, u"shared"_s},
        {u"536475829110"_s, u"payments-prod"_s, u"aws-payments-prod@northwind.example"_s,
            u"ou-7q2d-prd2f6h8"_s, u"web"_s},
        {u"536475829111"_s, u"orders-prod"_s, u"aws-orders-prod@northwind.example"_s,
            u"ou-7q2d-prd2f6h8"_s, u"kubernetes"_s},
        {u"536475829112"_s, u"data-lake-prod"_s, u"aws-data-prod@northwind.example"_s,
            u"ou-7q2d-prd2f6h8"_s, u"data"_s},
        {u"645586930221"_s, u"payments-staging"_s, u"aws-payments-stg@northwind.example"_s,
            u"ou-7q2d-stg9g1j5"_s, u"web"_s},
        {u"645586930222"_s, u"orders-staging"_s, u"aws-orders-stg@northwind.example"_s,
            u"ou-7q2d-stg9g1j5"_s, u"kubernetes"_s},
        {u"754697041332"_s, u"platform-dev"_s, u"aws-platform-dev@northwind.example"_s,
            u"ou-7q2d-dev3k8p6"_s, u"kubernetes"_s},
        {u"754697041333"_s, u"analytics-dev"_s, u"aws-analytics-dev@northwind.example"_s,
            u"ou-7q2d-dev3k8p6"_s, u"data"_s},
        {u"863708152443"_s, u"sandbox-alice"_s, u"aws-sandbox-alice@northwind.example"_s,
            u"ou-7q2d-sbx6m4q9"_s, u"sandbox"_s},
        {u"863708152444"_s, u"sandbox-bob"_s, u"aws-sandbox-bob@northwind.example"_s,
            u"ou-7q2d-sbx6m4q9"_s, u"sandbox"_s},
        {u"972819263554"_s, u"legacy-ftp"_s, u"aws-legacy@northwind.example"_s,
            u"ou-7q2d-sus1r5t3"_s, u"web"_s},
    };
}

QList<DemoOrganizationalUnit> DemoOrganization::childUnits(const QString &parentId) const
{
    QList<DemoOrganizationalUnit> children;
    for (const auto &unit : m_units) {
        if (unit.parentId == parentId)
            children.append(unit);
    }
    return children;
}

QList<DemoAccount> DemoOrganization::accountsIn(const QString &parentId) const
{
    QList<DemoAccount> accounts;
    for (const auto &account : m_accounts) {
        if (account.parentId == parentId)
            accounts.append(account);
    }
    return accounts;
}

const DemoAccount *DemoOrganization::account(const QString &accountId) const
{
    for (const auto &account : m_accounts) {
        if (account.id == accountId)
            return &account;
    }
    return nullptr;
}

QString DemoOrganization::securityAccountId() const
{
    for (const auto &account : m_accounts)
        if (account.role == "security"_L1)
            return account.id;
    return m_managementAccountId;
}

caseservice::ServiceConfig DemoOrganization::serviceConfig() const
{
    caseservice::ServiceConfig config;
    config.accountId = securityAccountId();
    config.region = homeRegion();
    for (const auto &account : m_accounts)
        config.organizationAccounts.append(
            {account.id, account.parentId.startsWith(u"ou-"_s) ? account.parentId : QString()});
    for (const auto &unit : m_units)
        if (unit.id.startsWith(u"ou-"_s) && unit.parentId.startsWith(u"ou-"_s))
            config.organizationalUnitParents.insert(unit.id, unit.parentId);
    return config;
}

} // namespace warroom::demo

#pragma once

#include "AwsServiceClient.h"

namespace warroom::aws {

// AWS Organizations (JSON 1.1), the operations onboarding needs. Outputs are the
// operation's JSON (Organization, Roots, OrganizationalUnits, Accounts, ...). The List
// operations take the NextToken of the previous page (empty for the first); use
// paginateJson11() to walk them all.
class OrganizationsClient final : public AwsServiceClient
{
public:
    OrganizationsClient(AwsHttpClient *http, const AwsClientConfig &config);

    using Done = AwsCallback<QJsonObject>;

    AwsReply *describeOrganization(Done done);
    AwsReply *listRoots(const QString &nextToken, Done done);
    AwsReply *listOrganizationalUnitsForParent(
        const QString &parentId, const QString &nextToken, Done done);
    AwsReply *listAccountsForParent(const QString &parentId, const QString &nextToken, Done done);
    AwsReply *listDelegatedAdministrators(
        const QString &servicePrincipal, const QString &nextToken, Done done);
    AwsReply *registerDelegatedAdministrator(
        const QString &accountId, const QString &servicePrincipal, Done done);
    AwsReply *enableAwsServiceAccess(const QString &servicePrincipal, Done done);
    AwsReply *listAwsServiceAccessForOrganization(const QString &nextToken, Done done);

    // The service principal of Security Incident Response.
    static QString securityIrPrincipal() { return QStringLiteral("security-ir.amazonaws.com"); }
};

} // namespace warroom::aws

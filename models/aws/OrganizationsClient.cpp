#include "OrganizationsClient.h"

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

QJsonObject withToken(QJsonObject input, const QString &nextToken)
{
    if (!nextToken.isEmpty())
        input.insert("NextToken"_L1, nextToken);
    return input;
}

} // namespace

OrganizationsClient::OrganizationsClient(AwsHttpClient *http, const AwsClientConfig &config)
    : AwsServiceClient(http, AwsServiceInfo::organizations(), config)
{
}

AwsReply *OrganizationsClient::describeOrganization(Done done)
{
    return deliverJson(callJson11(u"DescribeOrganization"_s, {}), std::move(done));
}

AwsReply *OrganizationsClient::listRoots(const QString &nextToken, Done done)
{
    return deliverJson(callJson11(u"ListRoots"_s, withToken({}, nextToken)), std::move(done));
}

AwsReply *OrganizationsClient::listOrganizationalUnitsForParent(
    const QString &parentId, const QString &nextToken, Done done)
{
    return deliverJson(callJson11(u"ListOrganizationalUnitsForParent"_s,
                           withToken({{"ParentId"_L1, parentId}}, nextToken)),
        std::move(done));
}

AwsReply *OrganizationsClient::listAccountsForParent(
    const QString &parentId, const QString &nextToken, Done done)
{
    return deliverJson(
        callJson11(u"ListAccountsForParent"_s, withToken({{"ParentId"_L1, parentId}}, nextToken)),
        std::move(done));
}

AwsReply *OrganizationsClient::listDelegatedAdministrators(
    const QString &servicePrincipal, const QString &nextToken, Done done)
{
    QJsonObject input;
    if (!servicePrincipal.isEmpty())
        input.insert("ServicePrincipal"_L1, servicePrincipal);
    return deliverJson(
        callJson11(u"ListDelegatedAdministrators"_s, withToken(input, nextToken)), std::move(done));
}

AwsReply *OrganizationsClient::registerDelegatedAdministrator(
    const QString &accountId, const QString &servicePrincipal, Done done)
{
    return deliverJson(
        callJson11(u"RegisterDelegatedAdministrator"_s,
            {{"AccountId"_L1, accountId}, {"ServicePrincipal"_L1, servicePrincipal}}),
        std::move(done));
}

AwsReply *OrganizationsClient::enableAwsServiceAccess(const QString &servicePrincipal, Done done)
{
    return deliverJson(
        callJson11(u"EnableAWSServiceAccess"_s, {{"ServicePrincipal"_L1, servicePrincipal}}),
        std::move(done));
}

AwsReply *OrganizationsClient::listAwsServiceAccessForOrganization(
    const QString &nextToken, Done done)
{
    return deliverJson(
        callJson11(u"ListAWSServiceAccessForOrganization"_s, withToken({}, nextToken)),
        std::move(done));
}

} // namespace warroom::aws

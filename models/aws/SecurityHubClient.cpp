#include "SecurityHubClient.h"

using namespace Qt::StringLiterals;

namespace warroom::aws {

SecurityHubClient::SecurityHubClient(AwsHttpClient *http, const AwsClientConfig &config)
    : AwsServiceClient(http, AwsServiceInfo::securityHub(), config)
{
}

AwsReply *SecurityHubClient::getFindingsReply(const QJsonObject &filters,
    const QJsonArray &sortCriteria, int maxResults, const QString &nextToken)
{
    QJsonObject input;
    if (!filters.isEmpty())
        input.insert("Filters"_L1, filters);
    if (!sortCriteria.isEmpty())
        input.insert("SortCriteria"_L1, sortCriteria);
    if (maxResults > 0)
        input.insert("MaxResults"_L1, maxResults);
    if (!nextToken.isEmpty())
        input.insert("NextToken"_L1, nextToken);
    return callRestJson(u"GetFindings"_s, "POST", "/findings", {}, input);
}

AwsReply *SecurityHubClient::getFindings(const QJsonObject &filters, const QJsonArray &sortCriteria,
    int maxResults, const QString &nextToken, Done done)
{
    return deliverJson(
        getFindingsReply(filters, sortCriteria, maxResults, nextToken), std::move(done));
}

AwsPaginator *SecurityHubClient::paginateFindings(const QJsonObject &filters, int maxResults,
    AwsPaginator::OnPage onPage, AwsPaginator::OnDone onDone)
{
    auto *paginator = new AwsPaginator(
        [this, filters, maxResults](
            const QString &token) { return getFindingsReply(filters, {}, maxResults, token); },
        u"NextToken"_s, std::move(onPage), std::move(onDone), http());
    paginator->start();
    return paginator;
}

AwsReply *SecurityHubClient::batchUpdateFindings(
    const QJsonArray &identifiers, const QJsonObject &updates, Done done)
{
    QJsonObject input = updates;
    input.insert("FindingIdentifiers"_L1, identifiers);
    return deliverJson(
        callRestJson(u"BatchUpdateFindings"_s, "PATCH", "/findings/batchupdate", {}, input),
        std::move(done));
}

} // namespace warroom::aws

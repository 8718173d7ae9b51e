#pragma once

#include "AwsServiceClient.h"

#include <QtCore/QJsonArray>

namespace warroom::aws {

// AWS Security Hub (rest-json): reading findings (ASFF) and updating their workflow.
class SecurityHubClient final : public AwsServiceClient
{
public:
    SecurityHubClient(AwsHttpClient *http, const AwsClientConfig &config);

    using Done = AwsCallback<QJsonObject>;

    // POST /findings. `filters` is an AwsSecurityFindingFilters object ({} = all),
    // maxResults 1-100 (0 = absent). Output: {"Findings": [...], "NextToken"}.
    AwsReply *getFindings(const QJsonObject &filters, const QJsonArray &sortCriteria,
        int maxResults, const QString &nextToken, Done done);
    // Every page of getFindings; onPage gets each output object.
    AwsPaginator *paginateFindings(const QJsonObject &filters, int maxResults,
        AwsPaginator::OnPage onPage, AwsPaginator::OnDone onDone);
    // PATCH /findings/batchupdate. `identifiers` is [{"Id", "ProductArn"}...] and
    // `updates` the other members (Workflow, Note, Severity, VerificationState...).
    // Output: {"ProcessedFindings": [...], "UnprocessedFindings": [...]}.
    AwsReply *batchUpdateFindings(
        const QJsonArray &identifiers, const QJsonObject &updates, Done done);

private:
    AwsReply *getFindingsReply(const QJsonObject &filters, const QJsonArray &sortCriteria,
        int maxResults, const QString &nextToken);
};

} // namespace warroom::aws

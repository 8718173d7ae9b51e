#pragma once

#include "AwsServiceClient.h"

namespace warroom::aws {

// Amazon GuardDuty (rest-json): detectors, findings and suppression filters.
class GuardDutyClient final : public AwsServiceClient
{
public:
    GuardDutyClient(AwsHttpClient *http, const AwsClientConfig &config);

    using Done = AwsCallback<QJsonObject>;

    // GET /detector. Output: {"detectorIds": [...], "nextToken"}.
    AwsReply *listDetectors(const QString &nextToken, Done done);
    // POST /detector/{id}/findings. `findingCriteria` {"criterion": {...}} or {}.
    // Output: {"findingIds": [...], "nextToken"}.
    AwsReply *listFindings(const QString &detectorId, const QJsonObject &findingCriteria,
        int maxResults, const QString &nextToken, Done done);
    // POST /detector/{id}/findings/get (1-50 IDs). Output: {"findings": [...]}.
    AwsReply *getFindings(const QString &detectorId, const QStringList &findingIds, Done done);
    // POST /detector/{id}/filter. action NOOP or ARCHIVE; rank 0 = absent.
    // Output: {"name"}.
    AwsReply *createFilter(const QString &detectorId, const QString &name,
        const QJsonObject &findingCriteria, const QString &action, const QString &description,
        int rank, Done done);
    // POST /detector/{id}/filter/{name}: replaces the filter's criteria, action and
    // description (rank 0 = unchanged). Output: {"name"}.
    AwsReply *updateFilter(const QString &detectorId, const QString &name,
        const QJsonObject &findingCriteria, const QString &action, const QString &description,
        int rank, Done done);
    // GET /detector/{id}/filter. Output: {"filterNames": [...], "nextToken"}.
    AwsReply *listFilters(const QString &detectorId, const QString &nextToken, Done done);
    // GET /detector/{id}/filter/{name}. Output: the filter.
    AwsReply *getFilter(const QString &detectorId, const QString &filterName, Done done);
};

} // namespace warroom::aws

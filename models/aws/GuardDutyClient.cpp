#include "GuardDutyClient.h"

#include <QtCore/QJsonArray>

using namespace Qt::StringLiterals;

namespace warroom::aws {

namespace {

QByteArray detectorPath(const QString &detectorId)
{
    return "/detector/" + AwsRequest::encodeLabel(detectorId);
}

QList<QueryItem> tokenQuery(const QString &nextToken)
{
    QList<QueryItem> query;
    if (!nextToken.isEmpty())
        query.append(QueryItem("nextToken", nextToken.toUtf8()));
    return query;
}

// The members CreateFilter and UpdateFilter share; rank 0 and empty strings are absent.
QJsonObject filterInput(
    const QJsonObject &findingCriteria, const QString &action, const QString &description, int rank)
{
    QJsonObject input {{"findingCriteria"_L1, findingCriteria}};
    if (!action.isEmpty())
        input.insert("action"_L1, action);
    if (!description.isEmpty())
        input.insert("description"_L1, description);
    if (rank > 0)
        input.insert("rank"_L1, rank);
    return input;
}

} // namespace

GuardDutyClient::GuardDutyClient(AwsHttpClient *http, const AwsClientConfig &config)
    : AwsServiceClient(http, AwsServiceInfo::guardDuty(), config)
{
}

AwsReply *GuardDutyClient::listDetectors(const QString &nextToken, Done done)
{
    return deliverJson(callRestJson(u"ListDetectors"_s, "GET", "/detector", tokenQuery(nextToken)),
        std::move(done));
}

AwsReply *GuardDutyClient::listFindings(const QString &detectorId,
    const QJsonObject &findingCriteria, int maxResults, const QString &nextToken, Done done)
{
    QJsonObject input;
    if (!findingCriteria.isEmpty())
        input.insert("findingCriteria"_L1, findingCriteria);
    if (maxResults > 0)
        input.insert("maxResults"_L1, maxResults);
    if (!nextToken.isEmpty())
        input.insert("nextToken"_L1, nextToken);
    return deliverJson(
        callRestJson(u"ListFindings"_s, "POST", detectorPath(detectorId) + "/findings", {}, input),
        std::move(done));
}

AwsReply *GuardDutyClient::getFindings(
    const QString &detectorId, const QStringList &findingIds, Done done)
{
    const QJsonObject input {{"findingIds"_L1, QJsonArray::fromStringList(findingIds)}};
    return deliverJson(callRestJson(u"GetFindings"_s, "POST",
                           detectorPath(detectorId) + "/findings/get", {}, input),
        std::move(done));
}

AwsReply *GuardDutyClient::createFilter(const QString &detectorId, const QString &name,
    const QJsonObject &findingCriteria, const QString &action, const QString &description, int rank,
    Done done)
{
    QJsonObject input = filterInput(findingCriteria, action, description, rank);
    input.insert("name"_L1, name);
    return deliverJson(
        callRestJson(u"CreateFilter"_s, "POST", detectorPath(detectorId) + "/filter", {}, input),
        std::move(done));
}

AwsReply *GuardDutyClient::updateFilter(const QString &detectorId, const QString &name,
    const QJsonObject &findingCriteria, const QString &action, const QString &description, int rank,
    Done done)
{
    const QJsonObject input = filterInput(findingCriteria, action, description, rank);
    return deliverJson(
        callRestJson(u"UpdateFilter"_s, "POST",
            detectorPath(detectorId) + "/filter/" + AwsRequest::encodeLabel(name), {}, input),
        std::move(done));
}

AwsReply *GuardDutyClient::listFilters(
    const QString &detectorId, const QString &nextToken, Done done)
{
    return deliverJson(callRestJson(u"ListFilters"_s, "GET", detectorPath(detectorId) + "/filter",
                           tokenQuery(nextToken)),
        std::move(done));
}

AwsReply *GuardDutyClient::getFilter(
    const QString &detectorId, const QString &filterName, Done done)
{
    return deliverJson(
        callRestJson(u"GetFilter"_s, "GET",
            detectorPath(detectorId) + "/filter/" + AwsRequest::encodeLabel(filterName)),
        std::move(done));
}

} // namespace warroom::aws

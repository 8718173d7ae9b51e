#include "HttpBackend.h"

#include "aws/AwsHttpClient.h"
#include "aws/SecurityIrClient.h"

#include <QJsonArray>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

// The security-ir routes of service-2.json: method, URI template and the members bound
// to the query string (the labels in braces are bound to the path).
struct Route
{
    const char *operation;
    const char *method;
    const char *uri;
    const char *query; // comma-separated
};

constexpr Route Routes[] = {
    {"BatchGetMemberAccountDetails", "POST", "/v1/membership/{membershipId}/batch-member-details",
        ""},
    {"CancelMembership", "PUT", "/v1/membership/{membershipId}", ""},
    {"CloseCase", "POST", "/v1/cases/{caseId}/close-case", ""},
    {"CreateCase", "POST", "/v1/create-case", ""},
    {"CreateCaseComment", "POST", "/v1/cases/{caseId}/create-comment", ""},
    {"CreateMembership", "POST", "/v1/membership", ""},
    {"GetCase", "GET", "/v1/cases/{caseId}/get-case", ""},
    {"GetCaseAttachmentDownloadUrl", "GET", "/v1/cases/{caseId}/get-presigned-url/{attachmentId}",
        ""},
    {"GetCaseAttachmentUploadUrl", "POST", "/v1/cases/{caseId}/get-presigned-url", ""},
    {"GetMembership", "GET", "/v1/membership/{membershipId}", ""},
    {"ListCaseEdits", "POST", "/v1/cases/{caseId}/list-case-edits", ""},
    {"ListCases", "POST", "/v1/list-cases", ""},
    {"ListComments", "POST", "/v1/cases/{caseId}/list-comments", ""},
    {"ListInvestigations", "GET", "/v1/cases/{caseId}/list-investigations", "nextToken,maxResults"},
    {"ListMemberships", "POST", "/v1/memberships", ""},
    {"ListTagsForResource", "GET", "/v1/tags/{resourceArn}", ""},
    {"SendFeedback", "POST", "/v1/cases/{caseId}/feedback/{resultId}/send-feedback", ""},
    {"TagResource", "POST", "/v1/tags/{resourceArn}", ""},
    {"UntagResource", "DELETE", "/v1/tags/{resourceArn}", "tagKeys"},
    {"UpdateCase", "POST", "/v1/cases/{caseId}/update-case", ""},
    {"UpdateCaseComment", "PUT", "/v1/cases/{caseId}/update-case-comment/{commentId}", ""},
    {"UpdateCaseStatus", "POST", "/v1/cases/{caseId}/update-case-status", ""},
    {"UpdateMembership", "PUT", "/v1/membership/{membershipId}/update-membership", ""},
    {"UpdateResolverType", "POST", "/v1/cases/{caseId}/update-resolver-type", ""},
    // warroom-server's x-warroom triage extension (app/warroom-server/README.md).
    {"XWarroomClaimFinding", "POST", "/v1/x-warroom/triage/findings/{findingId}/claim", ""},
    {"XWarroomReleaseFinding", "POST", "/v1/x-warroom/triage/findings/{findingId}/release", ""},
    {"XWarroomPutTriageDecision", "PUT", "/v1/x-warroom/triage/findings/{findingId}/decision", ""},
    {"XWarroomListTriageState", "GET", "/v1/x-warroom/triage/state", "after,maxResults"},
};

const Route *findRoute(const QString &operation)
{
    for (const auto &route : Routes)
        if (operation == QLatin1String(route.operation))
            return &route;
    return nullptr;
}

QByteArray queryText(const QJsonValue &value)
{
    if (value.isDouble())
        return QByteArray::number(value.toInteger());
    return value.toString().toUtf8();
}

BackendError toBackendError(const aws::AwsError &error)
{
    BackendError out;
    out.type = error.type;
    out.message = error.message;
    out.fieldList = error.fieldList;
    out.httpStatus = error.httpStatus;
    out.transport = error.isTransport() || error.kind == aws::AwsError::Kind::Protocol;
    out.retryable = out.transport || error.retryable || error.throttling || error.httpStatus == 429
        || error.httpStatus >= 500;
    // Credentials and configuration problems do not heal by waiting.
    if (error.kind == aws::AwsError::Kind::Credentials
        || error.kind == aws::AwsError::Kind::Configuration
        || error.kind == aws::AwsError::Kind::Tls)
        out.retryable = false;
    out.retryAfterSeconds = error.retryAfterSeconds;
    if (out.type.isEmpty())
        out.type = aws::AwsError::kindName(error.kind);
    return out;
}

} // namespace

HttpBackend::HttpBackend(const QUrl &endpointUrl, const QString &region,
    const aws::Credentials &credentials, QObject *parent)
    : CaseBackend(parent)
    , m_endpointUrl(endpointUrl)
    , m_region(region.isEmpty() ? u"us-east-1"_s : region)
    , m_http(std::make_unique<aws::AwsHttpClient>())
    , m_changeFeed(!endpointUrl.isEmpty())
{
    m_http->setCredentials(credentials);
    m_http->setTransferTimeout(std::chrono::seconds(30));
    auto settings = m_http->retryPolicy().settings();
    settings.maxAttempts = 1;
    m_http->retryPolicy().setSettings(settings);
    aws::AwsClientConfig config;
    config.region = m_region;
    config.endpointUrl = endpointUrl;
    m_client = std::make_unique<aws::SecurityIrClient>(m_http.get(), config);
    m_feedHttp = std::make_unique<aws::AwsHttpClient>();
    m_feedHttp->setCredentials(credentials);
    m_feedHttp->setTransferTimeout(std::chrono::seconds(60));
    m_feedHttp->retryPolicy().setSettings(settings);
    m_feedClient = std::make_unique<aws::SecurityIrClient>(m_feedHttp.get(), config);
}

void HttpBackend::setTransferTimeout(std::chrono::milliseconds timeout)
{
    m_http->setTransferTimeout(timeout);
}

HttpBackend::~HttpBackend()
{
    cancelAll();
}

aws::SecurityIrClient &HttpBackend::client()
{
    return *m_client;
}

void HttpBackend::setCredentials(const aws::Credentials &credentials)
{
    m_http->setCredentials(credentials);
    m_feedHttp->setCredentials(credentials);
}

bool HttpBackend::loadCaBundle(const QString &path, QString *error)
{
    if (!m_http->loadCaBundle(path, error) || !m_feedHttp->loadCaBundle(path, error))
        return false;
    m_caBundle = path;
    return true;
}

aws::Credentials HttpBackend::credentials() const
{
    return m_http->credentials();
}

void HttpBackend::call(const QString &operation, const QJsonObject &input, BackendCallback done)
{
    send(operation, input, {}, std::move(done));
}

void HttpBackend::callIfUnmodifiedSince(const QString &operation, const QJsonObject &input,
    const QDateTime &since, BackendCallback done)
{
    QList<aws::HttpHeader> headers;
    if (supportsConditionalWrite() && since.isValid())
        headers.append({"X-Warroom-If-Unmodified-Since",
            QByteArray::number(double(since.toMSecsSinceEpoch()) / 1000.0, 'f', 3)});
    send(operation, input, headers, std::move(done));
}

void HttpBackend::send(const QString &operation, const QJsonObject &input,
    const QList<aws::HttpHeader> &headers, BackendCallback done)
{
    const Route *route = findRoute(operation);
    if (!route) {
        BackendResult result;
        result.error = BackendError {u"ValidationException"_s,
            tr("%1 is not a security-ir operation.").arg(operation), {}, 0, false, false, {}};
        if (operation.startsWith(u"XWarroom"_s) && !m_changeFeed)
            result.error->message = tr("%1 needs a warroom-server backend.").arg(operation);
        QTimer::singleShot(0, this, [done, result] { done(result); });
        return;
    }
    QJsonObject body = input;
    QByteArray path = route->uri;
    qsizetype open = 0;
    while ((open = path.indexOf('{')) >= 0) {
        const qsizetype close = path.indexOf('}', open);
        const QString label = QString::fromLatin1(path.mid(open + 1, close - open - 1));
        path.replace(
            open, close - open + 1, aws::AwsRequest::encodeLabel(body.value(label).toString()));
        body.remove(label);
    }
    QList<aws::QueryItem> query;
    for (const auto &name : QByteArray(route->query).split(',')) {
        if (name.isEmpty())
            continue;
        const QString key = QString::fromLatin1(name);
        const QJsonValue value = body.take(key);
        if (value.isArray()) {
            for (const auto &item : value.toArray())
                query.append({name, queryText(item)});
        } else if (!value.isUndefined() && !value.isNull()) {
            query.append({name, queryText(value)});
        }
    }
    const QByteArray method = route->method;
    std::optional<QJsonObject> payload;
    if (method != "GET" && method != "DELETE")
        payload = body;
    aws::AwsReply *reply = m_client->callRestJson(
        operation, method, path, query, payload, "application/json", headers);
    track(reply);
    connect(reply, &aws::AwsReply::finished, this, [reply, done] {
        BackendResult result;
        if (reply->error().isError())
            result.error = toBackendError(reply->error());
        else
            result.output = reply->json();
        done(result);
    });
}

void HttpBackend::waitForChanges(
    qint64 after, int waitSeconds, std::function<void(const ChangeFeedResult &)> done)
{
    QList<aws::QueryItem> query;
    if (after >= 0) {
        query.append({"after", QByteArray::number(after)});
        query.append({"waitSeconds", QByteArray::number(waitSeconds)});
    }
    m_feedHttp->setTransferTimeout(
        m_http->transferTimeout() + std::chrono::seconds(std::max(waitSeconds, 0)));
    aws::AwsReply *reply = m_feedClient->callRestJson(
        u"XWarroomChanges"_s, "GET", "/v1/x-warroom/changes", query, std::nullopt);
    track(reply);
    connect(reply, &aws::AwsReply::finished, this, [this, reply, done] {
        ChangeFeedResult result;
        if (reply->error().isError()) {
            result.error = toBackendError(reply->error());
            // A server without the extension (AWS itself): poll instead.
            if (reply->error().httpStatus == 404 || reply->error().httpStatus == 400)
                m_changeFeed = false;
        } else {
            const QJsonObject json = reply->json();
            result.latest = json.value(u"latest"_s).toInteger();
            for (const auto &value : json.value(u"changes"_s).toArray()) {
                const QJsonObject change = value.toObject();
                result.changes.append({change.value(u"sequence"_s).toInteger(),
                    change.value(u"resourceType"_s).toString(),
                    change.value(u"resourceId"_s).toString(),
                    change.value(u"operation"_s).toString()});
            }
        }
        done(result);
    });
}

void HttpBackend::track(aws::AwsReply *reply)
{
    m_inFlight.removeAll(nullptr);
    m_inFlight.append(reply);
}

void HttpBackend::cancelAll()
{
    const auto replies = std::exchange(m_inFlight, {});
    for (const auto &reply : replies) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
        }
    }
}

QString HttpBackend::describe() const
{
    if (!m_endpointUrl.isEmpty())
        return m_endpointUrl.toString(QUrl::RemoveUserInfo);
    return tr("AWS %1").arg(m_region);
}

QString HttpBackend::principal() const
{
    return m_http->credentials().accessKeyId;
}

QNetworkAccessManager *HttpBackend::transferNetwork()
{
    return m_http->networkAccessManager();
}

void HttpBackend::prepareTransfer(QNetworkRequest &request) const
{
    // The same trust as the API calls: a private CA bundle applies to the transfers too.
    if (!m_http->caCertificates().isEmpty() && request.url().scheme() == u"https"_s) {
        QSslConfiguration ssl = request.sslConfiguration();
        ssl.setCaCertificates(m_http->caCertificates());
        request.setSslConfiguration(ssl);
    }
}

} // namespace warroom::sync

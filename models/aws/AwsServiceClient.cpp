#include "AwsServiceClient.h"

#include "AwsLogging.h"

#include <QtCore/QJsonDocument>

using namespace Qt::StringLiterals;

namespace warroom::aws {

AwsPaginator::AwsPaginator(
    FetchPage fetch, QString tokenKey, OnPage onPage, OnDone onDone, QObject *parent)
    : QObject(parent)
    , m_fetch(std::move(fetch))
    , m_tokenKey(std::move(tokenKey))
    , m_onPage(std::move(onPage))
    , m_onDone(std::move(onDone))
{
}

void AwsPaginator::start()
{
    fetch(QString());
}

void AwsPaginator::cancel()
{
    if (m_done)
        return;
    AwsError error;
    error.kind = AwsError::Kind::Cancelled;
    error.type = u"Cancelled"_s;
    error.message = u"Pagination cancelled after %1 page(s)"_s.arg(m_pages);
    done(error);
    if (m_current) {
        m_current->disconnect(this);
        m_current->abort();
    }
}

void AwsPaginator::fetch(const QString &token)
{
    AwsReply *reply = m_fetch(token);
    m_current = reply;
    connect(reply, &AwsReply::finished, this, [this, reply, token] {
        m_current = nullptr;
        if (m_done)
            return;
        if (reply->error()) {
            done(reply->error());
            return;
        }
        ++m_pages;
        const QJsonObject page = reply->json();
        const QString next = page.value(m_tokenKey).toString();
        const bool more = m_onPage ? m_onPage(page) : true;
        if (m_done)
            return; // cancelled from the page callback
        if (!more || next.isEmpty()) {
            done(AwsError {});
            return;
        }
        if (next == token) {
            AwsError error;
            error.kind = AwsError::Kind::Protocol;
            error.type = u"PaginationError"_s;
            error.message = u"The service returned the same %1 twice"_s.arg(m_tokenKey);
            done(error);
            return;
        }
        fetch(next);
    });
}

void AwsPaginator::done(const AwsError &error)
{
    if (m_done)
        return;
    m_done = true;
    if (m_onDone)
        m_onDone(error);
    emit finished();
    deleteLater();
}

// ---------------------------------------------------------------------------------------

AwsServiceClient::AwsServiceClient(
    AwsHttpClient *http, AwsServiceInfo service, AwsClientConfig config)
    : m_http(http)
    , m_service(std::move(service))
    , m_config(std::move(config))
    , m_endpoint(AwsEndpoint::resolve(m_service, m_config))
{
}

AwsServiceClient::~AwsServiceClient() = default;

AwsReply *AwsServiceClient::callRestJson(const QString &operation, const QByteArray &method,
    const QByteArray &path, const QList<QueryItem> &query, const std::optional<QJsonObject> &body,
    const QByteArray &contentType, const QList<HttpHeader> &extraHeaders)
{
    AwsRequest request;
    request.operation = operation;
    request.protocol = AwsProtocol::RestJson;
    request.method = method;
    request.path = path;
    request.query = query;
    if (body) {
        request.body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.headers.append(HttpHeader("Content-Type", contentType));
    }
    request.headers += extraHeaders;
    return m_http->send(m_endpoint, request);
}

AwsReply *AwsServiceClient::callJson11(const QString &operation, const QJsonObject &input)
{
    AwsRequest request;
    request.operation = operation;
    request.protocol = AwsProtocol::Json11;
    request.method = "POST";
    request.path = "/";
    request.body = QJsonDocument(input).toJson(QJsonDocument::Compact);
    request.headers.append(HttpHeader("Content-Type", "application/x-amz-json-1.1"));
    request.headers.append(HttpHeader(
        "X-Amz-Target", m_service.targetPrefix + QByteArray(".") + operation.toLatin1()));
    return m_http->send(m_endpoint, request);
}

AwsReply *AwsServiceClient::callQuery(const QString &operation, const QList<QueryItem> &params)
{
    AwsRequest request;
    request.operation = operation;
    request.protocol = AwsProtocol::Query;
    request.method = "POST";
    request.path = "/";
    QList<QueryItem> form {{"Action", operation.toUtf8()}, {"Version", m_service.apiVersion}};
    form += params;
    request.body = SigV4Request::encodeQuery(form);
    request.headers.append(
        HttpHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    return m_http->send(m_endpoint, request);
}

AwsReply *AwsServiceClient::deliverJson(AwsReply *reply, AwsCallback<QJsonObject> done)
{
    return deliver<QJsonObject>(
        reply, [](const QJsonObject &json, QJsonObject &value) { value = json; }, std::move(done));
}

void AwsServiceClient::invokeJson11(
    const QString &operation, const QJsonObject &input, AwsCallback<QJsonObject> done)
{
    deliverJson(callJson11(operation, input), std::move(done));
}

AwsPaginator *AwsServiceClient::paginateJson11(const QString &operation, const QJsonObject &input,
    AwsPaginator::OnPage onPage, AwsPaginator::OnDone onDone, const QString &tokenKey)
{
    auto *paginator = new AwsPaginator(
        [this, operation, input, tokenKey](const QString &token) {
            QJsonObject page = input;
            if (!token.isEmpty())
                page.insert(tokenKey, token);
            return callJson11(operation, page);
        },
        tokenKey, std::move(onPage), std::move(onDone), m_http);
    paginator->start();
    return paginator;
}

} // namespace warroom::aws

#pragma once

#include "AwsEndpoint.h"
#include "AwsHttpClient.h"

#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <functional>

namespace warroom::aws {

// What a typed call hands its callback: the error (kind None on success), the HTTP
// status, the operation's output JSON as received, and the typed value.
template<typename T> struct AwsOutcome
{
    AwsError error;
    int httpStatus = 0;
    QJsonObject json;
    T value {};

    bool ok() const { return !error.isError(); }
};

template<typename T> using AwsCallback = std::function<void(const AwsOutcome<T> &)>;

// No output members (UpdateCase, TagResource...).
struct NoOutput
{
};

// Follows a paginated operation: fetches a page, reports it, and fetches the next one
// with the token the page returned until there is none, the page callback returns
// false, or cancel(). Deletes itself after finished().
class AwsPaginator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsPaginator)

public:
    using FetchPage = std::function<AwsReply *(const QString &nextToken)>;
    // Returns false to stop after this page.
    using OnPage = std::function<bool(const QJsonObject &page)>;
    using OnDone = std::function<void(const AwsError &error)>;

    AwsPaginator(
        FetchPage fetch, QString tokenKey, OnPage onPage, OnDone onDone, QObject *parent = nullptr);

    void start();
    // Stops; onDone gets a Cancelled error. Nothing more is reported after it returns.
    void cancel();
    int pagesFetched() const { return m_pages; }

signals:
    void finished();

private:
    void fetch(const QString &token);
    void done(const AwsError &error);

    FetchPage m_fetch;
    QString m_tokenKey;
    OnPage m_onPage;
    OnDone m_onDone;
    QPointer<AwsReply> m_current;
    int m_pages = 0;
    bool m_done = false;
};

// The shared part of every service client: its endpoint, and one method per protocol
// that builds the request and hands it to the AwsHttpClient.
class AwsServiceClient
{
public:
    AwsServiceClient(AwsHttpClient *http, AwsServiceInfo service, AwsClientConfig config);
    virtual ~AwsServiceClient();

    AwsHttpClient *http() const { return m_http; }
    const AwsServiceInfo &service() const { return m_service; }
    const AwsClientConfig &config() const { return m_config; }
    const AwsEndpoint &endpoint() const { return m_endpoint; }

    // rest-json: `path` already has its labels encoded (AwsRequest::encodeLabel).
    // A null `body` sends no body and no Content-Type.
    AwsReply *callRestJson(const QString &operation, const QByteArray &method,
        const QByteArray &path, const QList<QueryItem> &query = {},
        const std::optional<QJsonObject> &body = std::nullopt,
        const QByteArray &contentType = "application/json",
        const QList<HttpHeader> &extraHeaders = {});
    // JSON 1.1: POST / with X-Amz-Target: <targetPrefix>.<operation>.
    AwsReply *callJson11(const QString &operation, const QJsonObject &input);
    // Query protocol: Action=<operation>&Version=<apiVersion>&<params>.
    AwsReply *callQuery(const QString &operation, const QList<QueryItem> &params = {});

    // Any JSON 1.1 operation, for the ones a client has no typed method for.
    void invokeJson11(
        const QString &operation, const QJsonObject &input, AwsCallback<QJsonObject> done);
    // Pages a JSON 1.1 operation whose token member is `tokenKey` in and out.
    AwsPaginator *paginateJson11(const QString &operation, const QJsonObject &input,
        AwsPaginator::OnPage onPage, AwsPaginator::OnDone onDone,
        const QString &tokenKey = QStringLiteral("NextToken"));

    // Connects `reply` to `done`, filling the outcome's value with `parse`.
    template<typename T>
    static AwsReply *deliver(AwsReply *reply,
        std::function<void(const QJsonObject &json, T &value)> parse, AwsCallback<T> done)
    {
        QObject::connect(reply, &AwsReply::finished, reply, [reply, parse, done] {
            AwsOutcome<T> outcome;
            outcome.error = reply->error();
            outcome.httpStatus = reply->httpStatus();
            outcome.json = reply->json();
            if (outcome.ok() && parse)
                parse(outcome.json, outcome.value);
            if (done)
                done(outcome);
        });
        return reply;
    }
    static AwsReply *deliverJson(AwsReply *reply, AwsCallback<QJsonObject> done);

private:
    AwsHttpClient *m_http;
    AwsServiceInfo m_service;
    AwsClientConfig m_config;
    AwsEndpoint m_endpoint;
};

} // namespace warroom::aws

#pragma once

#include "AwsEndpoint.h"
#include "AwsError.h"
#include "Credentials.h"
#include "RetryPolicy.h"
#include "SigV4Signer.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtNetwork/QSslCertificate>
#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace warroom::aws {

class AwsHttpClient;

// One API call as the service clients describe it, before signing.
struct AwsRequest
{
    QString operation; // "CreateCase", for messages and logs
    AwsProtocol protocol = AwsProtocol::RestJson;
    QByteArray method = "POST";
    QByteArray path = "/"; // percent-encoded where labels are (see encodeLabel)
    QList<QueryItem> query; // decoded; encoded when the URL is built
    QList<HttpHeader> headers; // Content-Type, X-Amz-Target...
    QByteArray body;

    // A URI label value percent-encoded for the path, '/' and ':' included.
    static QByteArray encodeLabel(const QString &value);
};

// The result of one call, after all its attempts. Owned by the AwsHttpClient; it
// deletes itself (deleteLater) once finished() has been emitted, so read it in the slot.
class AwsReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsReply)

public:
    ~AwsReply() override;

    const QString &operation() const { return m_request.operation; }
    bool isFinished() const { return m_finished; }
    const AwsError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    // The parsed JSON body of a successful JSON call ({} for an empty body).
    const QJsonObject &json() const { return m_json; }
    const QByteArray &body() const { return m_body; }
    const QList<HttpHeader> &responseHeaders() const { return m_responseHeaders; }
    QByteArray responseHeader(QByteArrayView name) const;
    int attempts() const { return m_attempts; }
    // The wait before each retry, in order (Retry-After or jittered backoff).
    const QList<std::chrono::milliseconds> &retryDelays() const { return m_retryDelays; }

    // Stops the call: the current attempt is aborted or the pending retry dropped, and
    // finished() is emitted with a Cancelled error (unless it already finished).
    void abort();

signals:
    void finished();

private:
    friend class AwsHttpClient;
    AwsReply(AwsHttpClient *client, AwsEndpoint endpoint, AwsRequest request);

    void startAttempt();
    void onAttemptFinished();
    void finish(const AwsError &error);
    AwsError transportError(QNetworkReply *reply) const;

    AwsHttpClient *m_client;
    AwsEndpoint m_endpoint;
    AwsRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QStringList m_sslErrors;
    bool m_finished = false;
    bool m_cancelled = false;
    int m_attempts = 0;
    int m_tokensTaken = 0;
    QList<std::chrono::milliseconds> m_retryDelays;
    AwsError m_error;
    int m_httpStatus = 0;
    QJsonObject m_json;
    QByteArray m_body;
    QList<HttpHeader> m_responseHeaders;
};

// The one HTTP client of the AWS layer: a single QNetworkAccessManager, SigV4 on every
// attempt (a fresh X-Amz-Date each time), a transfer timeout on every request, the
// standard retry policy with its shared budget, and typed errors. TLS errors are never
// ignored: they fail the call with a message naming the problem.
class AwsHttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsHttpClient)

public:
    explicit AwsHttpClient(QObject *parent = nullptr);
    ~AwsHttpClient() override;

    void setCredentials(const Credentials &credentials) { m_credentials = credentials; }
    const Credentials &credentials() const { return m_credentials; }

    void setTransferTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds transferTimeout() const { return m_timeout; }

    RetryPolicy &retryPolicy() { return m_retryPolicy; }

    // The clock used to sign and to read Retry-After dates; tests inject one.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock(); }

    void setUserAgent(const QByteArray &userAgent) { m_userAgent = userAgent; }

    // The certificate authorities HTTPS endpoints are checked against. Empty (the
    // default): the system's. Set: only these, as the AWS CLI's --ca-bundle does. Either
    // way a certificate that does not verify, or names another host, fails the call with
    // a Tls error: there is no switch to ignore it.
    void setCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_caCertificates = certificates;
    }
    const QList<QSslCertificate> &caCertificates() const { return m_caCertificates; }
    // Reads a PEM bundle (AWS_CA_BUNDLE, --ca-bundle) into setCaCertificates(). False,
    // with `error` naming the file and the problem, when it is unreadable or holds no
    // certificate; the previous setting is kept then.
    bool loadCaBundle(const QString &path, QString *error);

    QNetworkAccessManager *networkAccessManager() const { return m_network; }

    // Starts a call; the reply reports through finished(), always asynchronously.
    AwsReply *send(const AwsEndpoint &endpoint, const AwsRequest &request);

private:
    friend class AwsReply;

    QNetworkAccessManager *m_network;
    Credentials m_credentials;
    std::chrono::milliseconds m_timeout {30000};
    RetryPolicy m_retryPolicy;
    std::function<QDateTime()> m_clock;
    QByteArray m_userAgent;
    QList<QSslCertificate> m_caCertificates;
};

} // namespace warroom::aws

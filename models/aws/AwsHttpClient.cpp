#include "AwsHttpClient.h"

#include "AwsLogging.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslError>

using namespace Qt::StringLiterals;

namespace warroom::aws {

QByteArray AwsRequest::encodeLabel(const QString &value)
{
    return SigV4Signer::uriEncode(value.toUtf8(), false);
}

// ---------------------------------------------------------------------------------------

AwsReply::AwsReply(AwsHttpClient *client, AwsEndpoint endpoint, AwsRequest request)
    : QObject(client)
    , m_client(client)
    , m_endpoint(std::move(endpoint))
    , m_request(std::move(request))
{
}

AwsReply::~AwsReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QByteArray AwsReply::responseHeader(QByteArrayView name) const
{
    for (const auto &[key, value] : m_responseHeaders) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void AwsReply::abort()
{
    if (m_finished)
        return;
    m_cancelled = true;
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_reply) {
        m_reply->abort(); // finishes through onAttemptFinished
        if (m_finished)
            return;
    }
    AwsError error;
    error.kind = AwsError::Kind::Cancelled;
    error.type = u"Cancelled"_s;
    error.message = u"The %1 call was cancelled"_s.arg(m_request.operation);
    finish(error);
}

void AwsReply::startAttempt()
{
    if (m_finished)
        return;
    ++m_attempts;

    const Credentials &credentials = m_client->credentials();
    const QDateTime now = m_client->now();
    if (!credentials.isValid() || credentials.isExpired(now)) {
        AwsError error;
        error.kind = AwsError::Kind::Credentials;
        error.type = u"NoCredentialsError"_s;
        error.message = credentials.isValid()
            ? u"The credentials from %1 expired at %2"_s.arg(
                credentials.source, credentials.expiration.toString(Qt::ISODate))
            : u"Unable to locate credentials. You can configure credentials by running \"aws configure\"."_s;
        finish(error);
        return;
    }

    // Base URL (a custom endpoint may carry a path prefix) + operation path + query.
    QByteArray path = m_endpoint.url.path(QUrl::FullyEncoded).toLatin1();
    while (path.endsWith('/'))
        path.chop(1);
    path += m_request.path.startsWith('/') ? m_request.path : '/' + m_request.path;
    QByteArray encoded = m_endpoint.url.scheme().toLatin1() + "://"
        + m_endpoint.url.authority(QUrl::FullyEncoded).toLatin1() + path;
    if (!m_request.query.isEmpty())
        encoded += '?' + SigV4Request::encodeQuery(m_request.query);
    const QUrl url = QUrl::fromEncoded(encoded, QUrl::StrictMode);

    QList<HttpHeader> headers = m_request.headers;
    SigV4Request toSign = SigV4Request::fromUrl(m_request.method, url, headers, m_request.body);
    const SigV4Signer signer(m_endpoint.signingRegion, m_endpoint.signingName);
    const SigV4Signature signature = signer.sign(toSign, credentials, now);
    if (!signature.isValid()) {
        AwsError error;
        error.kind = AwsError::Kind::Credentials;
        error.type = u"SigningError"_s;
        error.message = signature.error;
        finish(error);
        return;
    }

    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    for (const auto &[name, value] : signature.headersToAdd)
        request.setRawHeader(name, value);
    request.setRawHeader("User-Agent", m_client->m_userAgent);
    request.setTransferTimeout(int(m_client->transferTimeout().count()));
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!m_client->m_caCertificates.isEmpty() && url.scheme() == u"https"_s) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(m_client->m_caCertificates);
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        request.setSslConfiguration(ssl);
    }

    qCDebug(lcAws).noquote() << m_request.operation << m_request.method
                             << url.toDisplayString(QUrl::RemoveQuery) << "attempt" << m_attempts;

    m_sslErrors.clear();
    QNetworkReply *reply
        = m_client->m_network->sendCustomRequest(request, m_request.method, m_request.body);
    m_reply = reply;
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: recorded so the failure names the certificate problem.
        for (const QSslError &error : errors)
            m_sslErrors << error.errorString();
    });
    connect(reply, &QNetworkReply::finished, this, &AwsReply::onAttemptFinished);
}

AwsError AwsReply::transportError(QNetworkReply *reply) const
{
    AwsError error;
    const QString endpoint = m_endpoint.url.toDisplayString();
    const QNetworkReply::NetworkError code = reply->error();
    if (!m_sslErrors.isEmpty() || code == QNetworkReply::SslHandshakeFailedError) {
        error.kind = AwsError::Kind::Tls;
        error.type = u"SSLError"_s;
        error.message = u"SSL validation failed for %1: %2"_s.arg(
            endpoint, m_sslErrors.isEmpty() ? reply->errorString() : m_sslErrors.join(u"; "_s));
        return error;
    }
    if (code == QNetworkReply::OperationCanceledError || code == QNetworkReply::TimeoutError) {
        error.kind = AwsError::Kind::Timeout;
        error.type = u"ReadTimeoutError"_s;
        error.message
            = u"Read timeout on endpoint URL: \"%1\" (no data for %2 ms)"_s.arg(endpoint).arg(
                m_client->transferTimeout().count());
        error.retryable = true;
        return error;
    }
    error.kind = AwsError::Kind::Network;
    switch (code) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
        error.type = u"EndpointConnectionError"_s;
        error.message = u"Could not connect to the endpoint URL: \"%1\" (%2)"_s.arg(
            endpoint, reply->errorString());
        error.retryable = true;
        break;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProtocolFailure:
        error.type = u"ConnectionClosedError"_s;
        error.message = u"Connection was closed before we received a valid response from "
                        u"endpoint URL: \"%1\" (%2)"_s.arg(endpoint, reply->errorString());
        error.retryable = true;
        break;
    default:
        error.type = u"NetworkError"_s;
        error.message = u"Request to \"%1\" failed: %2"_s.arg(endpoint, reply->errorString());
        break;
    }
    return error;
}

void AwsReply::onAttemptFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    if (m_cancelled) {
        AwsError error;
        error.kind = AwsError::Kind::Cancelled;
        error.type = u"Cancelled"_s;
        error.message = u"The %1 call was cancelled"_s.arg(m_request.operation);
        finish(error);
        return;
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    // Errors below 200 (connection, TLS, timeout, proxy) and a protocol failure mean the
    // response is incomplete even when a status line arrived (a body cut short).
    const QNetworkReply::NetworkError networkError = reply->error();
    const bool transportFailed = (networkError != QNetworkReply::NoError && networkError < 200)
        || networkError == QNetworkReply::ProtocolFailure;
    AwsError error;
    if (status == 0 || transportFailed) {
        error = transportError(reply);
    } else {
        m_httpStatus = status;
        m_body = reply->readAll();
        m_responseHeaders = reply->rawHeaderPairs();
        if (status >= 200 && status < 300) {
            if (m_request.protocol == AwsProtocol::Query) {
                m_json = {};
            } else if (m_body.trimmed().isEmpty()) {
                m_json = {};
            } else {
                QJsonParseError parseError;
                const QJsonDocument document = QJsonDocument::fromJson(m_body, &parseError);
                if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                    error.kind = AwsError::Kind::Protocol;
                    error.type = u"ResponseParserError"_s;
                    error.httpStatus = status;
                    error.raw = m_body;
                    error.message = u"Unable to parse the response body as a JSON object: %1"_s.arg(
                        parseError.errorString());
                } else {
                    m_json = document.object();
                }
            }
            if (!error) {
                m_client->m_retryPolicy.recordSuccess(m_tokensTaken);
                qCDebug(lcAws).noquote() << m_request.operation << "HTTP" << status << "after"
                                         << m_attempts << "attempt(s)";
                finish(AwsError {});
                return;
            }
        } else {
            error = AwsError::fromHttpResponse(status, m_responseHeaders, m_body,
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(),
                m_client->now());
        }
    }

    const RetryPolicy::Decision decision = m_client->m_retryPolicy.decide(error, m_attempts);
    if (!decision.retry) {
        qCDebug(lcAws).noquote() << m_request.operation << "failed:" << error.type << "HTTP"
                                 << error.httpStatus << "after" << m_attempts << "attempt(s);"
                                 << decision.reason;
        finish(error);
        return;
    }
    m_tokensTaken += decision.tokensTaken;
    m_retryDelays.append(decision.delay);
    qCDebug(lcAws).noquote() << m_request.operation << "retrying after" << error.type << "in"
                             << decision.delay.count() << "ms";
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setSingleShot(true);
        m_retryTimer->setTimerType(Qt::PreciseTimer);
        connect(m_retryTimer, &QTimer::timeout, this, &AwsReply::startAttempt);
    }
    m_retryTimer->start(int(decision.delay.count()));
}

void AwsReply::finish(const AwsError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    emit finished();
    deleteLater();
}

// ---------------------------------------------------------------------------------------

AwsHttpClient::AwsHttpClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_userAgent("warroom/" WARROOM_VERSION " Qt/" QT_VERSION_STR)
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

AwsHttpClient::~AwsHttpClient() = default;

bool AwsHttpClient::loadCaBundle(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"Cannot read the CA bundle %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        if (error)
            *error = u"The CA bundle %1 holds no PEM certificate"_s.arg(path);
        return false;
    }
    m_caCertificates = certificates;
    return true;
}

AwsReply *AwsHttpClient::send(const AwsEndpoint &endpoint, const AwsRequest &request)
{
    auto *reply = new AwsReply(this, endpoint, request);
    if (!endpoint.isValid()) {
        AwsError error;
        error.kind = AwsError::Kind::Configuration;
        error.type = u"EndpointResolutionError"_s;
        error.message = endpoint.error.isEmpty() ? u"No endpoint"_s : endpoint.error;
        QMetaObject::invokeMethod(
            reply, [reply, error] { reply->finish(error); }, Qt::QueuedConnection);
        return reply;
    }
    QMetaObject::invokeMethod(reply, &AwsReply::startAttempt, Qt::QueuedConnection);
    return reply;
}

} // namespace warroom::aws

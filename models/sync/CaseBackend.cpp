#include "CaseBackend.h"

#include "caseservice/CaseService.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace warroom::sync {

using namespace Qt::StringLiterals;

QString BackendError::toString() const
{
    QString text = type.isEmpty() ? message : QString(type % u": "_s % message);
    QStringList fields;
    for (const auto &field : fieldList)
        fields << QString(field.field % u": "_s % field.message);
    if (!fields.isEmpty())
        text += QString(u" ("_s % fields.join(u"; "_s) % u")"_s);
    return text;
}

CaseBackend::CaseBackend(QObject *parent)
    : QObject(parent)
{
}

CaseBackend::~CaseBackend() = default;

void CaseBackend::callIfUnmodifiedSince(
    const QString &operation, const QJsonObject &input, const QDateTime &, BackendCallback done)
{
    call(operation, input, std::move(done));
}

bool CaseBackend::isPreconditionFailure(const BackendError &error)
{
    return error.type == u"ConflictException"_s
        && error.message.startsWith(caseservice::CaseService::preconditionFailedPrefix());
}

void CaseBackend::waitForChanges(qint64, int, std::function<void(const ChangeFeedResult &)> done)
{
    QTimer::singleShot(0, this, [done] {
        ChangeFeedResult result;
        result.error = BackendError {u"UnsupportedOperation"_s,
            u"This backend has no change feed."_s, {}, 0, false, false, {}};
        done(result);
    });
}

QNetworkAccessManager *CaseBackend::transferNetwork()
{
    if (!m_transferNetwork)
        m_transferNetwork = new QNetworkAccessManager(this);
    return m_transferNetwork;
}

namespace {

// A transfer's failure in the backend's terms: no answer (offline, TLS) is transport and
// retryable, so is a 5xx; a 4xx is the URL's verdict (expired, size mismatch).
BackendResult transferResult(QNetworkReply *reply)
{
    BackendResult result;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status > 0 && status < 300)
        return result;
    QString message = QString::fromUtf8(reply->readAll()).trimmed();
    if (message.isEmpty() || message.size() > 500)
        message = reply->errorString();
    const bool transport = status == 0;
    result.error = BackendError {transport ? u"NetworkError"_s : u"TransferFailed"_s, message, {},
        status, transport, transport || status >= 500, {}};
    return result;
}

} // namespace

void CaseBackend::putAttachment(const QString &url, QIODevice *source, qint64 size,
    TransferProgress progress, BackendCallback done)
{
    QNetworkRequest request {QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/octet-stream"));
    request.setHeader(QNetworkRequest::ContentLengthHeader, size);
    request.setTransferTimeout(120000);
    prepareTransfer(request);
    QNetworkReply *reply = transferNetwork()->put(request, source);
    if (progress) {
        // Qt reports (0, 0) once the request is written: only real steps are passed on.
        connect(reply, &QNetworkReply::uploadProgress, this, [progress](qint64 sent, qint64 total) {
            if (total > 0)
                progress(sent, total);
        });
    }
    connect(reply, &QNetworkReply::finished, this, [reply, done, progress, size] {
        reply->deleteLater();
        const BackendResult result = transferResult(reply);
        if (progress && result.ok())
            progress(size, size);
        done(result);
    });
}

void CaseBackend::getAttachment(
    const QString &url, TransferProgress progress, DownloadCallback done)
{
    QNetworkRequest request {QUrl(url)};
    request.setTransferTimeout(120000);
    prepareTransfer(request);
    QNetworkReply *reply = transferNetwork()->get(request);
    if (progress)
        connect(reply, &QNetworkReply::downloadProgress, this, progress);
    connect(reply, &QNetworkReply::finished, this, [reply, done] {
        reply->deleteLater();
        const BackendResult result = transferResult(reply);
        done(result, result.ok() ? reply->readAll() : QByteArray());
    });
}

} // namespace warroom::sync

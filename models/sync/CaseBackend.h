#pragma once

#include "domain/FieldError.h"

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;
class QNetworkAccessManager;

namespace warroom::sync {

// Why a backend call failed: the service's error type and message with its field list,
// or a transport problem (the call never reached a verdict).
struct BackendError final
{
    QString type; // "ValidationException", "ConflictException", "NetworkError", ...
    QString message; // the server's message as sent
    domain::FieldErrors fieldList;
    int httpStatus = 0; // 0 when no answer arrived
    bool transport = false; // no verdict: offline, timeout, TLS, credentials
    bool retryable = false; // throttling, 5xx, transport
    std::optional<double> retryAfterSeconds;

    // "ValidationException: message (field: reason)".
    QString toString() const;
};

struct BackendResult final
{
    QJsonObject output; // the operation's output members
    std::optional<BackendError> error;

    bool ok() const { return !error.has_value(); }
};

using BackendCallback = std::function<void(const BackendResult &result)>;

// One change of the backend's change feed.
struct BackendChange final
{
    qint64 sequence = 0;
    QString resourceType; // "case", "comment", "attachment", ...
    QString resourceId; // the case ID for case resources
    QString operation;
};

struct ChangeFeedResult final
{
    QList<BackendChange> changes;
    qint64 latest = 0;
    std::optional<BackendError> error;
};

// Where a workspace's cases live. Every security-ir operation by its model name with
// its input members (URI members included, e.g. {"caseId": "1234567890"}): the case
// operations, comments, edits, attachments, investigations and feedback, memberships
// and tags. Asynchronous: `done` runs once, later, on the caller's thread.
// Bytes moved so far and in all (total -1 while unknown).
using TransferProgress = std::function<void(qint64 done, qint64 total)>;
using DownloadCallback = std::function<void(const BackendResult &result, const QByteArray &bytes)>;

class CaseBackend : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseBackend)

public:
    explicit CaseBackend(QObject *parent = nullptr);
    ~CaseBackend() override;

    virtual void call(const QString &operation, const QJsonObject &input, BackendCallback done) = 0;

    // warroom's conditional write, which the security-ir API has not: a case write that
    // the backend refuses with ConflictException (isPreconditionFailure) when the case's
    // lastUpdatedDate moved after `since`. Only backends that say supportsConditionalWrite()
    // check it (warroom-server through the X-Warroom-If-Unmodified-Since header, the
    // embedded service in process); the others make a plain call, and nothing goes to AWS.
    virtual bool supportsConditionalWrite() const { return false; }
    virtual void callIfUnmodifiedSince(const QString &operation, const QJsonObject &input,
        const QDateTime &since, BackendCallback done);
    // The refusal of a conditional write (the case changed after `since`).
    static bool isPreconditionFailure(const BackendError &error);

    // True when the backend has a change feed (warroom-server): then the engine waits on
    // it instead of polling.
    virtual bool hasChangeFeed() const { return false; }
    // Waits up to `waitSeconds` for changes after `after` (-1: only the latest cursor).
    virtual void waitForChanges(
        qint64 after, int waitSeconds, std::function<void(const ChangeFeedResult &)> done);
    // Abandons calls in flight (their callbacks are not run).
    virtual void cancelAll() { }

    // "embedded", "http://127.0.0.1:8080", "AWS us-east-1" for the status bar.
    virtual QString describe() const = 0;
    // True for the embedded backend (no network between the store and it).
    virtual bool inProcess() const { return false; }
    // The principal this console writes as (comments it may edit).
    virtual QString principal() const = 0;

    // An attachment's bytes through the presigned URL that GetCaseAttachmentUploadUrl /
    // GetCaseAttachmentDownloadUrl answered: over HTTP(S) by default, in process for the
    // embedded backend. `source` is read while the upload runs and must outlive it.
    virtual void putAttachment(const QString &url, QIODevice *source, qint64 size,
        TransferProgress progress, BackendCallback done);
    virtual void getAttachment(
        const QString &url, TransferProgress progress, DownloadCallback done);

protected:
    // The manager the HTTP transfers use; the default creates one on first use.
    virtual QNetworkAccessManager *transferNetwork();
    // A chance to add TLS settings (a private CA) to a transfer request.
    virtual void prepareTransfer(QNetworkRequest &request) const { Q_UNUSED(request); }

private:
    QNetworkAccessManager *m_transferNetwork = nullptr;
};

} // namespace warroom::sync

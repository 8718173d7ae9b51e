#pragma once

#include "AccessLog.h"
#include "ApiError.h"
#include "KeyStore.h"
#include "OperationRouter.h"
#include "RateLimiter.h"
#include "RequestAuthenticator.h"

#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QMutex>
#include <QtCore/QPointer>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>
#include <QtHttpServer/QAbstractHttpServer>
#include <QtHttpServer/QHttpServerResponder>

#include <functional>
#include <list>
#include <memory>
#include <variant>

class QTcpSocket;

namespace warroom::caseservice {
class CaseService;
struct ServiceResult;
} // namespace warroom::caseservice

namespace warroom::server {

struct ServerSettings
{
    QString region = QStringLiteral("us-east-1");
    double rate = 100; // requests per second per key; 0 = no throttling
    double burst = 200;
    qint64 maxApiBodyBytes = 1024 * 1024;
    qint64 maxTriageBodyBytes = 16 * 1024; // x-warroom triage requests are small
    qint64 maxUploadBodyBytes = 100LL * 1024 * 1024;
    int maxWaitSeconds = 25; // change feed long poll
    int changePollIntervalMs = 500; // how often waiting feeds look at the database
    int drainTimeoutMs = 30000; // graceful shutdown: longest wait for in-flight requests
    // Threads that verify signatures and run API calls while the server thread parses
    // HTTP and writes answers; 0 runs everything on the server thread.
    int workerThreads = 2;
};

// The security-ir REST API over QHttpServer: SigV4 on every request, per-key throttling,
// roles, the model's routing, CaseService behind it, the attachment URLs and the
// x-warroom change feed. HTTP parsing, attachments, the change feed and every write to a
// socket run on the thread that owns the server; signature checks and API calls run on
// settings.workerThreads worker threads (each with its own database connection).
class WarroomServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WarroomServer)

public:
    WarroomServer(const ServerSettings &settings, const KeyStore *keys,
        caseservice::CaseService *service, AccessLog *log, QObject *parent = nullptr);
    ~WarroomServer() override;

    // The case logic behind the API (set before the first request).
    void setService(caseservice::CaseService *service) { m_service = service; }

    // Stops accepting connections, answers waiting change feeds, then emits drained()
    // once no request is half-received (or after drainTimeoutMs).
    void shutdown();

    // The server's clock for SigV4 (tests move it); default: the system clock.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    static constexpr QLatin1StringView ChangesPath {"/v1/x-warroom/changes"};
    // GET: who the signing key is ({"principalArn", "accountId", "role",
    // "serverAccountId"}), the server's counterpart of STS GetCallerIdentity.
    static constexpr QLatin1StringView CallerPath {"/v1/x-warroom/caller"};
    static constexpr QLatin1StringView TriagePrefix {"/v1/x-warroom/triage/"};

Q_SIGNALS:
    void drained();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
        QList<std::pair<QByteArray, QByteArray>> headers;
        QString errorType;
    };
    struct Waiter
    {
        QPointer<QTcpSocket> socket;
        std::unique_ptr<QHttpServerResponder> responder;
        qint64 after = 0;
        QDateTime deadline;
        AccessLog::Entry log;
        QElapsedTimer timer;
    };

    // Signature, then the key's token bucket: the key, or the reply that refuses the
    // request. Thread-safe.
    std::variant<const ServerKey *, Reply> authorize(
        const aws::SigV4Request &request, AccessLog::Entry &log);
    // Routing, input and the CaseService call of an authorised request. Thread-safe.
    Reply callOperation(
        const aws::SigV4Request &request, const ServerKey &key, AccessLog::Entry &log) const;
    // Runs authorize + callOperation on a worker and answers on the server thread.
    void dispatch(aws::SigV4Request request, QTcpSocket *socket, QHttpServerResponder responder,
        AccessLog::Entry log, QElapsedTimer timer);

    // The x-warroom triage extension: routing, input and the CaseService call.
    Reply callTriage(
        const aws::SigV4Request &request, const ServerKey &key, AccessLog::Entry &log) const;
    static Reply errorReply(const ApiError &error);
    static Reply serviceErrorReply(int status, const QJsonObject &body, int retryAfterSeconds);
    // The HTTP answer of a CaseService result.
    static Reply replyFor(const caseservice::ServiceResult &result);
    void send(QHttpServerResponder &responder, const Reply &reply, AccessLog::Entry &log,
        const QElapsedTimer &timer);
    Reply handleAttachment(const QByteArray &method, const QByteArray &rawPath,
        const QByteArray &body, AccessLog::Entry &log);
    // Nullopt when the request now waits for changes (answered later).
    std::optional<Reply> handleChanges(const QList<aws::QueryItem> &query,
        const QHttpServerRequest &request, QTcpSocket *socket, AccessLog::Entry &log,
        const QElapsedTimer &timer);
    QJsonObject changesSince(qint64 after, QString *error) const;
    void checkWaiters(bool answerAll);
    void checkDrained();
    QDateTime now() const;

    ServerSettings m_settings;
    const KeyStore *m_keys;
    caseservice::CaseService *m_service;
    AccessLog *m_log;
    OperationRouter m_router;
    RequestAuthenticator m_authenticator;
    RateLimiter m_limiter;
    QMutex m_limiterMutex;
    QThreadPool m_workers;
    int m_inFlight = 0; // dispatched to a worker, not answered yet
    std::function<QDateTime()> m_clock;
    std::list<Waiter> m_waiters;
    QTimer m_pollTimer;
    QTimer m_drainTimer;
    QElapsedTimer m_drainClock;
    bool m_shuttingDown = false;
};

} // namespace warroom::server

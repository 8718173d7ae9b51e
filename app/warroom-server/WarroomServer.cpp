#include "WarroomServer.h"

#include "caseservice/CaseService.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QUuid>
#include <QtHttpServer/QHttpServerRequest>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

namespace warroom::server {

using namespace Qt::StringLiterals;
using caseservice::CaseService;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        break;
    }
    return "UNKNOWN";
}

QByteArray toJsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

constexpr int MaxChangesPerReply = 100;
constexpr QByteArrayView IfUnmodifiedSinceHeader = "x-warroom-if-unmodified-since";

} // namespace

WarroomServer::WarroomServer(const ServerSettings &settings, const KeyStore *keys,
    CaseService *service, AccessLog *log, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_settings(settings)
    , m_keys(keys)
    , m_service(service)
    , m_log(log)
    , m_authenticator(keys, settings.region.toUtf8())
    , m_limiter(settings.rate, settings.burst)
{
    m_pollTimer.setInterval(std::max(20, settings.changePollIntervalMs));
    connect(&m_pollTimer, &QTimer::timeout, this, [this] { checkWaiters(false); });
    m_drainTimer.setInterval(50);
    connect(&m_drainTimer, &QTimer::timeout, this, &WarroomServer::checkDrained);
    m_workers.setMaxThreadCount(std::max(1, settings.workerThreads));
    m_workers.setExpiryTimeout(-1); // threads keep their database connections
}

WarroomServer::~WarroomServer()
{
    m_workers.waitForDone();
}

QDateTime WarroomServer::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

WarroomServer::Reply WarroomServer::errorReply(const ApiError &error)
{
    Reply reply;
    reply.status = error.status;
    reply.body = toJsonBytes(error.toJson());
    reply.errorType = error.type;
    reply.headers.append({"X-Amzn-ErrorType", error.type.toUtf8()});
    if (error.retryAfterSeconds > 0)
        reply.headers.append({"Retry-After", QByteArray::number(error.retryAfterSeconds)});
    return reply;
}

WarroomServer::Reply WarroomServer::replyFor(const caseservice::ServiceResult &result)
{
    if (result.error)
        return serviceErrorReply(
            result.error->httpStatus(), result.error->toJson(), result.error->retryAfterSeconds);
    Reply reply;
    reply.status = result.httpStatus;
    if (reply.status != 204)
        reply.body = toJsonBytes(result.body);
    return reply;
}

WarroomServer::Reply WarroomServer::serviceErrorReply(
    int status, const QJsonObject &body, int retryAfterSeconds)
{
    Reply reply;
    reply.status = status;
    reply.body = toJsonBytes(body);
    reply.errorType = body.value(u"__type"_s).toString();
    reply.headers.append({"X-Amzn-ErrorType", reply.errorType.toUtf8()});
    if (retryAfterSeconds > 0 && (status == 429 || status >= 500))
        reply.headers.append({"Retry-After", QByteArray::number(retryAfterSeconds)});
    return reply;
}

void WarroomServer::send(QHttpServerResponder &responder, const Reply &reply, AccessLog::Entry &log,
    const QElapsedTimer &timer)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader(
        "x-amzn-RequestId", QUuid::createUuid().toByteArray(QUuid::WithoutBraces));
    if (reply.status != 204)
        responder.writeHeader("Content-Type", reply.contentType);
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeBody(reply.body);

    log.status = reply.status;
    log.errorType = reply.errorType;
    log.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    if (m_log)
        m_log->write(log);
}

bool WarroomServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();

    const QUrl url = request.url();
    aws::SigV4Request signed_;
    signed_.method = methodName(request.method());
    signed_.path = url.path(QUrl::FullyEncoded).toUtf8();
    if (signed_.path.isEmpty())
        signed_.path = "/";
    signed_.query = aws::SigV4Request::parseQuery(url.query(QUrl::FullyEncoded).toUtf8());
    for (const auto &header : request.headers())
        signed_.headers.append({header.first, header.second});
    signed_.body = request.body();

    AccessLog::Entry log;
    log.remote = request.remoteAddress().toString();
    log.method = QString::fromLatin1(signed_.method);
    log.path = QString::fromUtf8(signed_.path);
    log.bytesIn = signed_.body.size();

    QHttpServerResponder responder = makeResponder(request, socket);

    // Presigned attachment URLs carry their own HMAC token instead of SigV4.
    const QByteArray attachmentPrefix = CaseService::attachmentPathPrefix().toUtf8();
    if (signed_.path.startsWith(attachmentPrefix)) {
        log.path = QString::fromUtf8(attachmentPrefix) % u"<token>"_s;
        const Reply reply = handleAttachment(
            signed_.method, signed_.path.mid(attachmentPrefix.size()), signed_.body, log);
        send(responder, reply, log, timer);
        return true;
    }

    if (signed_.body.size() > m_settings.maxApiBodyBytes) {
        ApiError error = ApiError::validation(
            QString(u"The request body is "_s % QString::number(signed_.body.size())
                % u" bytes; this service accepts at most "_s
                % QString::number(m_settings.maxApiBodyBytes)
                % u" bytes per request (upload attachments through their presigned URL)."_s),
            u"OTHER"_s);
        error.status = 413;
        send(responder, errorReply(error), log, timer);
        return true;
    }

    if (signed_.path.startsWith(QByteArrayView(TriagePrefix))
        && signed_.body.size() > m_settings.maxTriageBodyBytes) {
        ApiError error = ApiError::validation(
            QString(u"The request body is "_s % QString::number(signed_.body.size())
                % u" bytes; x-warroom triage requests take at most "_s
                % QString::number(m_settings.maxTriageBodyBytes) % u" bytes."_s),
            u"OTHER"_s);
        error.status = 413;
        send(responder, errorReply(error), log, timer);
        return true;
    }

    if (m_settings.workerThreads > 0
        && !(signed_.path == QByteArrayView(ChangesPath) && signed_.method == "GET")
        && !(signed_.path == QByteArrayView(CallerPath) && signed_.method == "GET")) {
        dispatch(std::move(signed_), socket, std::move(responder), std::move(log), timer);
        return true;
    }

    const auto authorized = authorize(signed_, log);
    if (const auto *refusal = std::get_if<Reply>(&authorized)) {
        send(responder, *refusal, log, timer);
        return true;
    }
    const ServerKey *key = std::get<const ServerKey *>(authorized);

    if (signed_.path == QByteArrayView(ChangesPath) && signed_.method == "GET") {
        log.operation = u"x-warroom:GetChanges"_s; // every role may read the feed
        auto reply = handleChanges(signed_.query, request, socket, log, timer);
        if (!reply) { // waiting: the responder moves into the waiter
            m_waiters.back().responder
                = std::make_unique<QHttpServerResponder>(std::move(responder));
            return true;
        }
        send(responder, *reply, log, timer);
        return true;
    }

    if (signed_.path == QByteArrayView(CallerPath) && signed_.method == "GET") {
        log.operation = u"x-warroom:GetCaller"_s; // any role may ask who it is
        // arn:aws:iam::123456789012:user/alice -> 123456789012
        const QStringList arnParts = key->principalArn.split(u':');
        Reply reply;
        reply.body = QJsonDocument(
            QJsonObject {{u"principalArn"_s, key->principalArn},
                {u"accountId"_s, arnParts.value(4)}, {u"role"_s, KeyStore::roleToString(key->role)},
                {u"serverAccountId"_s, m_service->config().accountId}})
                         .toJson(QJsonDocument::Compact);
        send(responder, reply, log, timer);
        return true;
    }

    const Reply reply = callOperation(signed_, *key, log);
    send(responder, reply, log, timer);
    if (reply.status < 300 && !m_waiters.empty())
        checkWaiters(false);
    return true;
}

std::variant<const ServerKey *, WarroomServer::Reply> WarroomServer::authorize(
    const aws::SigV4Request &request, AccessLog::Entry &log)
{
    const auto authenticated = m_authenticator.authenticate(request, now());
    if (const auto *error = std::get_if<ApiError>(&authenticated)) {
        log.accessKeyId = QString::fromUtf8(aws::SigV4Signer::accessKeyIdOf(request)).left(128);
        return errorReply(*error);
    }
    const ServerKey *key = std::get<const ServerKey *>(authenticated);
    log.accessKeyId = key->accessKeyId;

    int retryAfter = 1;
    QMutexLocker lock(&m_limiterMutex);
    if (!m_limiter.tryAcquire(key->accessKeyId, &retryAfter))
        return errorReply(ApiError::throttling(retryAfter));
    return key;
}

WarroomServer::Reply WarroomServer::callOperation(
    const aws::SigV4Request &request, const ServerKey &key, AccessLog::Entry &log) const
{
    if (request.path.startsWith(QByteArrayView(TriagePrefix)))
        return callTriage(request, key, log);
    const auto match = m_router.match(request.method, request.path);
    if (!match)
        return errorReply(ApiError::unknownOperation(request.method, request.path));
    const QString operation = match->operation->name;
    log.operation = operation;

    ApiError inputError;
    const auto input
        = OperationRouter::buildInput(*match, request.query, request.body, &inputError);
    if (!input)
        return errorReply(inputError);

    // CaseService decides what the key's role may do (the one place roles are checked,
    // shared with the embedded backend).
    // The conditional-write extension (see README.md): a case write refused with
    // ConflictException when the case changed after the given lastUpdatedDate.
    caseservice::CallOptions options;
    for (const auto &[name, value] : request.headers) {
        if (name.compare(IfUnmodifiedSinceHeader, Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const double seconds = value.trimmed().toDouble(&ok);
        if (!ok || seconds < 0) {
            const QString message = u"Value '"_s % QString::fromUtf8(value)
                % u"' at 'X-Warroom-If-Unmodified-Since' failed to satisfy constraint: Member "
                  "must be a non-negative number of seconds since the epoch"_s;
            return errorReply(ApiError::validation(message, u"FIELD_VALIDATION_FAILED"_s,
                u"X-Warroom-If-Unmodified-Since"_s, message));
        }
        options.ifUnmodifiedSince
            = QDateTime::fromMSecsSinceEpoch(qRound64(seconds * 1000.0), Qt::UTC);
    }
    const caseservice::Principal principal {key.accessKeyId, key.principalArn, key.role};
    return replyFor(m_service->call(operation, *input, principal, options));
}

WarroomServer::Reply WarroomServer::callTriage(
    const aws::SigV4Request &request, const ServerKey &key, AccessLog::Entry &log) const
{
    // GET  state?after=N&maxResults=M                ListTriageState
    // POST findings/{findingId}/claim | /release      ClaimFinding | ReleaseFinding
    // PUT  findings/{findingId}/decision              PutTriageDecision
    const QList<QByteArray> parts = request.path.mid(TriagePrefix.size()).split('/');
    QString operation;
    QJsonObject input;
    if (parts.size() == 1 && parts.at(0) == "state" && request.method == "GET") {
        operation = u"ListTriageState"_s;
        for (const auto &[name, value] : request.query) {
            if (name != "after" && name != "maxResults")
                continue;
            bool ok = false;
            const qint64 number = QByteArray::fromPercentEncoding(value).toLongLong(&ok);
            const QString field = QString::fromLatin1(name);
            if (!ok) {
                const QString message
                    = QString(u"Value '"_s % QString::fromUtf8(value) % u"' at '"_s % field
                        % u"' failed to satisfy constraint: Member must be an "
                          u"integer"_s);
                return errorReply(
                    ApiError::validation(message, u"FIELD_VALIDATION_FAILED"_s, field, message));
            }
            input.insert(field, number);
        }
    } else if (parts.size() == 3 && parts.at(0) == "findings" && !parts.at(1).isEmpty()) {
        const QByteArray &action = parts.at(2);
        if (action == "claim" && request.method == "POST")
            operation = u"ClaimFinding"_s;
        else if (action == "release" && request.method == "POST")
            operation = u"ReleaseFinding"_s;
        else if (action == "decision" && request.method == "PUT")
            operation = u"PutTriageDecision"_s;
        if (!operation.isEmpty()) {
            if (!request.body.trimmed().isEmpty()) {
                QJsonParseError parseError;
                const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
                if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                    log.operation = u"x-warroom:"_s + operation;
                    return errorReply(
                        ApiError::validation(parseError.error != QJsonParseError::NoError
                                ? QString(u"The request body is not valid JSON: "_s
                                    % parseError.errorString() % u" at offset "_s
                                    % QString::number(parseError.offset) % u'.')
                                : u"The request body must be a JSON object."_s,
                            u"CANNOT_PARSE"_s));
                }
                input = document.object();
            }
            // The path's label is the finding (percent-encoded once: ARNs carry '/').
            input.insert(
                u"findingId"_s, QString::fromUtf8(QByteArray::fromPercentEncoding(parts.at(1))));
        }
    }
    if (operation.isEmpty())
        return errorReply(ApiError::unknownOperation(request.method, request.path));
    log.operation = u"x-warroom:"_s + operation;
    const caseservice::Principal principal {key.accessKeyId, key.principalArn, key.role};
    return replyFor(m_service->callTriage(operation, input, principal));
}

void WarroomServer::dispatch(aws::SigV4Request request, QTcpSocket *socket,
    QHttpServerResponder responder, AccessLog::Entry log, QElapsedTimer timer)
{
    ++m_inFlight;
    // The responder and the socket stay on this thread; the worker only computes the reply.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> guard(socket);
    m_workers.start([this, request = std::move(request), pending, guard, log, timer]() mutable {
        Reply reply;
        const auto authorized = authorize(request, log);
        if (const auto *refusal = std::get_if<Reply>(&authorized))
            reply = *refusal;
        else
            reply = callOperation(request, *std::get<const ServerKey *>(authorized), log);
        QMetaObject::invokeMethod(
            this,
            [this, pending, guard, reply = std::move(reply), log, timer]() mutable {
                --m_inFlight;
                if (guard) // the client may have gone away meanwhile
                    send(*pending, reply, log, timer);
                if (reply.status < 300 && !m_waiters.empty())
                    checkWaiters(false);
            },
            Qt::QueuedConnection);
    });
}

void WarroomServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest answers everything; kept for the abstract interface.
    QElapsedTimer timer;
    timer.start();
    AccessLog::Entry log;
    log.method = QString::fromLatin1(methodName(request.method()));
    QHttpServerResponder responder = makeResponder(request, socket);
    send(responder, errorReply(ApiError::unknownOperation(methodName(request.method()), {})), log,
        timer);
}

WarroomServer::Reply WarroomServer::handleAttachment(const QByteArray &method,
    const QByteArray &rawPath, const QByteArray &body, AccessLog::Entry &log)
{
    const QString token = QString::fromUtf8(QByteArray::fromPercentEncoding(rawPath));
    auto plain = [](int status, const QString &type, const QString &message) {
        return errorReply(ApiError {status, type, message, {}, {}, 0, {}});
    };
    if (method == "PUT") {
        log.operation = u"x-warroom:UploadAttachment"_s;
        if (body.size() > m_settings.maxUploadBodyBytes)
            return plain(413, u"EntityTooLarge"_s,
                QString(u"The attachment is larger than "_s
                    % QString::number(m_settings.maxUploadBodyBytes) % u" bytes."_s));
        QString error;
        if (!m_service->acceptUpload(token, body, &error))
            return plain(403, u"AccessDenied"_s, error);
        checkWaiters(false);
        Reply reply;
        reply.body = "{}";
        return reply;
    }
    if (method == "GET") {
        log.operation = u"x-warroom:DownloadAttachment"_s;
        QString fileName;
        QString error;
        const auto bytes = m_service->download(token, &fileName, &error);
        if (!bytes)
            return plain(403, u"AccessDenied"_s, error);
        Reply reply;
        reply.body = *bytes;
        reply.contentType = "application/octet-stream";
        QString safeName = fileName;
        safeName.remove(u'"');
        reply.headers.append({"Content-Disposition",
            QString(u"attachment; filename=\""_s % safeName % u'"').toUtf8()});
        return reply;
    }
    return plain(
        405, u"MethodNotAllowed"_s, u"Attachment URLs accept PUT (upload) and GET (download)."_s);
}

QJsonObject WarroomServer::changesSince(qint64 after, QString *error) const
{
    const QList<CaseService::Change> changes
        = m_service->changesAfter(after, MaxChangesPerReply, error);
    QJsonArray items;
    qint64 latest = after;
    for (const CaseService::Change &change : changes) {
        items.append(QJsonObject {
            {u"sequence"_s, change.sequence},
            {u"resourceType"_s, change.resourceType},
            {u"resourceId"_s, change.resourceId},
            {u"operation"_s, change.operation},
            {u"at"_s, double(change.at.toMSecsSinceEpoch()) / 1000.0},
        });
        latest = std::max(latest, change.sequence);
    }
    QString latestError;
    const qint64 newest = m_service->latestChange(&latestError);
    return {{u"changes"_s, items}, {u"latest"_s, std::max(latest, newest)}};
}

std::optional<WarroomServer::Reply> WarroomServer::handleChanges(const QList<aws::QueryItem> &query,
    const QHttpServerRequest &, QTcpSocket *socket, AccessLog::Entry &log,
    const QElapsedTimer &timer)
{
    qint64 after = -1;
    int waitSeconds = 0;
    for (const auto &[name, value] : query) {
        bool ok = true;
        if (name == "after") {
            after = value.toLongLong(&ok);
            ok = ok && after >= 0;
        } else if (name == "waitSeconds") {
            waitSeconds = value.toInt(&ok);
            ok = ok && waitSeconds >= 0;
        } else {
            continue;
        }
        if (!ok) {
            const QString field = QString::fromLatin1(name);
            const QString message
                = QString(u"Value '"_s % QString::fromUtf8(value) % u"' at '"_s % field
                    % u"' failed to satisfy constraint: Member must be a non-negative integer"_s);
            return errorReply(
                ApiError::validation(message, u"FIELD_VALIDATION_FAILED"_s, field, message));
        }
    }
    waitSeconds = std::min(waitSeconds, m_settings.maxWaitSeconds);

    QString error;
    if (after < 0) { // no cursor yet: where the feed stands now
        const qint64 latest = m_service->latestChange(&error);
        if (latest < 0)
            return errorReply(ApiError::internal(error));
        Reply reply;
        reply.body = toJsonBytes({{u"changes"_s, QJsonArray()}, {u"latest"_s, latest}});
        return reply;
    }
    const QJsonObject changes = changesSince(after, &error);
    if (!error.isEmpty())
        return errorReply(ApiError::internal(error));
    if (!changes.value(u"changes"_s).toArray().isEmpty() || waitSeconds == 0 || m_shuttingDown) {
        Reply reply;
        reply.body = toJsonBytes(changes);
        return reply;
    }
    Waiter waiter;
    waiter.socket = socket;
    waiter.after = after;
    waiter.deadline = QDateTime::currentDateTimeUtc().addSecs(waitSeconds);
    waiter.log = log;
    waiter.timer = timer;
    m_waiters.push_back(std::move(waiter));
    if (!m_pollTimer.isActive())
        m_pollTimer.start();
    return std::nullopt;
}

void WarroomServer::checkWaiters(bool answerAll)
{
    if (m_waiters.empty()) {
        m_pollTimer.stop();
        return;
    }
    QString error;
    const qint64 latest = m_service->latestChange(&error);
    const QDateTime current = QDateTime::currentDateTimeUtc();
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if (!it->socket || it->socket->state() != QAbstractSocket::ConnectedState) {
            it = m_waiters.erase(it); // the client went away
            continue;
        }
        const bool due = answerAll || latest > it->after || latest < 0 || it->deadline <= current;
        if (!due) {
            ++it;
            continue;
        }
        Reply reply;
        QString changesError;
        const QJsonObject changes = changesSince(it->after, &changesError);
        reply = changesError.isEmpty()
            ? Reply {200, toJsonBytes(changes), "application/json", {}, {}}
            : errorReply(ApiError::internal(changesError));
        send(*it->responder, reply, it->log, it->timer);
        it = m_waiters.erase(it);
    }
    if (m_waiters.empty())
        m_pollTimer.stop();
}

void WarroomServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    for (QTcpServer *server : servers())
        server->close();
    checkWaiters(true);
    m_drainClock.start();
    m_drainTimer.start();
    checkDrained();
}

void WarroomServer::checkDrained()
{
    bool busy = !m_waiters.empty() || m_inFlight > 0;
    for (QTcpServer *server : servers()) {
        const auto sockets = server->findChildren<QTcpSocket *>();
        for (QTcpSocket *socket : sockets) {
            if (socket->state() == QAbstractSocket::ConnectedState
                && (socket->isTransactionStarted() || socket->bytesAvailable() > 0
                    || socket->bytesToWrite() > 0))
                busy = true;
        }
    }
    if (busy && m_drainClock.elapsed() < m_settings.drainTimeoutMs)
        return;
    m_drainTimer.stop();
    Q_EMIT drained();
}

} // namespace warroom::server

#include "EmbeddedBackend.h"

#include "caseservice/CaseService.h"
#include "demo/DemoOrganization.h"
#include "store/CaseEditRepository.h"
#include "store/CaseRepository.h"
#include "store/CommentRepository.h"
#include "store/Database.h"
#include "store/MembershipRepository.h"
#include "store/Workspace.h"

#include <QDir>

#include <QIODevice>
#include <QTimer>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

// The console's user in the account the service stands for.
caseservice::Principal localPrincipal(const caseservice::CaseService &service)
{
    caseservice::Principal principal;
    principal.accessKeyId = u"WARROOMEMBEDDED"_s;
    principal.arn = u"arn:aws:iam::%1:user/warroom-console"_s.arg(service.config().accountId);
    principal.role = caseservice::Role::Full;
    return principal;
}

} // namespace

std::unique_ptr<EmbeddedBackend> EmbeddedBackend::open(
    const QString &databasePath, QString *error, QObject *parent)
{
    auto service = caseservice::CaseService::open(
        demo::DemoOrganization::standard().serviceConfig(), databasePath, error);
    if (!service)
        return {};
    auto *raw = service.get();
    return std::unique_ptr<EmbeddedBackend>(new EmbeddedBackend(std::move(service), raw, parent));
}

std::unique_ptr<EmbeddedBackend> EmbeddedBackend::wrap(
    caseservice::CaseService *service, QObject *parent)
{
    return std::unique_ptr<EmbeddedBackend>(new EmbeddedBackend(nullptr, service, parent));
}

EmbeddedBackend::EmbeddedBackend(std::unique_ptr<caseservice::CaseService> owned,
    caseservice::CaseService *service, QObject *parent)
    : CaseBackend(parent)
    , m_owned(std::move(owned))
    , m_service(service)
{
}

EmbeddedBackend::~EmbeddedBackend() = default;

caseservice::CaseService &EmbeddedBackend::service()
{
    return *m_service;
}

void EmbeddedBackend::call(const QString &operation, const QJsonObject &input, BackendCallback done)
{
    callIfUnmodifiedSince(operation, input, QDateTime(), std::move(done));
}

void EmbeddedBackend::callIfUnmodifiedSince(const QString &operation, const QJsonObject &input,
    const QDateTime &since, BackendCallback done)
{
    // Run now, deliver later: callers get the same asynchronous contract as over HTTP.
    caseservice::CallOptions options;
    if (since.isValid())
        options.ifUnmodifiedSince = since;
    const caseservice::ServiceResult served
        = m_service->call(operation, input, localPrincipal(*m_service), options);
    BackendResult result;
    result.output = served.body;
    if (served.error) {
        const auto &e = *served.error;
        BackendError error;
        error.type = e.type;
        error.message = e.message;
        error.fieldList = e.fieldList;
        error.httpStatus = e.httpStatus();
        error.retryable = error.httpStatus == 429 || error.httpStatus >= 500;
        if (e.retryAfterSeconds > 0)
            error.retryAfterSeconds = e.retryAfterSeconds;
        result.error = error;
    }
    QTimer::singleShot(0, this, [done, result] { done(result); });
}

void EmbeddedBackend::waitForChanges(
    qint64 after, int waitSeconds, std::function<void(const ChangeFeedResult &)> done)
{
    // Everything the embedded service changes goes through this process, so a change
    // is seen on the next check; check every 250 ms up to waitSeconds.
    const QDateTime deadline = QDateTime::currentDateTimeUtc().addSecs(after < 0 ? 0 : waitSeconds);
    QTimer::singleShot(
        0, this, [this, after, deadline, done] { pollChanges(after, deadline, done); });
}

void EmbeddedBackend::pollChanges(
    qint64 after, const QDateTime &deadline, std::function<void(const ChangeFeedResult &)> done)
{
    ChangeFeedResult result;
    QString error;
    result.latest = m_service->latestChange(&error);
    if (result.latest < 0) {
        result.error = BackendError {u"InternalServerException"_s, error, {}, 500, false, true, {}};
    } else if (after >= 0) {
        for (const auto &change : m_service->changesAfter(after, 100, &error))
            result.changes.append(
                {change.sequence, change.resourceType, change.resourceId, change.operation});
    }
    if (result.error || !result.changes.isEmpty() || after < 0
        || QDateTime::currentDateTimeUtc() >= deadline) {
        done(result);
        return;
    }
    QTimer::singleShot(
        250, this, [this, after, deadline, done] { pollChanges(after, deadline, done); });
}

namespace {

// The token part of a presigned URL the embedded service made (its base URL is empty).
QString transferToken(const QString &url)
{
    const QString prefix = caseservice::CaseService::attachmentPathPrefix();
    const qsizetype at = url.indexOf(prefix);
    return at < 0 ? QString() : url.mid(at + prefix.size());
}

BackendError transferError(const QString &message)
{
    return BackendError {u"TransferFailed"_s, message, {}, 400, false, false, {}};
}

} // namespace

void EmbeddedBackend::putAttachment(const QString &url, QIODevice *source, qint64 size,
    TransferProgress progress, BackendCallback done)
{
    BackendResult result;
    QString error;
    const QByteArray body = source->readAll();
    if (!m_service->acceptUpload(transferToken(url), body, &error))
        result.error = transferError(error);
    QTimer::singleShot(0, this, [done, progress, result, size] {
        if (progress && result.ok())
            progress(size, size);
        done(result);
    });
}

void EmbeddedBackend::getAttachment(
    const QString &url, TransferProgress progress, DownloadCallback done)
{
    BackendResult result;
    QString error;
    QString fileName;
    const std::optional<QByteArray> bytes
        = m_service->download(transferToken(url), &fileName, &error);
    if (!bytes)
        result.error = transferError(error);
    QTimer::singleShot(0, this, [done, progress, result, bytes] {
        if (progress && bytes)
            progress(bytes->size(), bytes->size());
        done(result, bytes.value_or(QByteArray()));
    });
}

bool EmbeddedBackend::seedFromStore(store::Workspace &workspace, QString *error, int *seeded)
{
    if (seeded)
        *seeded = 0;
    QList<caseservice::CaseService::SeedCase> cases;
    std::optional<domain::Membership> membership;
    {
        QSqlDatabase connection = workspace.database().reader();
        const store::CaseRepository caseRepository(connection);
        const store::CommentRepository comments(connection);
        const store::CaseEditRepository edits(connection);
        QString countError;
        const qint64 count = caseRepository.count(&countError);
        if (count < 0 || !countError.isEmpty()) {
            if (error)
                *error = countError;
            return false;
        }
        if (count == 0)
            return true;
        for (const auto &summary : caseRepository.listSummaries()) {
            auto value = caseRepository.get(summary.caseId, error);
            // Provisional cases (local-...) reach the backend through the outbox.
            if (!value || value->caseId.startsWith(u"local-"_s))
                continue;
            cases.append(
                {*value, comments.listForCase(value->caseId), edits.listForCase(value->caseId)});
        }
        membership = store::MembershipRepository(connection).current();
    }
    auto backend = open(QDir(workspace.directory()).filePath(defaultFileName()), error);
    if (!backend)
        return false;
    const caseservice::ServiceResult listed = backend->service().call(
        u"ListCases"_s, {{u"maxResults"_s, 1}}, localPrincipal(backend->service()));
    if (!listed.ok()) {
        if (error)
            *error = listed.error->message;
        return false;
    }
    if (!listed.body.value(u"items"_s).toArray().isEmpty())
        return true;
    if (membership && !backend->service().seedMembership(*membership, error))
        return false;
    if (!backend->service().seedCases(cases, error))
        return false;
    if (seeded)
        *seeded = static_cast<int>(cases.size());
    return true;
}

QString EmbeddedBackend::describe() const
{
    return tr("Embedded backend");
}

QString EmbeddedBackend::principal() const
{
    return localPrincipal(*m_service).arn;
}

} // namespace warroom::sync

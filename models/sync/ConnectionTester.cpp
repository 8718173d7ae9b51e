#include "ConnectionTester.h"

#include "SyncLogging.h"

#include "EmbeddedBackend.h"
#include "aws/AwsError.h"
#include "aws/AwsHttpClient.h"
#include "aws/CredentialChain.h"
#include "aws/SecurityIrClient.h"
#include "aws/StsClient.h"
#include "caseservice/CaseService.h"

#include <QDir>
#include <QThread>

namespace warroom::sync {

using namespace Qt::StringLiterals;

namespace {

using Report = ConnectionReport;
using Done = std::function<void(const Report &)>;

QString membershipText(const QList<aws::MembershipSummary> &items)
{
    const aws::MembershipSummary &m = items.first();
    return QObject::tr("membership %1 (account %2, %3) is %4")
        .arg(m.membershipId, m.accountId, m.region,
            m.membershipStatus ? domain::toString(*m.membershipStatus)
                               : QObject::tr("of unknown status"));
}

Report membershipReport(
    const QList<aws::MembershipSummary> &items, const QString &identity, const QString &target)
{
    Report report;
    report.identity = identity;
    report.memberships = static_cast<int>(items.size());
    if (items.isEmpty()) {
        report.problem = Report::Problem::NoMembership;
        report.message = QObject::tr("Connected to %1 as %2, but there is no Security Incident "
                                     "Response membership there. Sign up in the Onboarding area "
                                     "(or choose the Region of your membership).")
                             .arg(target, identity);
        return report;
    }
    report.message
        = QObject::tr("Connected to %1 as %2; %3.").arg(target, identity, membershipText(items));
    return report;
}

void testEmbedded(const QString &workspaceDirectory, const Done &done)
{
    QString error;
    auto backend = EmbeddedBackend::open(
        QDir(workspaceDirectory).filePath(EmbeddedBackend::defaultFileName()), &error);
    if (!backend) {
        done({Report::Problem::Other,
            QObject::tr("The embedded backend could not be opened: %1").arg(error), {}, 0});
        return;
    }
    const QString arn = backend->principal();
    const caseservice::ServiceResult result = backend->service().call(u"ListMemberships"_s,
        {{u"maxResults"_s, 25}}, {u"WARROOMEMBEDDED"_s, arn, caseservice::Role::Full});
    backend->service().releaseThreadConnection();
    if (!result.ok()) {
        done({Report::Problem::Other, result.error->message, {}, 0});
        return;
    }
    done(membershipReport(aws::SecurityIrClient::parseMembershipsPage(result.body).items, arn,
        QObject::tr("the embedded backend")));
}

// Lives on the worker thread: the HTTP client, the clients and the calls in flight.
class HttpTest final : public QObject
{
public:
    HttpTest(const BackendSettings &settings, const aws::Credentials &keys, Done done)
        : m_settings(settings)
        , m_done(std::move(done))
    {
        m_http.setCredentials(keys);
        m_http.setTransferTimeout(std::chrono::seconds(20));
        auto retry = m_http.retryPolicy().settings();
        retry.maxAttempts = 1;
        m_http.retryPolicy().setSettings(retry);
        m_config.region = settings.region;
        if (settings.kind == BackendSettings::Kind::Server)
            m_config.endpointUrl = settings.serverUrl;
        m_target = settings.kind == BackendSettings::Kind::Server
            ? settings.serverUrl.toString(QUrl::RemoveUserInfo)
            : QObject::tr("AWS %1").arg(settings.region);
    }

    void run()
    {
        const QString caBundle = m_settings.caBundle.isEmpty()
            ? qEnvironmentVariable("AWS_CA_BUNDLE")
            : m_settings.caBundle;
        QString error;
        if (!caBundle.isEmpty() && !m_http.loadCaBundle(caBundle, &error)) {
            m_done({Report::Problem::Tls, QObject::tr("CA bundle: %1").arg(error), {}, 0});
            return;
        }
        if (m_settings.kind == BackendSettings::Kind::Aws) {
            m_sts = std::make_unique<aws::StsClient>(&m_http, m_config);
            m_sts->getCallerIdentity([this](const aws::AwsOutcome<aws::CallerIdentity> &o) {
                if (!o.ok()) {
                    m_done(ConnectionTester::reportFor(o.error, m_target));
                    return;
                }
                listMemberships(o.value.arn);
            });
            return;
        }
        listMemberships(m_http.credentials().accessKeyId);
    }

private:
    void listMemberships(const QString &identity)
    {
        m_securityIr = std::make_unique<aws::SecurityIrClient>(&m_http, m_config);
        m_securityIr->listMemberships({QString(), 25},
            [this, identity](const aws::AwsOutcome<aws::Page<aws::MembershipSummary>> &o) {
                if (!o.ok()) {
                    m_done(ConnectionTester::reportFor(o.error, m_target));
                    return;
                }
                m_done(membershipReport(o.value.items, identity, m_target));
            });
    }

    BackendSettings m_settings;
    Done m_done;
    aws::AwsHttpClient m_http;
    aws::AwsClientConfig m_config;
    QString m_target;
    std::unique_ptr<aws::StsClient> m_sts;
    std::unique_ptr<aws::SecurityIrClient> m_securityIr;
};

} // namespace

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ConnectionReport>();
}

ConnectionTester::~ConnectionTester()
{
    ++m_generation;
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    }
}

ConnectionReport ConnectionTester::reportFor(const aws::AwsError &error, const QString &target)
{
    using Kind = aws::AwsError::Kind;
    Report report;
    const QString detail = error.message.isEmpty() ? error.type : error.message;
    switch (error.kind) {
    case Kind::Network:
    case Kind::Timeout:
        report.problem = Report::Problem::Unreachable;
        report.message = QObject::tr("Could not reach %1: %2. Check the URL (scheme, host and "
                                     "port) and that the server is running.")
                             .arg(target, detail);
        return report;
    case Kind::Tls:
        report.problem = Report::Problem::Tls;
        report.message = QObject::tr("TLS problem with %1: %2. The server's certificate is not "
                                     "trusted here: choose the CA bundle (PEM) that issued it, or "
                                     "fix the certificate. Certificate errors are never ignored.")
                             .arg(target, detail);
        return report;
    case Kind::Credentials:
        report.problem = Report::Problem::BadKeys;
        report.message = QObject::tr("No usable keys: %1").arg(detail);
        return report;
    case Kind::Configuration:
        report.problem = Report::Problem::Settings;
        report.message = detail;
        return report;
    default:
        break;
    }
    static const QStringList keyErrors {u"InvalidSignatureException"_s, u"SignatureDoesNotMatch"_s,
        u"UnrecognizedClientException"_s, u"InvalidClientTokenId"_s,
        u"IncompleteSignatureException"_s, u"MissingAuthenticationTokenException"_s,
        u"ExpiredTokenException"_s, u"InvalidAccessKeyId"_s};
    if (keyErrors.contains(error.type)) {
        report.problem = Report::Problem::BadKeys;
        report.message = QObject::tr("%1 refused the keys (%2: %3). Check the access key ID and "
                                     "the secret access key, and that the clock is right.")
                             .arg(target, error.type, error.message);
    } else if (error.type == u"AccessDeniedException"_s || error.type == u"AccessDenied"_s) {
        report.problem = Report::Problem::AccessDenied;
        report.message = QObject::tr("%1 accepted the keys but denied the call (%2). The user or "
                                     "role needs security-ir:ListMemberships.")
                             .arg(target, error.message);
    } else if (error.type == u"SecurityIncidentResponseNotActiveException"_s) {
        report.problem = Report::Problem::NoMembership;
        report.message
            = QObject::tr("%1: %2 Sign up in the Onboarding area.").arg(target, error.message);
    } else if (error.httpStatus == 404) {
        report.problem = Report::Problem::Unreachable;
        report.message = QObject::tr("%1 answered, but not as the security-ir API (HTTP 404). "
                                     "Check the URL: it is the server's base address, such as "
                                     "http://127.0.0.1:8080.")
                             .arg(target);
    } else {
        report.problem = Report::Problem::Other;
        report.message = QObject::tr("%1 answered with an error: %2").arg(target, error.toString());
    }
    return report;
}

void ConnectionTester::start(const BackendSettings &settings, const QString &workspaceDirectory,
    const std::optional<aws::Credentials> &keys)
{
    const quint64 generation = ++m_generation;
    m_running = true;
    const QString bad = settings.problem();
    if (!bad.isEmpty()) {
        const ConnectionReport report {ConnectionReport::Problem::Settings, bad, {}, 0};
        QMetaObject::invokeMethod(
            this, [this, generation, report] { deliver(generation, report); },
            Qt::QueuedConnection);
        return;
    }
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    }
    m_thread = new QThread;
    m_thread->setObjectName(u"connection-test"_s);
    auto *anchor = new QObject;
    anchor->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, anchor, &QObject::deleteLater);
    m_thread->start();
    // Everything below runs on the worker thread; the report comes back queued.
    QPointer<ConnectionTester> self(this);
    const Done done = [self, generation](const Report &report) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, report] {
                if (self)
                    self->deliver(generation, report);
            },
            Qt::QueuedConnection);
    };
    QMetaObject::invokeMethod(anchor, [anchor, settings, workspaceDirectory, keys, done] {
        if (settings.kind == BackendSettings::Kind::Embedded) {
            testEmbedded(workspaceDirectory, done);
            return;
        }
        aws::Credentials credentials;
        if (keys) {
            credentials = *keys;
        } else {
            const aws::CredentialResolution chain
                = aws::CredentialChain().resolve(settings.profile);
            if (!chain.isValid()) {
                done({Report::Problem::BadKeys,
                    chain.error.isEmpty()
                        ? QObject::tr("No AWS keys found (looked at: %1). Enter keys, or choose "
                                      "a profile that has them.")
                              .arg(chain.attempts.join(u"; "_s))
                        : chain.error,
                    {}, 0});
                return;
            }
            credentials = *chain.credentials;
        }
        auto *test = new HttpTest(settings, credentials, done);
        test->setParent(anchor);
        test->run();
    });
}

void ConnectionTester::deliver(quint64 generation, const ConnectionReport &report)
{
    if (generation != m_generation)
        return;
    m_running = false;
    qCInfo(lcSync) << "connection test:" << static_cast<int>(report.problem) << report.message;
    emit finished(report);
}

} // namespace warroom::sync

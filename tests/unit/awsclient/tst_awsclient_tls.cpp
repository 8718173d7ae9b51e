// HTTPS with real certificates made by openssl at test time (a test CA, a certificate for
// 127.0.0.1 it signs, one for another host name it signs, and a self-signed stranger):
// AwsHttpClient never ignores a certificate error (untrusted issuer, wrong host name),
// and works once the right CA is trusted; warroom-server serves TLS to SecurityIrClient
// and warroomctl (--ca-bundle, AWS_CA_BUNDLE).

#include "AwsTestSupport.h"
#include "WarroomServerProcess.h"
#include "aws/SecurityIrClient.h"

#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom::aws;
using namespace warroom;
using warroom::test::CtlResult;
using warroom::test::runCall;
using warroom::test::WarroomServerProcess;

class TestAwsClientTls final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<WarroomServerProcess> m_server;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool openssl(const QStringList &args, QString *error) const
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(u"openssl"_s, args);
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            *error = u"openssl "_s + args.join(u' ') + u": "_s
                + QString::fromUtf8(process.readAllStandardError());
            return false;
        }
        return true;
    }

    // A key and a certificate for `subjectAltName`, signed by the test CA.
    bool issue(const QString &name, const QString &subjectAltName, QString *error) const
    {
        QFile extensions(path(name + u".ext"_s));
        if (!extensions.open(QIODevice::WriteOnly))
            return false;
        extensions.write(QString(u"subjectAltName="_s + subjectAltName
            + u"\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"_s)
                             .toUtf8());
        extensions.close();
        return openssl({u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                           name + u".key"_s, u"-out"_s, name + u".csr"_s, u"-subj"_s,
                           u"/CN=warroom test "_s + name},
                   error)
            && openssl({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, u"ca.pem"_s,
                           u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"2"_s,
                           u"-out"_s, name + u".pem"_s, u"-extfile"_s, name + u".ext"_s},
                error);
    }

    std::unique_ptr<SecurityIrClient> client(AwsHttpClient &http, const QUrl &url) const
    {
        http.setCredentials(m_server->key());
        AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = url;
        return std::make_unique<SecurityIrClient>(&http, config);
    }

    static domain::CreateCaseRequest newCase(const QString &title)
    {
        domain::CreateCaseRequest request;
        request.resolverType = domain::ResolverType::Self;
        request.title = title;
        request.description = u"Made over HTTPS"_s;
        request.engagementType = domain::EngagementType::Investigation;
        request.reportedIncidentStartDate = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        request.impactedAccounts = QStringList {u"111122223333"_s};
        request.watchers = QList<domain::Watcher> {};
        return request;
    }

    int caseCount()
    {
        AwsHttpClient http;
        QString error;
        if (!http.loadCaBundle(path(u"ca.pem"_s), &error))
            return -1;
        const auto sir = client(http, m_server->url());
        const auto listed = runCall<Page<domain::CaseSummary>>([&](auto done) {
            sir->listCases({QString(), 25}, done);
        });
        return listed && listed->ok() ? int(listed->value.items.size()) : -1;
    }

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.reset(); }

    void untrustedIssuerIsRefused();
    void strangerCaIsRefused();
    void wrongHostNameIsRefused();
    void trustedCaWorks();
    void badCaBundleIsAClearError();
    void warroomctlCaBundle();
};

void TestAwsClientTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend here");
    QString error;
    QVERIFY2(
        openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                    u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                    u"/CN=Warroom Test CA"_s, u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s,
                    u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s},
            &error),
        qPrintable(error));
    QVERIFY2(issue(u"server"_s, u"IP:127.0.0.1,DNS:localhost"_s, &error), qPrintable(error));
    QVERIFY2(issue(u"otherhost"_s, u"DNS:other.example.com"_s, &error), qPrintable(error));
    // A second, unrelated self-signed certificate: trusting it must not trust the server.
    QVERIFY2(
        openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                    u"stranger.key"_s, u"-out"_s, u"stranger.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                    u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s},
            &error),
        qPrintable(error));

    m_server = std::make_unique<WarroomServerProcess>(m_dir.path());
    QVERIFY2(m_server->start({u"--tls-cert"_s, path(u"server.pem"_s), u"--tls-key"_s,
                                 path(u"server.key"_s), u"--rate"_s, u"0"_s},
                 &error),
        qPrintable(error));
    QCOMPARE(m_server->url().scheme(), u"https"_s);
}

void TestAwsClientTls::untrustedIssuerIsRefused()
{
    // The system CAs do not know the test CA: a typed Tls error, no retry, nothing created.
    AwsHttpClient http;
    const auto sir = client(http, m_server->url());
    const auto created = runCall<QString>(
        [&](auto done) { sir->createCase(newCase(u"Must not be created"_s), done); });
    QVERIFY(created);
    QVERIFY(!created->ok());
    QCOMPARE(created->error.kind, AwsError::Kind::Tls);
    QCOMPARE(created->error.type, u"SSLError"_s);
    QVERIFY2(created->error.message.startsWith(u"SSL validation failed for https://127.0.0.1:"_s),
        qPrintable(created->error.message));
    QVERIFY2(created->error.message.contains(u"issuer"_s, Qt::CaseInsensitive)
            || created->error.message.contains(u"self signed"_s, Qt::CaseInsensitive)
            || created->error.message.contains(u"self-signed"_s, Qt::CaseInsensitive),
        qPrintable(created->error.message));
    QCOMPARE(created->httpStatus, 0);
    QCOMPARE(caseCount(), 0);
}

void TestAwsClientTls::strangerCaIsRefused()
{
    AwsHttpClient http;
    QString error;
    QVERIFY2(http.loadCaBundle(path(u"stranger.pem"_s), &error), qPrintable(error));
    const auto sir = client(http, m_server->url());
    const auto created = runCall<QString>(
        [&](auto done) { sir->createCase(newCase(u"Must not be created either"_s), done); });
    QVERIFY(created);
    QCOMPARE(created->error.kind, AwsError::Kind::Tls);
    QVERIFY2(created->error.message.contains(u"SSL validation failed"_s),
        qPrintable(created->error.message));
    QCOMPARE(caseCount(), 0);
}

void TestAwsClientTls::wrongHostNameIsRefused()
{
    // A QSslServer whose certificate, signed by the trusted CA, names another host.
    QSslServer tlsServer;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    QFile certFile(path(u"otherhost.pem"_s));
    QFile keyFile(path(u"otherhost.key"_s));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    configuration.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
    configuration.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    tlsServer.setSslConfiguration(configuration);
    QVERIFY(tlsServer.listen(QHostAddress::LocalHost, 0));
    int handshakesStarted = 0;
    connect(&tlsServer, &QSslServer::startedEncryptionHandshake, this,
        [&](QSslSocket *) { ++handshakesStarted; });

    AwsHttpClient http;
    QString error;
    QVERIFY2(http.loadCaBundle(path(u"ca.pem"_s), &error), qPrintable(error));
    const auto sir = client(http, QUrl(u"https://127.0.0.1:%1"_s.arg(tlsServer.serverPort())));
    const auto fetched
        = runCall<domain::Case>([&](auto done) { sir->getCase(u"1234567890"_s, done); });
    QVERIFY(fetched);
    QCOMPARE(fetched->error.kind, AwsError::Kind::Tls);
    QVERIFY2(fetched->error.message.contains(u"host name"_s, Qt::CaseInsensitive),
        qPrintable(fetched->error.message));
    QVERIFY(handshakesStarted >= 1); // it really was the TLS server that answered
}

void TestAwsClientTls::trustedCaWorks()
{
    AwsHttpClient http;
    QString error;
    QVERIFY2(http.loadCaBundle(path(u"ca.pem"_s), &error), qPrintable(error));
    QCOMPARE(http.caCertificates().size(), 1);
    const auto sir = client(http, m_server->url());
    const auto created
        = runCall<QString>([&](auto done) { sir->createCase(newCase(u"Over HTTPS"_s), done); });
    QVERIFY(created);
    QVERIFY2(created->ok(), qPrintable(created->error.toString()));
    QCOMPARE(created->httpStatus, 201);
    const auto fetched
        = runCall<domain::Case>([&](auto done) { sir->getCase(created->value, done); });
    QVERIFY(fetched && fetched->ok());
    QCOMPARE(fetched->value.title, u"Over HTTPS"_s);
    QCOMPARE(caseCount(), 1);
}

void TestAwsClientTls::badCaBundleIsAClearError()
{
    AwsHttpClient http;
    QString error;
    QVERIFY(!http.loadCaBundle(path(u"missing.pem"_s), &error));
    QVERIFY2(error.contains(u"missing.pem"_s), qPrintable(error));
    QVERIFY(!http.loadCaBundle(path(u"server.ext"_s), &error)); // not a certificate
    QVERIFY2(error.contains(u"holds no PEM certificate"_s), qPrintable(error));
    QVERIFY(http.caCertificates().isEmpty());
}

void TestAwsClientTls::warroomctlCaBundle()
{
    const QStringList list {u"--endpoint-url"_s, m_server->url().toString(), u"--region"_s,
        u"us-east-1"_s, u"cases"_s, u"list"_s};
    const CtlResult untrusted = m_server->ctl(list, m_server->key());
    QCOMPARE(untrusted.exitCode, 3);
    QVERIFY2(untrusted.err.contains("SSL validation failed for https://127.0.0.1:"),
        untrusted.err.constData());
    QVERIFY(untrusted.out.isEmpty());

    const CtlResult trusted
        = m_server->ctl(QStringList {u"--ca-bundle"_s, path(u"ca.pem"_s)} + list, m_server->key());
    QVERIFY2(trusted.exitCode == 0, trusted.err.constData());
    QCOMPARE(trusted.json().value("items"_L1).toArray().size(), 1);

    const CtlResult fromEnvironment
        = m_server->ctl(list, m_server->key(), {u"AWS_CA_BUNDLE="_s + path(u"ca.pem"_s)});
    QVERIFY2(fromEnvironment.exitCode == 0, fromEnvironment.err.constData());

    const CtlResult missing = m_server->ctl(
        QStringList {u"--ca-bundle"_s, path(u"missing.pem"_s)} + list, m_server->key());
    QCOMPARE(missing.exitCode, 3);
    QVERIFY2(missing.err.contains("Cannot read the CA bundle"), missing.err.constData());
}

QTEST_GUILESS_MAIN(TestAwsClientTls)
#include "tst_awsclient_tls.moc"

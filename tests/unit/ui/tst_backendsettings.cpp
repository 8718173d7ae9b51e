// The Backend settings dialog offscreen against the real warroom-server on loopback:
// Test connection names each problem (a bad URL, connection refused, a refused
// signature, an untrusted certificate, no membership) and succeeds once a membership
// exists; OK saves the settings and the window syncs with the new backend.

#include "../awsclient/WarroomServerProcess.h"
#include "MainWindow.h"
#include "settings/BackendSettingsDialog.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/BackendSettings.h"
#include "sync/ConnectionTester.h"
#include "sync/HttpBackend.h"

#include <QtNetwork/QTcpServer>
#include <QtTest/QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;
using Problem = sync::ConnectionReport::Problem;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

template<typename T> T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qWarning("no %s", qPrintable(name));
    return found;
}

} // namespace

class TestBackendSettings final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::WarroomServerProcess> m_server;
    std::unique_ptr<test::WarroomServerProcess> m_tlsServer;
    std::unique_ptr<store::Workspace> m_workspace;

    // Fills the form, clicks Test connection and waits for the report.
    sync::ConnectionReport runTest(ui::BackendSettingsDialog &dialog)
    {
        QSignalSpy finished(&dialog, &ui::BackendSettingsDialog::testFinished);
        QTest::mouseClick(
            child<QPushButton>(&dialog, u"testConnectionPushButton"_s), Qt::LeftButton);
        if (!finished.wait(30000) && finished.isEmpty())
            return {Problem::Other, u"no report within 30 s"_s, {}, 0};
        return finished.last().at(0).value<sync::ConnectionReport>();
    }

    void chooseServer(ui::BackendSettingsDialog &dialog, const QString &url)
    {
        child<QRadioButton>(&dialog, u"serverBackendRadioButton"_s)->setChecked(true);
        auto *edit = child<QLineEdit>(&dialog, u"serverUrlLineEdit"_s);
        edit->clear();
        QTest::keyClicks(edit, url);
    }

    void typeKeys(ui::BackendSettingsDialog &dialog, const QString &id, const QString &secret)
    {
        child<QRadioButton>(&dialog, u"keychainKeysRadioButton"_s)->setChecked(true);
        child<QLineEdit>(&dialog, u"accessKeyLineEdit"_s)->setText(id);
        child<QLineEdit>(&dialog, u"secretKeyLineEdit"_s)->setText(secret);
    }

    bool openssl(const QStringList &args)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(u"openssl"_s, args);
        return process.waitForFinished(60000) && process.exitCode() == 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true);
        // Keys for the profile chain come from the environment only.
        qputenv("AWS_CONFIG_FILE", m_dir.filePath(u"no-config"_s).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_dir.filePath(u"no-credentials"_s).toUtf8());
        qunsetenv("AWS_PROFILE");
        qunsetenv("AWS_CA_BUNDLE");
        QDir().mkpath(m_dir.filePath(u"server"_s));
        m_server = std::make_unique<test::WarroomServerProcess>(m_dir.filePath(u"server"_s));
        QString error;
        QVERIFY2(m_server->start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        qputenv("AWS_ACCESS_KEY_ID", m_server->key().accessKeyId.toUtf8());
        qputenv("AWS_SECRET_ACCESS_KEY", m_server->key().secretAccessKey.toUtf8());
        m_workspace = store::Workspace::open(m_dir.filePath(u"ws"_s), &error);
        QVERIFY2(m_workspace, qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_workspace.reset();
        m_tlsServer.reset();
        m_server.reset();
    }

    void badUrlIsNamed()
    {
        ui::BackendSettingsDialog dialog(*m_workspace);
        chooseServer(dialog, u"ftp://127.0.0.1"_s);
        const auto report = runTest(dialog);
        QCOMPARE(report.problem, Problem::Settings);
        QVERIFY2(dialog.resultText().contains(u"Server URL"_s), qPrintable(dialog.resultText()));
    }

    void connectionRefused()
    {
        ui::BackendSettingsDialog dialog(*m_workspace);
        const QString url = u"http://127.0.0.1:%1"_s.arg(freePort());
        chooseServer(dialog, url);
        const auto report = runTest(dialog);
        QCOMPARE(report.problem, Problem::Unreachable);
        QVERIFY2(
            dialog.resultText().contains(u"Could not reach"_s) && dialog.resultText().contains(url),
            qPrintable(dialog.resultText()));
        dialog.show();
        QTest::qWait(50);
        dialog.grab().save(m_dir.filePath(u"refused.png"_s));
        if (qEnvironmentVariableIsSet("WARROOM_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("WARROOM_SCREENSHOT_DIR")
                + u"/backend-settings-refused.png"_s);
    }

    void refusedSignature()
    {
        ui::BackendSettingsDialog dialog(*m_workspace);
        chooseServer(dialog, m_server->url().toString());
        // The right key ID with a wrong secret: the signature does not match.
        typeKeys(dialog, m_server->key().accessKeyId, u"not-the-secret-key-0123456789"_s);
        auto report = runTest(dialog);
        QCOMPARE(report.problem, Problem::BadKeys);
        QVERIFY2(dialog.resultText().contains(u"refused the keys"_s)
                && dialog.resultText().contains(u"InvalidSignatureException"_s),
            qPrintable(dialog.resultText()));
        // A key the server does not know.
        typeKeys(dialog, u"AKIAUNKNOWNKEY000000"_s, u"whatever-secret"_s);
        report = runTest(dialog);
        QCOMPARE(report.problem, Problem::BadKeys);
        QVERIFY2(dialog.resultText().contains(u"UnrecognizedClientException"_s),
            qPrintable(dialog.resultText()));
    }

    void untrustedCertificate()
    {
        QVERIFY(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
            u"-keyout"_s, u"tls.key"_s, u"-out"_s, u"tls.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
            u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s}));
        QDir().mkpath(m_dir.filePath(u"tls-server"_s));
        m_tlsServer = std::make_unique<test::WarroomServerProcess>(m_dir.filePath(u"tls-server"_s));
        QString error;
        QVERIFY2(m_tlsServer->start({u"--tls-cert"_s, m_dir.filePath(u"tls.pem"_s), u"--tls-key"_s,
                                        m_dir.filePath(u"tls.key"_s), u"--rate"_s, u"0"_s},
                     &error),
            qPrintable(error));
        QCOMPARE(m_tlsServer->url().scheme(), u"https"_s);
        ui::BackendSettingsDialog dialog(*m_workspace);
        chooseServer(dialog, m_tlsServer->url().toString());
        typeKeys(dialog, m_tlsServer->key().accessKeyId, m_tlsServer->key().secretAccessKey);
        auto report = runTest(dialog);
        QCOMPARE(report.problem, Problem::Tls);
        QVERIFY2(dialog.resultText().contains(u"TLS problem"_s)
                && dialog.resultText().contains(u"CA bundle"_s),
            qPrintable(dialog.resultText()));
        // Trusting the certificate through the CA bundle field gets through TLS.
        child<QLineEdit>(&dialog, u"caBundleLineEdit"_s)->setText(m_dir.filePath(u"tls.pem"_s));
        report = runTest(dialog);
        QVERIFY2(report.problem != Problem::Tls, qPrintable(report.message));
        QCOMPARE(report.problem, Problem::NoMembership);
    }

    void noMembershipThenSuccess()
    {
        ui::BackendSettingsDialog dialog(*m_workspace);
        chooseServer(dialog, m_server->url().toString());
        child<QRadioButton>(&dialog, u"profileKeysRadioButton"_s)->setChecked(true);
        auto report = runTest(dialog);
        QCOMPARE(report.problem, Problem::NoMembership);
        QVERIFY2(dialog.resultText().contains(u"no Security Incident Response membership"_s),
            qPrintable(dialog.resultText()));

        // Sign up on the server, then the test passes and names the membership.
        sync::HttpBackend backend(m_server->url(), u"us-east-1"_s, m_server->key());
        bool done = false;
        QString membershipId;
        backend.call(u"CreateMembership"_s,
            {{u"membershipName"_s, u"Northwind IR"_s},
                {u"incidentResponseTeam"_s,
                    QJsonArray {
                        QJsonObject {{u"name"_s, u"Alice Example"_s}, {u"jobTitle"_s, u"Lead"_s},
                            {u"email"_s, u"alice@example.com"_s}},
                        QJsonObject {{u"name"_s, u"Bob Example"_s}, {u"jobTitle"_s, u"Analyst"_s},
                            {u"email"_s, u"bob@example.com"_s}}}}},
            [&](const sync::BackendResult &r) {
                done = true;
                QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->toString()));
                membershipId = r.output.value(u"membershipId"_s).toString();
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY(!membershipId.isEmpty());
        report = runTest(dialog);
        QVERIFY2(report.ok(), qPrintable(report.message));
        QCOMPARE(report.memberships, 1);
        QVERIFY2(dialog.resultText().contains(membershipId), qPrintable(dialog.resultText()));
        dialog.show();
        QTest::qWait(50);
        // With a profile chosen, its field is the one to fill in, not the key fields.
        QVERIFY(child<QComboBox>(&dialog, u"profileComboBox"_s)->isEnabled());
        QVERIFY(!child<QLineEdit>(&dialog, u"secretKeyLineEdit"_s)->isEnabled());
        if (qEnvironmentVariableIsSet("WARROOM_SCREENSHOT_DIR"))
            dialog.grab().save(
                qEnvironmentVariable("WARROOM_SCREENSHOT_DIR") + u"/backend-settings-ok.png"_s);
    }

    void embeddedWithoutMembership()
    {
        ui::BackendSettingsDialog dialog(*m_workspace);
        child<QRadioButton>(&dialog, u"embeddedBackendRadioButton"_s)->setChecked(true);
        QVERIFY(!child<QLineEdit>(&dialog, u"serverUrlLineEdit"_s)->isEnabled());
        const auto report = runTest(dialog);
        QCOMPARE(report.problem, Problem::NoMembership);
        QVERIFY2(
            dialog.resultText().contains(u"embedded backend"_s), qPrintable(dialog.resultText()));
    }

    void applySwitchesTheWindow()
    {
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(u"window-ws"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        store::Workspace *raw = workspace.get();
        ui::MainWindow window(std::move(workspace));
        window.show();
        auto *backendLabel = child<QLabel>(&window, u"backendStatusLabel"_s);
        QCOMPARE(backendLabel->text(), u"Embedded backend"_s);

        window.openBackendSettings();
        auto *dialog = window.findChild<ui::BackendSettingsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        chooseServer(*dialog, m_server->url().toString());
        child<QRadioButton>(dialog, u"profileKeysRadioButton"_s)->setChecked(true);
        QTest::mouseClick(
            child<QPushButton>(dialog, u"backendSettingsOkPushButton"_s), Qt::LeftButton);

        // Saved in the workspace (no keys there), and the window syncs with the server.
        const auto saved = sync::BackendSettings::load(raw->database());
        QCOMPARE(saved.kind, sync::BackendSettings::Kind::Server);
        QCOMPARE(saved.serverUrl, m_server->url());
        QVERIFY(saved.keychainEntry.isEmpty());
        QTRY_COMPARE(backendLabel->text(), m_server->url().toString());
        auto *syncLabel = child<QLabel>(&window, u"syncStatusLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(syncLabel->text().startsWith(u"Online"_s), 10000);
        QVERIFY(window.areaPage(ui::Area::CaseBoard));
        // Nothing secret in the workspace's settings table.
        QSqlQuery query(raw->database().reader());
        QVERIFY(query.exec(u"SELECT value FROM settings"_s));
        while (query.next())
            QVERIFY(!query.value(0).toString().contains(m_server->key().secretAccessKey));
    }
};

QTEST_MAIN(TestBackendSettings)
#include "tst_backendsettings.moc"

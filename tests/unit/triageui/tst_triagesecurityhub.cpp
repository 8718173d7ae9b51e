// The Security Hub pull in the triage queue, offscreen against moto_server: the settings
// dialog refuses a bad endpoint, Security Hub... saves the schedule in the workspace and
// starts it, Pull from Security Hub brings the findings in off the GUI thread, the
// status line says what came and when the next pull is, and the "N new" bar announces
// them without moving rows under the cursor.

#include "../awsclient/AwsTestSupport.h"
#include "../awsclient/MotoServer.h"
#include "aws/SecurityHubClient.h"
#include "ingest/SecurityHubPuller.h"
#include "itemmodels/FindingQueueModel.h"
#include "store/Workspace.h"
#include "triage/SecurityHubPullDialog.h"
#include "triage/TriageQueuePage.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using ui::triage::TriageQueuePage;

class TestTriageSecurityHub final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    test::MotoServer m_moto;
    aws::AwsHttpClient m_http;

    std::optional<QJsonObject> hubCall(
        const QString &operation, const QByteArray &path, const QJsonObject &body)
    {
        aws::AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = m_moto.config().endpointUrl;
        aws::SecurityHubClient hub(&m_http, config);
        const auto outcome = test::runCall<QJsonObject>([&](auto done) {
            aws::AwsServiceClient::deliverJson(
                hub.callRestJson(operation, "POST", path, {}, body), done);
        });
        if (!outcome || !outcome->ok())
            return std::nullopt;
        return outcome->json;
    }

    static QJsonObject asff(int i)
    {
        return {{u"SchemaVersion"_s, u"2018-10-08"_s}, {u"Id"_s, u"ui-finding-%1"_s.arg(i)},
            {u"ProductArn"_s,
                u"arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default"_s},
            {u"GeneratorId"_s, u"warroom-test"_s}, {u"AwsAccountId"_s, u"123456789012"_s},
            {u"Types"_s, QJsonArray {u"Software and Configuration Checks"_s}},
            {u"CreatedAt"_s, u"2026-11-02T00:00:00Z"_s},
            {u"UpdatedAt"_s, u"2026-11-02T00:0%1:00Z"_s.arg(i)},
            {u"Severity"_s, QJsonObject {{u"Label"_s, u"MEDIUM"_s}}},
            {u"Title"_s, u"Security group open to the world %1"_s.arg(i)},
            {u"Description"_s, u"Port 22 open"_s}, {u"RecordState"_s, u"ACTIVE"_s},
            {u"Resources"_s,
                QJsonArray {QJsonObject {
                    {u"Type"_s, u"AwsEc2SecurityGroup"_s}, {u"Id"_s, u"sg-%1"_s.arg(i)}}}}};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_moto.start(&error), qPrintable(error));
        m_http.setCredentials(test::testCredentials());
        QVERIFY(hubCall(u"EnableSecurityHub"_s, "/accounts", {}));
        const auto imported = hubCall(u"BatchImportFindings"_s, "/findings/import",
            {{u"Findings"_s, QJsonArray {asff(1), asff(2)}}});
        QVERIFY(imported);
        QCOMPARE(imported->value(u"SuccessCount"_s).toInt(), 2);
        // The page reads keys from the credential chain: the environment, nothing else.
        qputenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        qputenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        qputenv("AWS_CONFIG_FILE", m_dir.filePath(u"no-config"_s).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", m_dir.filePath(u"no-credentials"_s).toUtf8());
        qunsetenv("AWS_PROFILE");
    }

    void cleanupTestCase() { m_moto.stop(); }

    void dialogRefusesABadEndpoint()
    {
        ingest::SecurityHubPullSettings settings;
        ui::triage::SecurityHubPullDialog dialog(settings);
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        auto *endpoint = dialog.findChild<QLineEdit *>(u"pullEndpointEdit"_s);
        endpoint->clear();
        QTest::keyClicks(endpoint, u"ftp://example.com"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.findChild<QLabel *>(u"pullProblemLabel"_s)->text().contains(u"Endpoint"_s));
        endpoint->clear();
        QTest::keyClicks(endpoint, m_moto.config().endpointUrl.toString());
        QVERIFY(ok->isEnabled());
        auto *severity = dialog.findChild<QComboBox *>(u"pullSeverityCombo"_s);
        severity->setCurrentIndex(severity->findData(u"HIGH"_s));
        QCOMPARE(dialog.settings().minimumSeverity, u"HIGH"_s);
        QCOMPARE(dialog.settings().endpointUrl, m_moto.config().endpointUrl);
    }

    void pullNowBringsFindingsIn()
    {
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(u"ws"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        ui::AreaContext context;
        context.workspace = workspace.get();
        TriageQueuePage page(context);
        page.resize(1200, 600);
        page.show();
        auto *status = page.findChild<QLabel *>(u"securityHubStatusLabel"_s);
        QVERIFY(status->text().contains(u"not pulled yet"_s));
        QVERIFY(page.findChild<QLabel *>(u"triageShareLabel"_s)
                    ->text()
                    .contains(u"stay on this console"_s));

        ingest::SecurityHubPullSettings settings;
        settings.enabled = true;
        settings.intervalMinutes = 5;
        settings.endpointUrl = m_moto.config().endpointUrl;
        TriageQueuePage::setNextPullSettings(settings);
        page.findChild<QAction *>(u"securityHubSettingsAction"_s)->trigger();
        QCOMPARE(ingest::SecurityHubPullSettings::load(workspace->database()), settings);
        QVERIFY(page.securityHubPuller()->isScheduled());
        const qint64 wait
            = QDateTime::currentDateTimeUtc().secsTo(page.securityHubPuller()->nextPullAt());
        QVERIFY2(wait >= 295 && wait <= 300, qPrintable(QString::number(wait)));
        QVERIFY2(status->text().contains(u"next at"_s), qPrintable(status->text()));

        QSignalSpy finished(page.securityHubPuller(), &ingest::SecurityHubPuller::pullFinished);
        page.findChild<QAction *>(u"pullSecurityHubAction"_s)->trigger();
        QVERIFY(page.securityHubPuller()->isPulling());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY2(page.securityHubPuller()->lastResult().ok(),
            qPrintable(page.securityHubPuller()->lastResult().error));
        QVERIFY2(status->text().contains(u"2 new or updated"_s), qPrintable(status->text()));
        QVERIFY(page.securityHubPuller()->isScheduled()); // the schedule goes on

        // The "N new" bar announces them; Show brings them into the view.
        QTRY_VERIFY_WITH_TIMEOUT(
            page.findChild<QWidget *>(u"newFindingsBar"_s)->isVisible(), 10000);
        auto *verdict = page.findChild<QComboBox *>(u"verdictCombo"_s);
        verdict->setCurrentIndex(verdict->findData(QString()));
        QTRY_COMPARE(page.model()->rowCount(), 2);
        QVERIFY(page.model()->rowOf(
                    u"arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default/"
                    u"ui-finding-1"_s)
            >= 0);

        // Turned off: Pull now still works, nothing is scheduled.
        settings.enabled = false;
        TriageQueuePage::setNextPullSettings(settings);
        page.findChild<QAction *>(u"securityHubSettingsAction"_s)->trigger();
        QVERIFY(!page.securityHubPuller()->isScheduled());
        QVERIFY(page.lastMessage().contains(u"only with Pull now"_s));
    }
};

QTEST_MAIN(TestTriageSecurityHub)
#include "tst_triagesecurityhub.moc"

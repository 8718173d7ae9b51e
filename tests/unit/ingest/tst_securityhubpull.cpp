// The scheduled Security Hub pull (ingest::SecurityHubPuller) and `warroomctl findings
// pull` against moto_server on a loopback port: findings imported into Security Hub
// with BatchImportFindings arrive in a workspace, an updated one is updated in place
// with its earlier version kept, the high-water mark moves only with complete pulls and
// keeps unchanged findings from being written again. Throttling against the scripted
// loopback server: the pull fails with the reason and the schedule backs off.

#include "../awsclient/AwsTestSupport.h"
#include "../awsclient/MotoServer.h"
#include "../awsclient/ScriptedHttpServer.h"
#include "aws/SecurityHubClient.h"
#include "ingest/SecurityHubPuller.h"
#include "itemmodels/FindingDecisions.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/Workspace.h"

#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using warroom::test::spinUntil;

class TestSecurityHubPull final : public QObject
{
    Q_OBJECT

private:
    test::MotoServer m_moto;
    quint16 m_port = 0;
    QTemporaryDir m_dir;
    aws::AwsHttpClient m_http;

    QUrl motoUrl() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)); }

    static QString productArn()
    {
        return u"arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default"_s;
    }
    // The stored ID of an ASFF finding: its ProductArn and Id (Ids are unique per product).
    static QString storedId(const QString &id) { return productArn() + u'/' + id; }

    static QJsonObject asff(const QString &id, const QString &title, const QString &updatedAt,
        const QString &severity = u"HIGH"_s, const QString &recordState = u"ACTIVE"_s)
    {
        return {{u"SchemaVersion"_s, u"2018-10-08"_s}, {u"Id"_s, id},
            {u"ProductArn"_s, productArn()}, {u"GeneratorId"_s, u"warroom-test"_s},
            {u"AwsAccountId"_s, u"123456789012"_s},
            {u"Types"_s, QJsonArray {u"TTPs/Initial Access"_s}},
            {u"CreatedAt"_s, u"2026-11-01T00:00:00Z"_s}, {u"UpdatedAt"_s, updatedAt},
            {u"Severity"_s, QJsonObject {{u"Label"_s, severity}}}, {u"Title"_s, title},
            {u"Description"_s, u"Test finding"_s}, {u"RecordState"_s, recordState},
            {u"Resources"_s,
                QJsonArray {QJsonObject {{u"Type"_s, u"AwsEc2Instance"_s},
                    {u"Id"_s, QString(u"i-0123456789abcdef"_s + id.right(1))},
                    {u"Region"_s, u"us-east-1"_s}}}}};
    }

    // One Security Hub call to moto, by REST path; its output, or nullopt (and a warning).
    std::optional<QJsonObject> hubCall(
        const QString &operation, const QByteArray &path, const QJsonObject &body)
    {
        aws::AwsClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpointUrl = motoUrl();
        aws::SecurityHubClient hub(&m_http, config);
        const auto outcome = warroom::test::runCall<QJsonObject>([&](auto done) {
            aws::AwsServiceClient::deliverJson(
                hub.callRestJson(operation, "POST", path, {}, body), done);
        });
        if (!outcome || !outcome->ok()) {
            qWarning("%s failed: %s", qPrintable(operation),
                outcome ? qPrintable(outcome->error.toString()) : "no answer");
            return std::nullopt;
        }
        return outcome->json;
    }

    void importIntoHub(const QJsonArray &findings)
    {
        const auto imported
            = hubCall(u"BatchImportFindings"_s, "/findings/import", {{u"Findings"_s, findings}});
        QVERIFY(imported);
        QCOMPARE(imported->value(u"SuccessCount"_s).toInt(), findings.size());
    }

    ingest::SecurityHubPullSettings motoSettings() const
    {
        ingest::SecurityHubPullSettings settings;
        settings.endpointUrl = motoUrl();
        settings.region = u"us-east-1"_s;
        return settings;
    }

    static ingest::SecurityHubPullResult pull(ingest::SecurityHubPuller &puller)
    {
        QSignalSpy finished(&puller, &ingest::SecurityHubPuller::pullFinished);
        if (!puller.pullNow())
            qFatal("a pull was already running");
        if (!spinUntil([&] { return !finished.isEmpty(); }, 60000))
            qFatal("the pull did not finish");
        return puller.lastResult();
    }

    static qint64 rowidOf(store::Database &database, const QString &id)
    {
        QSqlQuery q(database.reader());
        q.prepare(u"SELECT rowid FROM findings WHERE id = ?"_s);
        q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Run ctl(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDEXAMPLE"_s);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);
        env.insert(u"AWS_CONFIG_FILE"_s, m_dir.filePath(u"no-config"_s));
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir.filePath(u"no-credentials"_s));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(WARROOMCTL), arguments);
        if (!process.waitForFinished(120000))
            qFatal("warroomctl did not finish");
        return {
            process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_moto.start(&error), qPrintable(error));
        m_port = m_moto.port();
        m_http.setCredentials(warroom::test::testCredentials());
        m_http.setTransferTimeout(std::chrono::milliseconds(30000));
        QVERIFY(hubCall(u"EnableSecurityHub"_s, "/accounts", {}));
    }

    void cleanupTestCase() { m_moto.stop(); }

    void filtersCarryTheHighWaterMark()
    {
        ingest::SecurityHubPullSettings settings;
        settings.minimumSeverity = u"HIGH"_s;
        const QDateTime since = QDateTime::fromString(u"2026-11-01T00:00:00Z"_s, Qt::ISODate);
        const QDateTime until = since.addDays(1);
        const QJsonObject filters = settings.filters(since, until);
        QCOMPARE(
            filters.value(u"RecordState"_s).toArray().at(0)[u"Value"_s].toString(), u"ACTIVE"_s);
        const QJsonArray labels = filters.value(u"SeverityLabel"_s).toArray();
        QCOMPARE(labels.size(), 2);
        QCOMPARE(labels.at(0)[u"Value"_s].toString(), u"HIGH"_s);
        QCOMPARE(labels.at(1)[u"Value"_s].toString(), u"CRITICAL"_s);
        const QJsonObject updated = filters.value(u"UpdatedAt"_s).toArray().at(0).toObject();
        QCOMPARE(updated.value(u"Start"_s).toString(), u"2026-11-01T00:00:00.000Z"_s);
        QCOMPARE(updated.value(u"End"_s).toString(), u"2026-11-02T00:00:00.000Z"_s);
        // Never pulled: no UpdatedAt filter; everything but archived findings.
        settings.minimumSeverity.clear();
        QVERIFY(!settings.filters(QDateTime(), until).contains(u"UpdatedAt"_s));
        QVERIFY(!settings.filters(QDateTime(), until).contains(u"SeverityLabel"_s));
        settings.activeOnly = false;
        QVERIFY(settings.filters(QDateTime(), until).isEmpty());
        QVERIFY(settings.problem().isEmpty());
        settings.intervalMinutes = 0;
        QVERIFY(settings.problem().contains(u"Interval"_s));
    }

    void settingsAreKeptInTheWorkspace()
    {
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(u"settings"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        QVERIFY(!ingest::SecurityHubPullSettings::load(workspace->database()).enabled);
        ingest::SecurityHubPullSettings settings = motoSettings();
        settings.enabled = true;
        settings.intervalMinutes = 5;
        settings.minimumSeverity = u"MEDIUM"_s;
        settings.activeOnly = false;
        QVERIFY2(settings.save(workspace->database(), &error), qPrintable(error));
        QCOMPARE(ingest::SecurityHubPullSettings::load(workspace->database()), settings);
        settings.endpointUrl = QUrl(u"ftp://example.com"_s);
        QVERIFY(!settings.save(workspace->database(), &error));
        QVERIFY(error.contains(u"Endpoint"_s));
    }

    void pullUpdatesInPlaceAndRespectsTheMark()
    {
        importIntoHub({asff(u"finding-0"_s, u"Finding 0"_s, u"2026-11-01T00:00:00Z"_s),
            asff(u"finding-1"_s, u"Finding 1"_s, u"2026-11-01T00:00:00Z"_s),
            asff(u"finding-2"_s, u"Finding 2"_s, u"2026-11-01T00:00:00Z"_s, u"MEDIUM"_s),
            asff(u"finding-3"_s, u"Finding 3"_s, u"2026-11-01T00:00:00Z"_s, u"HIGH"_s,
                u"ARCHIVED"_s)});
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(u"pull"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        store::Database &database = workspace->database();
        ingest::SecurityHubPuller puller(database);
        puller.setSettings(motoSettings());
        puller.setCredentials(warroom::test::testCredentials());
        puller.setPageSize(2); // pages joined by NextToken

        ingest::SecurityHubPullResult first = pull(puller);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QVERIFY(first.pages >= 2);
        QCOMPARE(first.received, 4);
        QCOMPARE(first.filtered, 1); // archived
        QCOMPARE(first.stored, 3);
        QVERIFY(!first.since.isValid());
        const QDateTime t0 = QDateTime::fromString(u"2026-11-01T00:00:00Z"_s, Qt::ISODate);
        QCOMPARE(first.highWaterMark, t0);
        QCOMPARE(ingest::SecurityHubPullSettings::highWaterMark(database), t0);
        QCOMPARE(store::FindingRepository(database.reader()).count(), 3);
        QVERIFY(store::FindingRepository(database.reader()).get(storedId(u"finding-0"_s)));
        QVERIFY(!store::FindingRepository(database.reader()).get(storedId(u"finding-3"_s)));
        QVERIFY2(
            puller.statusText().contains(u"3 new or updated"_s), qPrintable(puller.statusText()));

        // An analyst's decision on one finding, to see it survive the next version.
        itemmodels::FindingDecisions decisions(database);
        QVERIFY(decisions.setVerdict(
            {storedId(u"finding-0"_s)}, domain::Verdict::Suppressed, u"analyst:alice"_s, &error));
        const qint64 rowid = rowidOf(database, storedId(u"finding-1"_s));
        QVERIFY(rowid > 0);

        // Security Hub updates two findings; only they are written again.
        importIntoHub({asff(u"finding-1"_s, u"Finding 1 (updated)"_s, u"2026-11-01T01:00:00Z"_s,
                           u"CRITICAL"_s),
            asff(u"finding-0"_s, u"Finding 0 (updated)"_s, u"2026-11-01T00:30:00Z"_s)});
        const ingest::SecurityHubPullResult second = pull(puller);
        QVERIFY2(second.ok(), qPrintable(second.error));
        QCOMPARE(second.since, t0);
        QCOMPARE(second.stored, 2);
        QCOMPARE(second.unchanged, 1); // finding-2: not newer than the mark
        QCOMPARE(second.highWaterMark, t0.addSecs(3600));
        QCOMPARE(ingest::SecurityHubPullSettings::highWaterMark(database), t0.addSecs(3600));
        QCOMPARE(store::FindingRepository(database.reader()).count(), 3);

        QString readError;
        const auto updated
            = store::FindingRepository(database.reader()).get(storedId(u"finding-1"_s), &readError);
        QVERIFY2(updated, qPrintable(readError));
        QCOMPARE(updated->title, u"Finding 1 (updated)"_s);
        QCOMPARE(updated->severityLabel, domain::SeverityLabel::Critical);
        QCOMPARE(rowidOf(database, storedId(u"finding-1"_s)), rowid); // in place
        const auto kept = store::FindingRepository(database.reader()).get(storedId(u"finding-0"_s));
        QVERIFY(kept);
        QCOMPARE(kept->title, u"Finding 0 (updated)"_s);
        QCOMPARE(kept->verdict, domain::Verdict::Suppressed);
        QCOMPARE(kept->verdictRule, u"analyst:alice"_s);

        // The earlier versions are kept; the unchanged finding has no history.
        QSqlQuery history(database.reader());
        QVERIFY(
            history.exec(u"SELECT finding_id, title FROM finding_history ORDER BY finding_id"_s));
        QStringList versions;
        while (history.next())
            versions << history.value(0).toString().mid(productArn().size() + 1) + u'='
                    + history.value(1).toString();
        QCOMPARE(versions, QStringList({u"finding-0=Finding 0"_s, u"finding-1=Finding 1"_s}));
        history.finish();

        // Nothing new: nothing is written.
        const ingest::SecurityHubPullResult third = pull(puller);
        QVERIFY(third.ok());
        QCOMPARE(third.stored, 0);
        QCOMPARE(third.unchanged, 3);
        QVERIFY(history.exec(u"SELECT COUNT(*) FROM finding_history"_s) && history.next());
        QCOMPARE(history.value(0).toInt(), 2);
    }

    void warroomctlPullsIntoAWorkspace()
    {
        const QString directory = m_dir.filePath(u"ctl"_s);
        const QStringList arguments {u"--endpoint-url"_s, motoUrl().toString(), u"--region"_s,
            u"us-east-1"_s, u"findings"_s, u"pull"_s, u"--workspace"_s, directory};
        const Run first = ctl(arguments);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QJsonObject json = QJsonDocument::fromJson(first.out).object();
        QCOMPARE(json.value(u"Stored"_s).toInt(), 3);
        QCOMPARE(json.value(u"Filtered"_s).toInt(), 1);
        QCOMPARE(json.value(u"HighWaterMark"_s).toString(), u"2026-11-01T01:00:00.000Z"_s);
        const Run second = ctl(arguments);
        QVERIFY2(second.exitCode == 0, second.err.constData());
        json = QJsonDocument::fromJson(second.out).object();
        QCOMPARE(json.value(u"Stored"_s).toInt(), 0);
        QCOMPARE(json.value(u"Unchanged"_s).toInt(), 3);
        // --all forgets the mark: the stored copies are still current, nothing is rewritten.
        const Run all = ctl(arguments + QStringList {u"--all"_s});
        QVERIFY2(all.exitCode == 0, all.err.constData());
        json = QJsonDocument::fromJson(all.out).object();
        QCOMPARE(json.value(u"Since"_s).toString(), QString());
        QCOMPARE(json.value(u"Stored"_s).toInt(), 0);
        // Security Hub unreachable: a transport error, exit 3.
        const Run down = ctl({u"--endpoint-url"_s, u"http://127.0.0.1:9"_s, u"--region"_s,
            u"us-east-1"_s, u"findings"_s, u"pull"_s, u"--workspace"_s, directory});
        QCOMPARE(down.exitCode, 3);
    }

    void throttlingIsShownAndBacksOff()
    {
        QCOMPARE(ingest::SecurityHubPuller::backoffSeconds(0, 900), 900);
        QCOMPARE(ingest::SecurityHubPuller::backoffSeconds(1, 900), 30);
        QCOMPARE(ingest::SecurityHubPuller::backoffSeconds(2, 900), 60);
        QCOMPARE(ingest::SecurityHubPuller::backoffSeconds(6, 900), 900);

        test::ScriptedHttpServer server;
        QVERIFY(server.listen());
        server.setHandler([](const test::ReceivedRequest &) {
            return test::ScriptedResponse::json(429,
                {{u"__type"_s, u"ThrottlingException"_s}, {u"message"_s, u"Rate exceeded"_s}},
                {{"X-Amzn-ErrorType", "ThrottlingException"}, {"Retry-After", "0"}});
        });
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(u"throttled"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        ingest::SecurityHubPuller puller(workspace->database());
        ingest::SecurityHubPullSettings settings;
        settings.endpointUrl = server.url();
        settings.enabled = true;
        puller.setSettings(settings);
        puller.setCredentials(warroom::test::testCredentials());
        auto retry = puller.http().retryPolicy().settings();
        retry.maxAttempts = 2;
        retry.baseDelay = std::chrono::milliseconds(10);
        puller.http().retryPolicy().setSettings(retry);
        puller.start();
        QCOMPARE(
            puller.nextPullAt().secsTo(QDateTime::currentDateTimeUtc().addSecs(900)) <= 2, true);

        const ingest::SecurityHubPullResult result = pull(puller);
        QVERIFY(!result.ok());
        QVERIFY(result.throttled);
        QCOMPARE(result.errorType, u"ThrottlingException"_s);
        QCOMPARE(server.requests().size(), 2); // the client's retry, then the pull gives up
        QCOMPARE(puller.consecutiveFailures(), 1);
        // The schedule backs off to 30 s instead of waiting the 15 min interval.
        const qint64 wait = QDateTime::currentDateTimeUtc().secsTo(puller.nextPullAt());
        QVERIFY2(wait >= 28 && wait <= 31, qPrintable(QString::number(wait)));
        QVERIFY2(puller.statusText().contains(u"throttled"_s), qPrintable(puller.statusText()));
        QVERIFY(puller.statusText().contains(u"retrying at"_s));
        QVERIFY(!ingest::SecurityHubPullSettings::highWaterMark(workspace->database()).isValid());
        // The filters went out with the request.
        const QJsonObject sent = server.requests().first().json();
        QCOMPARE(sent.value(u"Filters"_s)[u"RecordState"_s][0][u"Value"_s].toString(), u"ACTIVE"_s);
        QCOMPARE(sent.value(u"MaxResults"_s).toInt(), 100);

        pull(puller);
        QCOMPARE(puller.consecutiveFailures(), 2);
        const qint64 longer = QDateTime::currentDateTimeUtc().secsTo(puller.nextPullAt());
        QVERIFY2(longer >= 58 && longer <= 61, qPrintable(QString::number(longer)));
        puller.stop();
        QVERIFY(!puller.isScheduled());
    }
};

QTEST_GUILESS_MAIN(TestSecurityHubPull)
#include "tst_securityhubpull.moc"

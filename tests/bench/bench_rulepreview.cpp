// The rule editor's preview over generated findings (1,000,000 unless
// WARROOM_BENCH_FINDINGS says otherwise; WARROOM_BENCH_QUEUE_DB=FILE reuses the database
// bench_queue keeps, or keeps this one): for rules of each kind, the time to the complete
// count and first 50 rows (FindingRulePreview::compute, what the worker thread runs), the
// time to the first partial count of a scan, and next to each the bare SQLite COUNT(*) of
// the same SQL in the same run. Then the preview through its worker while the GUI thread
// ticks: the longest GUI stall. Prints figures; fails only when something does not work.
#include "domain/Finding.h"
#include "ingest/FindingRulePreview.h"
#include "store/Database.h"
#include "store/FindingRepository.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace warroom;
using domain::RuleOperator;

namespace {

domain::Finding syntheticFinding(qint64 i)
{
    static const QStringList kinds {u"Recon:EC2/PortProbeUnprotectedPort"_s,
        u"UnauthorizedAccess:EC2/SSHBruteForce"_s, u"Discovery:S3/MaliciousIPCaller"_s,
        u"Policy:IAMUser/RootCredentialUsage"_s, u"Impact:EC2/WinRMBruteForce"_s,
        u"Trojan:EC2/DNSDataExfiltration"_s, u"CryptoCurrency:EC2/BitcoinTool.B!DNS"_s,
        u"Recon:IAMUser/MaliciousIPCaller"_s};
    const quint64 h = quint64(i) * 2654435761u;
    domain::Finding f;
    f.type = kinds.at(int(h % quint64(kinds.size())));
    f.accountId = u"10000000%1"_s.arg(int(h / 7 % 20) + 1000);
    f.region = (h / 11) % 3 == 0 ? u"eu-west-1"_s : u"us-east-1"_s;
    f.id = u"arn:aws:guardduty:%1:%2:detector/d/finding/b%3"_s.arg(f.region, f.accountId).arg(i);
    f.productName = u"aws/guardduty"_s;
    f.resourceType = u"Instance"_s;
    f.resourceId = u"i-%1"_s.arg(qint64(h / 13 % 100000), 12, 16, QLatin1Char('0'));
    f.remoteIps = {u"%1.%2.%3.%4"_s.arg(int(h / 17 % 200) + 10)
                       .arg(int(h / 19 % 256))
                       .arg(int(h / 23 % 256))
                       .arg(int(h / 29 % 254) + 1)};
    f.title = f.type + u" on "_s + f.resourceId;
    f.description = u"Activity from "_s + f.remoteIps.first();
    f.severityScore = double(h / 31 % 89 + 1) / 10.0;
    f.severityLabel = domain::severityLabelForScore(f.severityScore);
    f.lastSeen = QDateTime::fromSecsSinceEpoch(1760000000 + qint64(h % 5000000), Qt::UTC);
    f.verdict = domain::Verdict::Queued;
    f.verdictRule = u"default"_s;
    f.rawJson = "{\"id\":\"" + f.id.toUtf8() + "\",\"pad\":\"" + QByteArray(1300, 'p') + "\"}";
    return f;
}

} // namespace

class BenchRulePreview final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Database> m_database;
    qint64 m_count = 0;

    double bareCount(const QString &where, const QVariantList &binds)
    {
        QSqlQuery query(m_database->reader());
        QElapsedTimer clock;
        clock.start();
        query.prepare(u"SELECT COUNT(*) FROM findings WHERE "_s + where);
        for (const QVariant &bind : binds)
            query.addBindValue(bind);
        if (!query.exec() || !query.next())
            qWarning("bare count failed: %s", qPrintable(where));
        return double(clock.nsecsElapsed()) / 1e6;
    }

private slots:
    void initTestCase()
    {
        m_count = qEnvironmentVariableIntValue("WARROOM_BENCH_FINDINGS");
        if (m_count <= 0)
            m_count = 1000000;
        QString path = qEnvironmentVariable("WARROOM_BENCH_QUEUE_DB");
        if (path.isEmpty())
            path = m_dir.filePath(u"preview.sqlite"_s);
        QString error;
        m_database = store::Database::open(path, &error);
        QVERIFY2(m_database, qPrintable(error));
        QSqlQuery query(m_database->reader());
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM findings"_s) && query.next());
        const qint64 stored = query.value(0).toLongLong();
        query.finish();
        if (stored < m_count) {
            QElapsedTimer clock;
            clock.start();
            constexpr qint64 Batch = 20000;
            for (qint64 done = stored; done < m_count; done += Batch) {
                QList<domain::Finding> batch;
                for (qint64 i = done; i < std::min(m_count, done + Batch); ++i)
                    batch.append(syntheticFinding(i));
                QVERIFY2(m_database->write(
                             [&](QSqlDatabase &connection, QString *e) {
                                 return store::FindingRepository(connection).upsert(batch, e);
                             },
                             &error),
                    qPrintable(error));
            }
            std::printf("\nGenerated %lld findings in %lld ms\n", qint64(m_count), clock.elapsed());
        }
        QVERIFY(query.exec(u"SELECT COUNT(*) FROM findings"_s) && query.next());
        m_count = query.value(0).toLongLong();
        std::printf("\nRule preview over %lld findings (complete count + first 50 rows)\n",
            qint64(m_count));
    }

    void previews_data()
    {
        QTest::addColumn<QList<domain::RuleCriterion>>("criteria");
        QTest::addColumn<QString>("bareWhere");
        QTest::addColumn<QVariantList>("bareBinds");
        const QString recon = u"Recon:EC2/PortProbeUnprotectedPort"_s;
        QTest::newRow("type equals (indexed)")
            << QList<domain::RuleCriterion> {{u"type"_s, RuleOperator::Equals, recon}}
            << u"type = ?"_s << QVariantList {recon};
        QTest::newRow("false-positive rule: type + resource + account")
            << QList<domain::RuleCriterion> {{u"type"_s, RuleOperator::Equals, recon},
                   {u"resourceId"_s, RuleOperator::Equals, u"i-00000000beef"_s},
                   {u"accountId"_s, RuleOperator::Equals, u"100000001007"_s}}
            << u"type = ? AND resource_id = ? AND account_id = ?"_s
            << QVariantList {recon, u"i-00000000beef"_s, u"100000001007"_s};
        QTest::newRow("severity >= 8 (indexed)") << QList<domain::RuleCriterion> {
            {u"severityScore"_s, RuleOperator::GreaterOrEqual,
                u"8"_s}} << u"severity >= ?"_s << QVariantList {8.0};
        QTest::newRow("account prefix (indexed range)")
            << QList<domain::RuleCriterion> {{u"accountId"_s, RuleOperator::Prefix,
                   u"10000000100"_s}}
            << u"account_id LIKE ?"_s << QVariantList {u"10000000100%"_s};
        QTest::newRow("title contains (scan, SQL)")
            << QList<domain::RuleCriterion> {{u"title"_s, RuleOperator::Contains, u"brute"_s}}
            << u"title LIKE ?"_s << QVariantList {u"%brute%"_s};
        QTest::newRow("remote IP in CIDR (scan, engine)")
            << QList<domain::RuleCriterion> {{u"remoteIps"_s, RuleOperator::InCidr,
                   u"10.0.0.0/8"_s}}
            << u"remote_ips LIKE ?"_s << QVariantList {u"%10.%"_s};
        QTest::newRow("type + IP in CIDR (index narrows, engine decides)")
            << QList<domain::RuleCriterion> {{u"type"_s, RuleOperator::Equals, recon},
                   {u"remoteIps"_s, RuleOperator::InCidr, u"10.0.0.0/8"_s}}
            << u"type = ?"_s << QVariantList {recon};
    }

    void previews()
    {
        QFETCH(QList<domain::RuleCriterion>, criteria);
        QFETCH(QString, bareWhere);
        QFETCH(QVariantList, bareBinds);
        domain::SuppressionRule rule;
        rule.id = u"bench"_s;
        rule.criteria = criteria;
        qint64 firstPartialMs = -1;
        QElapsedTimer clock;
        clock.start();
        const ingest::RulePreviewResult result = ingest::FindingRulePreview::compute(
            *m_database, rule, 50, [&](const ingest::RulePreviewResult &) {
                if (firstPartialMs < 0)
                    firstPartialMs = clock.elapsed();
                return true;
            });
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(result.complete);
        const double bare = bareCount(bareWhere, bareBinds);
        std::printf("  %-50s %9.1f ms  %8lld matches  %s%s  (bare COUNT %.1f ms)\n",
            QTest::currentDataTag(), ms, qint64(result.matches),
            result.countedBySql ? "SQL" : "engine",
            firstPartialMs >= 0 ? qPrintable(u", first partial %1 ms"_s.arg(firstPartialMs)) : "",
            bare);
        std::fflush(stdout);
    }

    void guiThreadStaysFree()
    {
        // The preview through its worker while typing: three requests 100 ms apart (the
        // last one wins), a 5 ms GUI timer measures the longest stall.
        ingest::FindingRulePreview preview(*m_database);
        QSignalSpy updated(&preview, &ingest::FindingRulePreview::updated);
        QElapsedTimer tick;
        tick.start();
        qint64 longest = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(
            &ticker, &QTimer::timeout, this, [&] { longest = std::max(longest, tick.restart()); });
        ticker.start();
        QElapsedTimer clock;
        clock.start();
        domain::SuppressionRule rule;
        rule.criteria = {{u"title"_s, RuleOperator::Contains, u"b"_s}};
        for (const QString &text : {u"b"_s, u"br"_s, u"brute"_s}) {
            rule.criteria.first().value = text;
            preview.request(rule);
            QTest::qWait(100);
        }
        bool done = false;
        while (!done && clock.elapsed() < 120000) {
            QTest::qWait(5);
            for (const QList<QVariant> &args : std::as_const(updated))
                done = done || args.at(0).value<ingest::RulePreviewResult>().complete;
        }
        QVERIFY(done);
        std::printf("  %-50s %9.1f ms  (longest GUI-thread stall %lld ms)\n",
            "typed \"b\", \"br\", \"brute\": last complete after", double(clock.elapsed()),
            qint64(longest));
    }
};

QTEST_MAIN(BenchRulePreview)
#include "bench_rulepreview.moc"

#include "ingest/FindingRetriage.h"
#include "store/Database.h"
#include "store/FindingRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;

class TestFindingRetriage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databases = 0;

    static domain::Finding finding(int i, domain::Verdict verdict, const QString &rule)
    {
        domain::Finding f;
        f.id = u"f-%1"_s.arg(i);
        f.type
            = i % 2 ? u"Recon:EC2/PortProbeUnprotectedPort"_s : u"Trojan:EC2/DNSDataExfiltration"_s;
        f.title = f.type;
        f.accountId = u"111111111111"_s;
        f.resourceType = u"Instance"_s;
        f.resourceId = u"i-%1"_s.arg(i);
        f.severityScore = 5.0;
        f.severityLabel = domain::SeverityLabel::Medium;
        f.remoteIps = {u"203.0.113.%1"_s.arg(i % 200)};
        f.verdict = verdict;
        f.verdictRule = rule;
        return f;
    }

    std::unique_ptr<store::Database> fill(int count, domain::Verdict verdict, const QString &rule)
    {
        QString error;
        auto database
            = store::Database::open(m_dir.filePath(u"r%1.sqlite"_s.arg(++m_databases)), &error);
        if (!database)
            qFatal("open: %s", qPrintable(error));
        QList<domain::Finding> findings;
        for (int i = 0; i < count; ++i)
            findings.append(finding(i, verdict, rule));
        if (!store::FindingRepository::upsertBatched(*database, findings, 1000, {}, &error))
            qFatal("fill: %s", qPrintable(error));
        return database;
    }

    static QMap<QString, qint64> verdicts(store::Database &database)
    {
        QMap<QString, qint64> counts;
        QSqlQuery query(database.reader());
        query.exec(u"SELECT verdict || ' ' || verdict_rule, COUNT(*) FROM findings GROUP BY 1"_s);
        while (query.next())
            counts.insert(query.value(0).toString(), query.value(1).toLongLong());
        return counts;
    }

    static domain::SuppressionRule probesRule()
    {
        domain::SuppressionRule rule;
        rule.id = u"probes"_s;
        rule.criteria = {{u"type"_s, domain::RuleOperator::Prefix, u"Recon:"_s}};
        return rule;
    }

private slots:
    void triagesFindingsStoredWithoutAVerdict()
    {
        auto database = fill(12000, domain::Verdict::Unset, QString());
        QCOMPARE(
            ingest::FindingRetriage::pending(*database, ingest::FindingRetriage::Scope::Untriaged),
            12000);
        triage::TriageEngine engine({probesRule()}, {});
        QList<qint64> progress;
        const auto result = ingest::FindingRetriage::run(*database, engine,
            ingest::FindingRetriage::Scope::Untriaged,
            [&](qint64 done, qint64) { progress.append(done); });
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.examined, 12000);
        QCOMPARE(result.changed, 12000);
        QCOMPARE(progress, (QList<qint64> {5000, 10000, 12000})); // one transaction per batch
        const auto counts = verdicts(*database);
        QCOMPARE(counts.value(u"Suppressed probes"_s), 6000);
        QCOMPARE(counts.value(u"Queued default"_s), 6000);
        QCOMPARE(
            ingest::FindingRetriage::pending(*database, ingest::FindingRetriage::Scope::Untriaged),
            0);
    }

    void followsChangedRulesButKeepsAnalystDecisions()
    {
        auto database = fill(100, domain::Verdict::Queued, u"default"_s);
        QString error;
        QVERIFY(database->write(
            [](QSqlDatabase &connection, QString *) {
                QSqlQuery query(connection);
                return query.exec(u"UPDATE findings SET verdict = 'Escalated', verdict_rule = "
                                  u"'analyst:ana' WHERE id IN ('f-1', 'f-3')"_s);
            },
            &error));
        triage::TriageEngine engine({probesRule()}, {});
        const auto result = ingest::FindingRetriage::run(
            *database, engine, ingest::FindingRetriage::Scope::Automatic);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.examined, 98);
        QCOMPARE(result.changed, 48); // the odd ones, less the two the analyst escalated
        const auto counts = verdicts(*database);
        QCOMPARE(counts.value(u"Escalated analyst:ana"_s), 2);
        QCOMPARE(counts.value(u"Suppressed probes"_s), 48);
        // Nothing changes the second time.
        triage::TriageEngine again({probesRule()}, {});
        QCOMPARE(ingest::FindingRetriage::run(
                     *database, again, ingest::FindingRetriage::Scope::Automatic)
                     .changed,
            0);
    }

    void cancelKeepsCommittedBatches()
    {
        auto database = fill(12000, domain::Verdict::Unset, QString());
        triage::TriageEngine engine({probesRule()}, {});
        std::atomic<bool> cancel {false};
        const auto result = ingest::FindingRetriage::run(
            *database, engine, ingest::FindingRetriage::Scope::Untriaged,
            [&](qint64, qint64) { cancel = true; }, &cancel);
        QVERIFY(result.cancelled);
        QCOMPARE(result.changed, 5000);
        QCOMPARE(
            ingest::FindingRetriage::pending(*database, ingest::FindingRetriage::Scope::Untriaged),
            7000);
    }
};

QTEST_GUILESS_MAIN(TestFindingRetriage)
#include "tst_findingretriage.moc"

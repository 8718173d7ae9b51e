#include "demo/DemoOrganization.h"
#include "demo/FindingGenerator.h"
#include "ingest/FindingImporter.h"
#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/Workspace.h"
#include "triage/TriageEngine.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;

class TestFindingImporter final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFindings(
        const QString &name, int count, demo::FindingGenerator::Format format, quint64 seed = 1)
    {
        demo::FindingGenerator generator(demo::DemoOrganization::standard(), seed);
        generator.setReferenceTime(QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC));
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write test file");
        QString error;
        if (!generator.write(file, count, format, &error))
            qFatal("generator failed");
        return file.fileName();
    }

    std::unique_ptr<store::Workspace> freshWorkspace(const QString &name)
    {
        QString error;
        auto workspace = store::Workspace::open(m_dir.filePath(name), &error);
        if (!workspace)
            qFatal("cannot open workspace");
        return workspace;
    }

    static qint64 scalar(store::Database &database, const QString &sql)
    {
        QSqlQuery query(database.reader());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }

private slots:
    void importsJsonLinesWithVerdicts()
    {
        const QString path = writeFindings(
            u"gd.jsonl"_s, 3000, demo::FindingGenerator::Format::GuardDutyJsonLines);
        auto workspace = freshWorkspace(u"ws-jsonl"_s);
        domain::SuppressionRule probes;
        probes.id = u"ignore-port-probes"_s;
        probes.name = probes.id;
        probes.position = 1;
        probes.criteria
            = {{u"type"_s, domain::RuleOperator::Equals, u"Recon:EC2/PortProbeUnprotectedPort"_s}};
        triage::TriagePolicy policy;
        policy.trustedNetworks = {{u"corporate-vpn"_s, u"198.18.0.0/15"_s}};
        policy.escalateAtSeverity = 8.0;
        triage::TriageEngine engine({probes}, policy);
        ingest::FindingImporter importer(workspace->database(), engine);
        importer.setBatchSize(700); // several batches and parser chunks

        qint64 lastBytes = 0;
        int progressCalls = 0;
        const auto result = importer.importFile(path, [&](qint64 done, qint64 total, qint64) {
            QVERIFY(done >= lastBytes && done <= total);
            lastBytes = done;
            ++progressCalls;
        });
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.issues.isEmpty());
        QCOMPARE(result.stored, 3000);
        QVERIFY(progressCalls > 2);
        QCOMPARE(lastBytes, QFileInfo(path).size());
        qint64 sum = 0;
        for (qint64 n : result.verdicts)
            sum += n;
        QCOMPARE(sum, result.stored);

        auto &database = workspace->database();
        const qint64 rows = scalar(database, u"SELECT COUNT(*) FROM findings"_s);
        QVERIFY(rows > 2700 && rows < 3000); // updates of the same finding are one row
        QVERIFY(scalar(database,
                    u"SELECT COUNT(*) FROM findings WHERE verdict_rule = 'ignore-port-probes'"_s)
            > 100);
        QCOMPARE(
            scalar(database,
                u"SELECT COUNT(*) FROM findings WHERE verdict_rule = 'ignore-port-probes' AND verdict <> 'Suppressed'"_s),
            0);
        QVERIFY(scalar(database,
                    u"SELECT COUNT(*) FROM findings WHERE verdict_rule LIKE 'trusted-network:%'"_s)
            > 0);
        QVERIFY(
            scalar(database, u"SELECT COUNT(*) FROM findings WHERE verdict = 'Escalated'"_s) > 0);
        QCOMPARE(scalar(database, u"SELECT COUNT(*) FROM findings WHERE verdict_rule = ''"_s), 0);
    }

    // Once the workspace holds many findings, an import commits in bigger transactions;
    // what it stores is the same.
    void largeTablesGetBiggerTransactions()
    {
        const QString path = writeFindings(
            u"large.jsonl"_s, 3000, demo::FindingGenerator::Format::GuardDutyJsonLines, 7);
        const auto import = [&](const QString &name, qint64 largeRows) {
            auto workspace = freshWorkspace(name);
            triage::TriageEngine engine({}, triage::TriagePolicy());
            ingest::FindingImporter importer(workspace->database(), engine);
            importer.setBatchSize(100);
            importer.setLargeTable(largeRows, 5);
            const auto result = importer.importFile(path);
            const qint64 rows = scalar(workspace->database(), u"SELECT COUNT(*) FROM findings"_s);
            const qint64 fingerprints = scalar(workspace->database(),
                u"SELECT COUNT(DISTINCT fingerprint || verdict || raw) FROM findings"_s);
            return std::make_tuple(result, rows, fingerprints);
        };
        const auto [small, smallRows, smallKinds] = import(u"ws-small-batches"_s, 0);
        const auto [large, largeRows, largeKinds] = import(u"ws-large-table"_s, 1000);
        QVERIFY2(small.ok() && large.ok(), qPrintable(small.error + large.error));
        QCOMPARE(small.stored, 3000);
        QCOMPARE(large.stored, 3000);
        QVERIFY2(small.transactions >= 30, qPrintable(QString::number(small.transactions)));
        // 1,000 findings in batches of 100, then up to 500 a transaction.
        QVERIFY2(large.transactions < small.transactions - 10,
            qPrintable(u"%1 against %2"_s.arg(large.transactions).arg(small.transactions)));
        QCOMPARE(largeRows, smallRows);
        QCOMPARE(largeKinds, smallKinds);
    }

    void reportsBadLinesAndKeepsTheRest()
    {
        const QString good = writeFindings(
            u"good.jsonl"_s, 50, demo::FindingGenerator::Format::GuardDutyJsonLines, 3);
        QFile in(good);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = in.readAll().split('\n');
        lines[9] = "{\"broken\": "; // line 10
        lines[39]
            = "{\"type\": \"X:Y/Z\", \"id\": \"a\", \"accountId\": \"12\", \"severity\": 2}"; // line
                                                                                              // 40
        QFile out(m_dir.filePath(u"mixed.jsonl"_s));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(lines.join('\n'));
        out.close();

        auto workspace = freshWorkspace(u"ws-mixed"_s);
        triage::TriageEngine engine({}, triage::TriagePolicy());
        ingest::FindingImporter importer(workspace->database(), engine);
        importer.setBatchSize(16); // line numbers must survive chunking
        const auto result = importer.importFile(out.fileName());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.stored, 48);
        QCOMPARE(result.issues.size(), 2);
        QCOMPARE(result.issues.at(0).position, 10);
        QVERIFY2(result.issues.at(0).reason.startsWith(u"line 10:"_s),
            qPrintable(result.issues.at(0).reason));
        QCOMPARE(result.issues.at(1).position, 40);
        QVERIFY(result.issues.at(1).reason.contains(u"12-digit"_s));
    }

    void importsWholeDocuments()
    {
        const QString path = writeFindings(
            u"asff.json"_s, 400, demo::FindingGenerator::Format::SecurityHubAsff, 5);
        auto workspace = freshWorkspace(u"ws-asff"_s);
        triage::TriageEngine engine({}, triage::TriagePolicy());
        ingest::FindingImporter importer(workspace->database(), engine);
        const auto result = importer.importFile(path);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.stored, 400);
        QCOMPARE(
            scalar(workspace->database(), u"SELECT COUNT(DISTINCT source) FROM findings"_s), 1);
    }

    void cancelKeepsCommittedBatches()
    {
        const QString path = writeFindings(
            u"big.jsonl"_s, 4000, demo::FindingGenerator::Format::GuardDutyJsonLines, 7);
        auto workspace = freshWorkspace(u"ws-cancel"_s);
        triage::TriageEngine engine({}, triage::TriagePolicy());
        ingest::FindingImporter importer(workspace->database(), engine);
        importer.setBatchSize(500);
        std::atomic<bool> cancel {false};
        qint64 seenAtCancel = 0; // stored and pending when cancelled
        const auto result = importer.importFile(
            path,
            [&](qint64, qint64, qint64 stored) {
                if (stored >= 1000 && !cancel) {
                    seenAtCancel = stored;
                    cancel = true;
                }
            },
            &cancel);
        QVERIFY(result.ok());
        QVERIFY(result.cancelled);
        // Committed batches stay (at most 500 findings each: at least one before 1,000);
        // the batch in flight is dropped.
        QVERIFY2(result.stored >= 500 && result.stored <= seenAtCancel,
            qPrintable(u"%1 stored, %2 seen"_s.arg(result.stored).arg(seenAtCancel)));
        const qint64 rows = scalar(workspace->database(), u"SELECT COUNT(*) FROM findings"_s);
        QVERIFY(rows > 0 && rows <= result.stored);
    }

    void repeatsOfStoredFindingsFold()
    {
        auto workspace = freshWorkspace(u"ws-prime"_s);
        const QString first = writeFindings(
            u"first.jsonl"_s, 300, demo::FindingGenerator::Format::GuardDutyJsonLines, 9);
        {
            triage::TriageEngine engine({}, triage::TriagePolicy());
            ingest::FindingImporter importer(workspace->database(), engine);
            QVERIFY(importer.importFile(first).ok());
        }
        // A new engine knows nothing, until primed from the store.
        const QString second = writeFindings(
            u"second.jsonl"_s, 300, demo::FindingGenerator::Format::GuardDutyJsonLines, 10);
        triage::TriageEngine engine({}, triage::TriagePolicy());
        ingest::FindingImporter importer(workspace->database(), engine);
        QString error;
        QVERIFY2(importer.primeEngineFromStore(&error), qPrintable(error));
        const auto result = importer.importFile(second);
        QVERIFY(result.ok());
        QVERIFY(scalar(workspace->database(),
                    u"SELECT COUNT(*) FROM findings WHERE verdict_rule LIKE 'repeat-of:%'"_s)
            > 50);
    }

    void keepsJsonLinesBytesAsReceived()
    {
        // Spacing and key order as in the file: the raw JSON is the line itself.
        const QByteArray first
            = R"({ "type": "Recon:EC2/PortProbeUnprotectedPort", "id": "f-1", "accountId": "111122223333", "severity": 5, "updatedAt": "2026-10-01T10:00:00Z", "title": "tokenone" })";
        const QByteArray second
            = R"({"updatedAt":"2026-10-01T10:00:00Z","severity":5,"accountId":"111122223333","id":"f-2","type":"UnauthorizedAccess:EC2/SSHBruteForce","title":"tokentwo"})";
        QFile file(m_dir.filePath(u"spaced.jsonl"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(first + "\r\n\n" + second); // CRLF, a blank line, no final newline
        file.close();
        auto workspace = freshWorkspace(u"ws-spaced"_s);
        triage::TriageEngine engine({}, {});
        ingest::FindingImporter importer(workspace->database(), engine);
        const auto result = importer.importFile(file.fileName());
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.stored, 2);
        store::FindingRepository findings(workspace->database().reader());
        QCOMPARE(findings.get(u"f-1"_s)->rawJson, first);
        QCOMPARE(findings.get(u"f-2"_s)->rawJson, second);
        QCOMPARE(findings.search(u"tokentwo"_s, 10), QStringList {u"f-2"_s});
    }

    void missingFileIsAnError()
    {
        auto workspace = freshWorkspace(u"ws-missing"_s);
        triage::TriageEngine engine({}, triage::TriagePolicy());
        ingest::FindingImporter importer(workspace->database(), engine);
        const auto result = importer.importFile(m_dir.filePath(u"nope.jsonl"_s));
        QVERIFY(!result.ok());
        QVERIFY(result.error.contains(u"nope.jsonl"_s));
        QCOMPARE(result.stored, 0);
    }
};

QTEST_GUILESS_MAIN(TestFindingImporter)
#include "tst_findingimporter.moc"

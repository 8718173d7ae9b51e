// The bulk write path of FindingRepository (sqlite3 C API, multi-row statements, FTS
// filled per batch) stores exactly what the one-finding QtSql path stores, search
// included, for new rows, updates in place and repeated ids within one batch, whether it
// converts the text itself or gets it encoded ahead (as the importer's parser does).

#include "store/Database.h"
#include "store/FindingRepository.h"
#include "store/Workspace.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace warroom::domain;
using namespace warroom::store;

namespace {

Finding finding(int i, const QString &titleWord)
{
    Finding f;
    f.id = u"arn:aws:guardduty:eu-west-1:123456789012:detector/d1/finding/%1"_s.arg(
        i, 6, 10, QChar(u'0'));
    f.source = i % 3 == 0 ? FindingSource::SecurityHub : FindingSource::GuardDuty;
    f.productName = i % 3 == 0 ? u"guardduty"_s : u"aws/guardduty"_s;
    f.type = u"Recon:EC2/PortProbe%1"_s.arg(i % 7);
    f.title = u"%1 port %2 probed"_s.arg(titleWord).arg(i);
    f.description = i % 5 == 0 ? QString() : u"Instance i-%1 is probed – ünïcode"_s.arg(i);
    f.severityScore = (i % 100) / 10.0;
    f.severityLabel = severityLabelForScore(f.severityScore);
    f.accountId = u"1234567890%1"_s.arg(i % 100, 2, 10, QChar(u'0'));
    f.region = i % 2 ? u"eu-west-1"_s : u""_s;
    f.resourceType = u"Instance"_s;
    f.resourceId = u"i-%1"_s.arg(i * 7919, 0, 16, QChar(u'0'));
    if (i % 4 == 1)
        f.remoteIps = {u"198.51.100.%1"_s.arg(i % 250), u"2001:db8::%1"_s.arg(i % 9)};
    else if (i % 4 == 2)
        f.remoteIps = {u"odd\"ip\\é"_s};
    f.firstSeen = i % 6 == 0 ? QDateTime()
                             : QDateTime::fromMSecsSinceEpoch(1700000000000 + i * 1000, Qt::UTC);
    f.lastSeen = QDateTime::fromMSecsSinceEpoch(1700000000000 + i * 1001, Qt::UTC);
    f.createdAt = f.firstSeen;
    f.updatedAt = f.lastSeen;
    f.count = i % 9 + 1;
    f.archived = i % 11 == 0;
    f.workflowState = i % 2 ? u"NEW"_s : QString();
    f.verdict = i % 3 == 0 ? Verdict::Escalated : Verdict::Queued;
    f.verdictRule = i % 3 == 0 ? u"severity>=8"_s : u"default"_s;
    f.caseId = i % 10 == 0 ? u"9%1"_s.arg(i) : QString();
    f.rawJson = R"({"n":)" + QByteArray::number(i) + R"(, "t": "x y"})";
    if (i % 97 == 0)
        f.rawJson += "\xff\xfe"; // not UTF-8: stored as QString::fromUtf8 repairs it
    return f;
}

} // namespace

class TestStoreFindingsBulk final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_single; // one QtSql upsert per finding
    std::unique_ptr<Workspace> m_bulk; // FindingRepository::upsert(list)

    static bool writeSingle(Workspace &workspace, const QList<Finding> &findings)
    {
        QString error;
        const bool ok = workspace.database().write(
            [&](QSqlDatabase &c, QString *e) {
                FindingRepository repository(c);
                for (const Finding &f : findings) {
                    if (!repository.upsert(f, e))
                        return false;
                }
                return true;
            },
            &error);
        if (!ok)
            qWarning() << error;
        return ok;
    }
    bool m_writtenAhead = false; // the bulk path gets fingerprints and UTF-8 made ahead

    bool writeBulk(Workspace &workspace, const QList<Finding> &findings) const
    {
        FindingWriteAhead ahead;
        if (m_writtenAhead) {
            for (const Finding &f : findings) {
                ahead.fingerprints.append(f.fingerprint());
                ahead.text.append(EncodedFindingText::encode(f, f.fingerprint()));
            }
        }
        QString error;
        const bool ok = workspace.database().write(
            [&](QSqlDatabase &c, QString *e) {
                return FindingRepository(c).upsert(findings, ahead, e);
            },
            &error);
        if (!ok)
            qWarning() << error;
        return ok;
    }
    static QStringList dump(Workspace &workspace, const QString &sql)
    {
        QSqlQuery query(workspace.database().reader());
        QStringList rows;
        if (!query.exec(sql)) {
            rows.append(u"error"_s);
            return rows;
        }
        while (query.next()) {
            QStringList row;
            for (int i = 0; i < query.record().count(); ++i)
                row.append(query.value(i).toString());
            rows.append(row.join(u'|'));
        }
        return rows;
    }
    static QStringList rows(Workspace &workspace)
    {
        // quote() tells the stored types apart (integer, real, text, NULL).
        return dump(workspace,
            u"SELECT rowid, quote(id), quote(source), quote(product_name), quote(type), "
            u"quote(title), quote(description), quote(severity), quote(severity_label), "
            u"quote(account_id), quote(region), quote(resource_type), quote(resource_id), "
            u"quote(remote_ips), quote(first_seen), quote(last_seen), quote(created_at), "
            u"quote(updated_at), quote(count), quote(archived), quote(workflow_state), "
            u"quote(fingerprint), quote(verdict), quote(verdict_rule), quote(case_id), "
            u"quote(raw) FROM findings ORDER BY rowid"_s);
    }
    void compare(const QStringList &searches)
    {
        const QStringList single = rows(*m_single);
        const QStringList bulk = rows(*m_bulk);
        QCOMPARE(bulk.size(), single.size());
        for (qsizetype i = 0; i < single.size(); ++i)
            QCOMPARE(bulk.at(i), single.at(i));
        for (const QString &search : searches) {
            const QStringList expected
                = FindingRepository(m_single->database().reader()).search(search, 5000);
            QCOMPARE(FindingRepository(m_bulk->database().reader()).search(search, 5000), expected);
        }
        for (Workspace *workspace : {m_single.get(), m_bulk.get()}) {
            QString error;
            QVERIFY2(workspace->database().write(
                         [](QSqlDatabase &c, QString *e) {
                             return execStatement(c,
                                 u"INSERT INTO findings_fts (findings_fts) VALUES "
                                 u"('integrity-check')"_s,
                                 e);
                         },
                         &error),
                qPrintable(error));
        }
        const QString triggers
            = u"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"_s;
        QCOMPARE(dump(*m_bulk, triggers), dump(*m_single, triggers));
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QString error;
        m_single = Workspace::open(m_dir->filePath(u"single"_s), &error);
        QVERIFY2(m_single, qPrintable(error));
        m_bulk = Workspace::open(m_dir->filePath(u"bulk"_s), &error);
        QVERIFY2(m_bulk, qPrintable(error));
    }
    void cleanup()
    {
        m_single.reset();
        m_bulk.reset();
        m_dir.reset();
    }

    void bulkStoresWhatTheQtSqlPathStores_data()
    {
        QTest::addColumn<bool>("writtenAhead");
        QTest::newRow("converted by the writer") << false;
        QTest::newRow("fingerprints and UTF-8 made ahead") << true;
    }
    void bulkStoresWhatTheQtSqlPathStores()
    {
        QFETCH(bool, writtenAhead);
        m_writtenAhead = writtenAhead;
        // More than one multi-row statement, with a partial last one.
        QList<Finding> first;
        for (int i = 0; i < 2345; ++i)
            first.append(finding(i, u"alpha"_s));
        QVERIFY(writeSingle(*m_single, first));
        QVERIFY(writeBulk(*m_bulk, first));
        compare({u"alpha"_s, u"probed"_s, u"ünïcode"_s, u"\"PortProbe3\""_s});
        QCOMPARE(
            FindingRepository(m_bulk->database().reader()).search(u"alpha"_s, 5000).size(), 2345);

        // Updates in place (kept rowids, FTS follows) mixed with new rows.
        QList<Finding> second;
        for (int i = 2000; i < 3000; ++i)
            second.append(finding(i, u"bravo"_s));
        QVERIFY(writeSingle(*m_single, second));
        QVERIFY(writeBulk(*m_bulk, second));
        compare({u"alpha"_s, u"bravo"_s, u"probed"_s});
        QCOMPARE(
            FindingRepository(m_bulk->database().reader()).search(u"alpha"_s, 5000).size(), 2000);

        // The same id twice in one batch: the later one wins, search stays right.
        QList<Finding> repeats;
        for (int i = 2900; i < 3400; ++i)
            repeats.append(finding(i, u"charlie"_s));
        for (int i = 3000; i < 3100; ++i)
            repeats.append(finding(i, u"delta"_s));
        QVERIFY(writeSingle(*m_single, repeats));
        QVERIFY(writeBulk(*m_bulk, repeats));
        compare({u"bravo"_s, u"charlie"_s, u"delta"_s});
        QCOMPARE(
            FindingRepository(m_bulk->database().reader()).search(u"delta"_s, 5000).size(), 100);
    }

    void failedBatchRollsBackWhole()
    {
        QList<Finding> first;
        for (int i = 0; i < 500; ++i)
            first.append(finding(i, u"alpha"_s));
        QVERIFY(writeBulk(*m_bulk, first));
        QList<Finding> second;
        for (int i = 500; i < 1500; ++i)
            second.append(finding(i, u"bravo"_s));
        QString error;
        QVERIFY(!m_bulk->database().write(
            [&](QSqlDatabase &c, QString *e) {
                if (!FindingRepository(c).upsert(second, e))
                    return false;
                *e = u"failed after the rows went in"_s;
                return false;
            },
            &error));
        QCOMPARE(FindingRepository(m_bulk->database().reader()).count(), 500);
        QVERIFY(FindingRepository(m_bulk->database().reader()).search(u"bravo"_s, 10).isEmpty());
        // The insert trigger is back: a single upsert is still indexed.
        QSqlQuery probe(m_bulk->database().reader());
        QVERIFY(probe.exec(u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND "
                           u"name = 'findings_fts_insert'"_s));
        QVERIFY(probe.next());
        QCOMPARE(probe.value(0).toInt(), 1);
        probe.finish();
        QVERIFY(writeSingle(*m_bulk, {finding(9999, u"echo"_s)}));
        QCOMPARE(FindingRepository(m_bulk->database().reader()).search(u"echo"_s, 10).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStoreFindingsBulk)
#include "tst_store_findings_bulk.moc"

// The timeline hash chain against a real workspace database: every kind of tampering
// done with plain SQL (update, delete, insert, reorder) is detected at the right entry.

#include "store/Database.h"
#include "timeline/TimelineChain.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using warroom::store::Database;
using warroom::timeline::ChainVerification;
using warroom::timeline::TimelineChain;
using warroom::timeline::TimelineEntry;

class TimelineChainTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void intactChainVerifies();
    void appendRefusesMissingFields();
    void updatedRowIsDetected_data();
    void updatedRowIsDetected();
    void deletedRowIsDetected();
    void insertedRowIsDetected();
    void reorderedRowsAreDetected();
    void randomTamperingIsAlwaysDetected();
    void csvRoundTripIsLossless();
    void csvErrorsNameLineAndField();

private:
    void fill(const QString &caseId, int count);
    void exec(const QString &sql);

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_run = 0;
};

void TimelineChainTest::init()
{
    QString error;
    m_db = Database::open(m_dir.filePath(u"ws%1.sqlite"_s.arg(++m_run)), &error);
    QVERIFY2(m_db, qPrintable(error));
}

void TimelineChainTest::cleanup()
{
    m_db.reset();
}

void TimelineChainTest::fill(const QString &caseId, int count)
{
    TimelineChain chain(*m_db);
    static const QStringList kinds {u"comment"_s, u"status"_s, u"caseEdit"_s, u"analyst"_s,
        u"finding"_s, u"attachment"_s, u"investigation"_s};
    for (int i = 0; i < count; ++i) {
        TimelineEntry entry;
        entry.caseId = caseId;
        entry.kind = kinds.at(i % kinds.size());
        if (i % 3 != 0)
            entry.occurredAt
                = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + i * 60'000LL, Qt::UTC);
        entry.payload = {{u"text"_s, u"Entry %1, \"quoted\", with a comma\nand a newline"_s.arg(i)},
            {u"author"_s, u"analyst%1"_s.arg(i % 2)}};
        QString error;
        QVERIFY2(chain.append(&entry, &error), qPrintable(error));
        QCOMPARE(entry.hash, TimelineChain::entryHash(entry.prevHash, entry));
    }
}

void TimelineChainTest::exec(const QString &sql)
{
    QString error;
    const bool ok = m_db->write(
        [&sql](QSqlDatabase &connection, QString *) {
            QSqlQuery query(connection);
            return query.exec(sql);
        },
        &error);
    QVERIFY2(ok, qPrintable(sql));
}

void TimelineChainTest::intactChainVerifies()
{
    fill(u"case-a"_s, 10);
    fill(u"case-b"_s, 5);
    TimelineChain chain(*m_db);
    const ChainVerification a = chain.verify(u"case-a"_s);
    QVERIFY2(a.ok, qPrintable(a.problem));
    QCOMPARE(a.entries, 10);
    QCOMPARE(a.head.size(), 64);
    QString error;
    QCOMPARE(a.head, chain.entries(u"case-a"_s, &error).last().hash);
    QVERIFY(chain.verify(u"case-b"_s).ok);
    const ChainVerification empty = chain.verify(u"case-none"_s);
    QVERIFY(empty.ok);
    QCOMPARE(empty.entries, 0);
    QVERIFY(empty.head.isEmpty());
}

void TimelineChainTest::appendRefusesMissingFields()
{
    TimelineChain chain(*m_db);
    TimelineEntry entry;
    entry.kind = u"analyst"_s;
    QString error;
    QVERIFY(!chain.append(&entry, &error));
    QVERIFY2(error.contains(u"caseId"_s), qPrintable(error));
    entry.caseId = u"case-a"_s;
    entry.kind.clear();
    error.clear();
    QVERIFY(!chain.append(&entry, &error));
    QVERIFY2(error.contains(u"kind"_s), qPrintable(error));
    QCOMPARE(chain.entries(u"case-a"_s, &error).size(), 0);
}

void TimelineChainTest::updatedRowIsDetected_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::newRow("kind") << u"kind = 'status'"_s;
    QTest::newRow("payload") << u"payload = replace(payload, 'Entry', 'Entrx')"_s;
    QTest::newRow("occurred") << u"occurred_at = COALESCE(occurred_at, 0) + 1"_s;
    QTest::newRow("recorded") << u"recorded_at = recorded_at - 1000"_s;
    QTest::newRow("case") << u"case_id = 'case-a '"_s;
    QTest::newRow("hash") << u"hash = substr(hash, 2) || '0'"_s;
    QTest::newRow("prev_hash") << u"prev_hash = substr(prev_hash, 2) || '1'"_s;
}

void TimelineChainTest::updatedRowIsDetected()
{
    QFETCH(QString, assignment);
    fill(u"case-a"_s, 8);
    exec(u"UPDATE timeline SET %1 WHERE seq = 5"_s.arg(assignment));
    // The changed row itself (or, when its case moved away, the row after it) is named.
    const ChainVerification result = TimelineChain(*m_db).verify(u"case-a"_s);
    QVERIFY(!result.ok);
    QVERIFY2(result.firstBadSeq == 5 || result.firstBadSeq == 6, qPrintable(result.problem));
    QVERIFY2(result.problem.startsWith(u"Entry %1 "_s.arg(result.firstBadSeq)),
        qPrintable(result.problem));
}

void TimelineChainTest::deletedRowIsDetected()
{
    fill(u"case-a"_s, 8);
    exec(u"DELETE FROM timeline WHERE seq = 4"_s);
    const ChainVerification result = TimelineChain(*m_db).verify(u"case-a"_s);
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 5);
    QVERIFY2(result.problem.contains(u"deleted"_s), qPrintable(result.problem));
}

void TimelineChainTest::insertedRowIsDetected()
{
    fill(u"case-a"_s, 8);
    // A forged row that copies a real row's hashes, placed between two real entries.
    exec(u"INSERT INTO timeline (seq, case_id, kind, occurred_at, recorded_at, payload, "
         "prev_hash, hash) SELECT 100, case_id, 'analyst', occurred_at, recorded_at, "
         "'{\"text\":\"forged\"}', prev_hash, hash FROM timeline WHERE seq = 3"_s);
    exec(u"UPDATE timeline SET seq = 1000 + seq WHERE seq > 3 AND seq < 100"_s);
    exec(u"UPDATE timeline SET seq = seq - 1000 + 1 WHERE seq > 1000"_s);
    exec(u"UPDATE timeline SET seq = 4 WHERE seq = 100"_s);
    // rowid order still puts the forged row last; rebuild the table in seq order so it
    // sits in the middle like a real insertion would.
    exec(u"CREATE TABLE t2 AS SELECT * FROM timeline ORDER BY seq"_s);
    exec(u"DELETE FROM timeline"_s);
    exec(u"INSERT INTO timeline SELECT * FROM t2 ORDER BY seq"_s);
    const ChainVerification result = TimelineChain(*m_db).verify(u"case-a"_s);
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 4);
}

void TimelineChainTest::reorderedRowsAreDetected()
{
    fill(u"case-a"_s, 8);
    // Swap two entries' contents but keep every seq in order.
    exec(u"CREATE TABLE t2 AS SELECT * FROM timeline"_s);
    exec(u"UPDATE timeline SET kind = (SELECT kind FROM t2 WHERE seq = 7), payload = (SELECT "
         "payload FROM t2 WHERE seq = 7), prev_hash = (SELECT prev_hash FROM t2 WHERE seq = 7), "
         "hash = (SELECT hash FROM t2 WHERE seq = 7) WHERE seq = 6"_s);
    exec(u"UPDATE timeline SET kind = (SELECT kind FROM t2 WHERE seq = 6), payload = (SELECT "
         "payload FROM t2 WHERE seq = 6), prev_hash = (SELECT prev_hash FROM t2 WHERE seq = 6), "
         "hash = (SELECT hash FROM t2 WHERE seq = 6) WHERE seq = 7"_s);
    const ChainVerification result = TimelineChain(*m_db).verify(u"case-a"_s);
    QVERIFY(!result.ok);
    QCOMPARE(result.firstBadSeq, 6);
    QVERIFY2(result.problem.contains(u"moved"_s), qPrintable(result.problem));
}

void TimelineChainTest::randomTamperingIsAlwaysDetected()
{
    auto *random = QRandomGenerator::global();
    for (int round = 0; round < 40; ++round) {
        init();
        const int count = 3 + int(random->bounded(20));
        fill(u"case-r"_s, count);
        const int target = 1 + int(random->bounded(count));
        switch (random->bounded(3)) {
        case 0:
            exec(u"UPDATE timeline SET payload = '{\"text\":\"changed %1\"}' WHERE seq = %2"_s
                     .arg(round)
                     .arg(target));
            break;
        case 1:
            exec(u"UPDATE timeline SET recorded_at = recorded_at + %1 WHERE seq = %2"_s
                     .arg(1 + random->bounded(100000))
                     .arg(target));
            break;
        default:
            if (target == count) // deleting the head is only visible against a posted head
                exec(u"UPDATE timeline SET kind = 'x' WHERE seq = %1"_s.arg(target));
            else
                exec(u"DELETE FROM timeline WHERE seq = %1"_s.arg(target));
            break;
        }
        const ChainVerification result = TimelineChain(*m_db).verify(u"case-r"_s);
        QVERIFY2(!result.ok, qPrintable(u"round %1 target %2"_s.arg(round).arg(target)));
        QVERIFY(result.firstBadSeq == target || result.firstBadSeq == target + 1);
    }
}

void TimelineChainTest::csvRoundTripIsLossless()
{
    fill(u"case-a"_s, 12);
    QString error;
    const QList<TimelineEntry> original = TimelineChain(*m_db).entries(u"case-a"_s, &error);
    const QByteArray csv = TimelineChain::toCsv(original);
    const QList<TimelineEntry> back = TimelineChain::fromCsv(csv, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(back.size(), original.size());
    for (qsizetype i = 0; i < back.size(); ++i) {
        QCOMPARE(back.at(i).seq, original.at(i).seq);
        QCOMPARE(back.at(i).kind, original.at(i).kind);
        QCOMPARE(back.at(i).occurredAt, original.at(i).occurredAt);
        QCOMPARE(back.at(i).recordedAt, original.at(i).recordedAt);
        QCOMPARE(back.at(i).payload, original.at(i).payload);
        QCOMPARE(back.at(i).hash, original.at(i).hash);
        // The imported entry still hashes to the same value: nothing was lost.
        QCOMPARE(TimelineChain::entryHash(back.at(i).prevHash, back.at(i)), original.at(i).hash);
    }
    QCOMPARE(TimelineChain::toCsv(back), csv);
}

void TimelineChainTest::csvErrorsNameLineAndField()
{
    QString error;
    QVERIFY(TimelineChain::fromCsv("a,b\r\n", &error).isEmpty());
    QVERIFY2(error.contains(u"header"_s), qPrintable(error));
    error.clear();
    const QByteArray header = "seq,case_id,kind,occurred_at,recorded_at,payload,prev_hash,hash\r\n";
    QVERIFY(TimelineChain::fromCsv(header + "1,c,k,,yesterday,{},p,h\r\n", &error).isEmpty());
    QVERIFY2(error.contains(u"Record 1"_s) && error.contains(u"recorded_at"_s), qPrintable(error));
    error.clear();
    QVERIFY(TimelineChain::fromCsv(header + "x,c,k,,,{},p,h\r\n", &error).isEmpty());
    QVERIFY2(error.contains(u"seq"_s), qPrintable(error));
    error.clear();
    QVERIFY(TimelineChain::fromCsv(header + "1,c,k,,2024-01-01T00:00:00.000Z,[1],p,h\r\n", &error)
                .isEmpty());
    QVERIFY2(error.contains(u"payload"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TimelineChainTest)
#include "tst_timeline_chain.moc"

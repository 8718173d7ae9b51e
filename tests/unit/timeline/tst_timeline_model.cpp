// TimelineModel over a real workspace store: rows sorted by when they happened, filters
// by kind, author and text (on this thread and, for large timelines, on a worker),
// stale loads dropped, verification marking the first bad entry; under
// QAbstractItemModelTester the whole time.

#include "TimelineTestSupport.h"
#include "store/Database.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using warroom::store::Database;
using warroom::timeline::TimelineChain;
using warroom::timeline::TimelineEntry;
using warroom::timeline::TimelineFilter;
using warroom::timeline::TimelineModel;

class TimelineModelTest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void rowsAreSortedByHappened();
    void asyncLoadFillsTheModel();
    void staleLoadIsDropped();
    void filtersByKindAuthorAndText();
    void largeTimelineFiltersOnAWorker();
    void lowerBoundFindsTimes();
    void verificationNamesTheFirstBadEntry();
    void analystZoneIsShown();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_run = 0;
};

void TimelineModelTest::init()
{
    QString error;
    m_db = Database::open(m_dir.filePath(u"ws%1.sqlite"_s.arg(++m_run)), &error);
    QVERIFY2(m_db, qPrintable(error));
}

void TimelineModelTest::cleanup()
{
    m_db.reset();
}

void TimelineModelTest::rowsAreSortedByHappened()
{
    TimelineChain chain(*m_db);
    // Appended out of order: the model sorts by happened, unknown ones by recorded.
    const qint64 base = warroom::test::timelineEpochMs();
    const QList<qint64> offsets {50, 10, -1, 30, 20};
    for (int i = 0; i < offsets.size(); ++i) {
        TimelineEntry e;
        e.caseId = u"c1"_s;
        e.kind = u"analyst"_s;
        if (offsets[i] >= 0)
            e.occurredAt = QDateTime::fromMSecsSinceEpoch(base + offsets[i] * 60000, Qt::UTC);
        e.recordedAt = QDateTime::fromMSecsSinceEpoch(base + 40 * 60000, Qt::UTC);
        e.payload = {{u"author"_s, u"amy"_s}, {u"text"_s, u"e%1"_s.arg(i)}};
        QString error;
        QVERIFY2(chain.append(&e, &error), qPrintable(error));
    }
    TimelineModel model(m_db.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCaseId(u"c1"_s);
    QString error;
    QVERIFY2(model.reloadNow(&error), qPrintable(error));
    QCOMPARE(model.rowCount(), 5);
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts << model.index(row, TimelineModel::TextColumn).data().toString();
    QCOMPARE(texts, QStringList({u"e1"_s, u"e4"_s, u"e3"_s, u"e2"_s, u"e0"_s}));
    // Both clocks shown with their zone; the unknown one says so.
    QCOMPARE(model.index(0, TimelineModel::HappenedColumn).data().toString(),
        u"2026-11-01 08:10:00 UTC"_s);
    QCOMPARE(model.index(0, TimelineModel::RecordedColumn).data().toString(),
        u"2026-11-01 08:40:00 UTC"_s);
    QVERIFY(
        model.index(3, TimelineModel::HappenedColumn).data().toString().startsWith(u"unknown"_s));
    QCOMPARE(model.index(0, TimelineModel::AuthorColumn).data().toString(), u"amy"_s);
    QCOMPARE(model.index(0, TimelineModel::KindColumn).data().toString(), u"Analyst entry"_s);
}

void TimelineModelTest::asyncLoadFillsTheModel()
{
    QString error;
    QVERIFY2(warroom::test::seedTimeline(*m_db, u"c1"_s, 300, 60000, &error), qPrintable(error));
    TimelineModel model(m_db.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &TimelineModel::loaded);
    model.setCaseId(u"c1"_s);
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.first().at(1).toInt(), 300);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(model.totalCount(), 300);
    QCOMPARE(model.kinds().first(), u"analyst"_s); // lane order: analyst first
    QCOMPARE(model.kinds().size(), 7);
    QCOMPARE(model.authors(),
        QStringList(
            {u"analyst0@example.com"_s, u"analyst1@example.com"_s, u"analyst2@example.com"_s}));
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.entry(row - 1).timeMs <= model.entry(row).timeMs);
    for (int row = 0; row < model.rowCount(); row += 37)
        QCOMPARE(model.rowOfSeq(model.entry(row).seq), row);
}

void TimelineModelTest::staleLoadIsDropped()
{
    QString error;
    QVERIFY(warroom::test::seedTimeline(*m_db, u"c1"_s, 2000, 1000, &error));
    QVERIFY(warroom::test::seedTimeline(*m_db, u"c2"_s, 40, 1000, &error));
    TimelineModel model(m_db.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &TimelineModel::loaded);
    model.setCaseId(u"c1"_s);
    model.setCaseId(u"c2"_s);
    QVERIFY(loaded.wait(10000));
    QTest::qWait(100); // c1's load, had it not been dropped, would land now
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(model.rowCount(), 40);
    QCOMPARE(model.caseId(), u"c2"_s);
    QVERIFY(model.entry(0).text.endsWith(u"of c2"_s));
}

void TimelineModelTest::filtersByKindAuthorAndText()
{
    QString error;
    QVERIFY(warroom::test::seedTimeline(*m_db, u"c1"_s, 140, 60000, &error));
    TimelineModel model(m_db.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCaseId(u"c1"_s);
    QVERIFY(model.reloadNow(&error));

    TimelineFilter byKind;
    byKind.kinds = {u"comment"_s};
    QSignalSpy filtered(&model, &TimelineModel::filtered);
    model.setFilter(byKind);
    QCOMPARE(filtered.size(), 1); // small: applied at once
    QCOMPARE(model.rowCount(), 20);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.index(row, 0).data(TimelineModel::KindRole).toString(), u"comment"_s);

    TimelineFilter byAuthor;
    byAuthor.author = u"analyst1@example.com"_s;
    model.setFilter(byAuthor);
    QCOMPARE(model.rowCount(), 47); // i % 3 == 1 for i < 140
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.entry(row).author, byAuthor.author);

    TimelineFilter bySearch;
    bySearch.search = u"ENTRY 13 "_s.trimmed(); // case-insensitive: 13, 130..139
    model.setFilter(bySearch);
    QCOMPARE(model.rowCount(), 11);

    TimelineFilter both = byKind;
    both.author = u"analyst0@example.com"_s; // comment: i % 7 == 0; author: i % 3 == 0
    model.setFilter(both);
    QCOMPARE(model.rowCount(), 7); // i % 21 == 0
    model.setFilter({});
    QCOMPARE(model.rowCount(), 140);
    QCOMPARE(model.rowOfSeq(model.entry(139).seq), 139);
}

void TimelineModelTest::largeTimelineFiltersOnAWorker()
{
    QString error;
    const int count = TimelineModel::SyncFilterLimit * 3;
    QVERIFY(warroom::test::seedTimeline(*m_db, u"big"_s, count, 1000, &error));
    TimelineModel model(m_db.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &TimelineModel::loaded);
    model.setCaseId(u"big"_s);
    QVERIFY(loaded.wait(20000));
    QCOMPARE(model.rowCount(), count);

    QSignalSpy filtered(&model, &TimelineModel::filtered);
    TimelineFilter filter;
    filter.kinds = {u"status"_s};
    model.setFilter(filter);
    QCOMPARE(model.rowCount(), count); // not yet: the worker filters
    QVERIFY(filtered.wait(10000));
    QCOMPARE(model.rowCount(), (count - 1 - 1) / 7 + 1); // i % 7 == 1
    // Two quick changes: only the last one's result is applied.
    filtered.clear();
    filter.kinds = {u"comment"_s};
    model.setFilter(filter);
    filter.kinds.clear();
    filter.search = u"Entry 1234 "_s.trimmed();
    model.setFilter(filter);
    QVERIFY(filtered.wait(10000));
    QTest::qWait(100);
    QCOMPARE(filtered.size(), 1);
    QCOMPARE(model.rowCount(), 11); // 1234 and 12340..12349
}

void TimelineModelTest::lowerBoundFindsTimes()
{
    QString error;
    QVERIFY(warroom::test::seedTimeline(*m_db, u"c1"_s, 70, 60000, &error));
    TimelineModel model(m_db.get());
    model.setCaseId(u"c1"_s);
    QVERIFY(model.reloadNow(&error));
    const qint64 base = warroom::test::timelineEpochMs();
    QCOMPARE(model.lowerBound(base - 1), 0);
    QCOMPARE(model.lowerBound(model.lastTimeMs() + 1), model.rowCount());
    const int row = model.lowerBound(base + 30 * 60000);
    QVERIFY(model.entry(row).timeMs >= base + 30 * 60000);
    QVERIFY(row == 0 || model.entry(row - 1).timeMs < base + 30 * 60000);
}

void TimelineModelTest::verificationNamesTheFirstBadEntry()
{
    QString error;
    QVERIFY(warroom::test::seedTimeline(*m_db, u"c1"_s, 50, 60000, &error));
    TimelineModel model(m_db.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCaseId(u"c1"_s);
    QVERIFY(model.reloadNow(&error));
    QSignalSpy verified(&model, &TimelineModel::verified);
    model.verify();
    QVERIFY(verified.wait(10000));
    QVERIFY(model.verification().ok);
    QCOMPARE(model.verification().entries, 50);

    const qint64 badSeq = model.entry(20).seq;
    QVERIFY2(
        warroom::test::execSql(*m_db,
            u"UPDATE timeline SET payload = replace(payload, 'Entry', 'Entrx') WHERE seq = %1"_s
                .arg(badSeq),
            &error),
        qPrintable(error));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.verify();
    QVERIFY(verified.wait(10000));
    QVERIFY(!model.verification().ok);
    QCOMPARE(model.verification().firstBadSeq, badSeq);
    QVERIFY(model.verification().problem.contains(u"Entry %1"_s.arg(badSeq)));
    QVERIFY(!changed.isEmpty());
    const int badRow = model.rowOfSeq(badSeq);
    QVERIFY(model.index(badRow, 0).data(TimelineModel::FirstBadRole).toBool());
    QVERIFY(!model.index(badRow == 0 ? 1 : 0, 0).data(TimelineModel::FirstBadRole).toBool());
}

void TimelineModelTest::analystZoneIsShown()
{
    TimelineChain chain(*m_db);
    TimelineEntry e;
    e.caseId = u"c1"_s;
    e.kind = u"analyst"_s;
    e.occurredAt = QDateTime(QDate(2026, 7, 1), QTime(2, 13), Qt::UTC);
    e.payload = {
        {u"author"_s, u"amy"_s}, {u"text"_s, u"Access key created"_s}, {u"occurredOffset"_s, 7200}};
    QString error;
    QVERIFY(chain.append(&e, &error));
    TimelineModel model(m_db.get());
    model.setCaseId(u"c1"_s);
    QVERIFY(model.reloadNow(&error));
    QCOMPARE(model.index(0, TimelineModel::HappenedColumn).data().toString(),
        u"2026-07-01 04:13:00 UTC+02:00"_s);
}

QTEST_GUILESS_MAIN(TimelineModelTest)
#include "tst_timeline_model.moc"

#include "QueueTestData.h"
#include "itemmodels/FindingDecisions.h"
#include "itemmodels/FindingQueueModel.h"
#include "store/Database.h"

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using itemmodels::FindingQueueFilter;
using itemmodels::FindingQueueModel;

namespace {
constexpr int Findings = 1500;
const QStringList &Accounts = queuetest::accounts();
} // namespace

class TestFindingQueueModel final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Database> m_database;

    static void loadAll(FindingQueueModel &model)
    {
        QTRY_VERIFY(!model.isLoading());
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QTRY_VERIFY(!model.isLoading());
        }
    }

    // The rowids SQL gives for the filter, sorted on the key then rowid: what the model must
    // show, in the same order.
    QList<qint64> expected(const QString &where, const QString &orderBy)
    {
        QSqlQuery query(m_database->reader());
        if (!query.exec(u"SELECT rowid FROM findings WHERE "_s + where + u" ORDER BY "_s + orderBy))
            qFatal("expected query failed");
        QList<qint64> rows;
        while (query.next())
            rows.append(query.value(0).toLongLong());
        return rows;
    }

    static QList<qint64> shown(const FindingQueueModel &model)
    {
        QList<qint64> rows;
        for (int row = 0; row < model.rowCount(); ++row)
            rows.append(model.rowAt(row)->rowid);
        return rows;
    }

    void addFindings(int from, int to)
    {
        QString error;
        QVERIFY2(queuetest::addFindings(*m_database, from, to, &error), qPrintable(error));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_database = store::Database::open(m_dir.filePath(u"queue.sqlite"_s), &error);
        QVERIFY2(m_database, qPrintable(error));
        addFindings(0, Findings);
    }

    void passesModelTesterWhileWindowsLoad()
    {
        FindingQueueModel model(*m_database);
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(true);
        loadAll(model);
        QVERIFY(model.atEnd());
        FindingQueueFilter filter;
        filter.groupRepeats = false;
        filter.sortKey = FindingQueueFilter::SortKey::LastSeen;
        model.setFilter(filter);
        loadAll(model);
        QCOMPARE(model.rowCount(), expected(u"verdict = 'Queued'"_s, u"rowid"_s).size());
        QVERIFY(!QTest::currentTestFailed());
    }

    void sortsAndFiltersInSql_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QString>("orderBy");
        QTest::newRow("severity desc")
            << int(FindingQueueModel::SeverityColumn) << true << u"severity DESC, rowid DESC"_s;
        QTest::newRow("severity asc")
            << int(FindingQueueModel::SeverityColumn) << false << u"severity ASC, rowid ASC"_s;
        QTest::newRow("type asc") << int(FindingQueueModel::TypeColumn) << false
                                  << u"type ASC, rowid ASC"_s;
        QTest::newRow("account desc")
            << int(FindingQueueModel::AccountColumn) << true << u"account_id DESC, rowid DESC"_s;
        // last_seen has NULLs: they come first ascending and last descending, across windows.
        QTest::newRow("last seen desc")
            << int(FindingQueueModel::LastSeenColumn) << true << u"last_seen DESC, rowid DESC"_s;
        QTest::newRow("last seen asc")
            << int(FindingQueueModel::LastSeenColumn) << false << u"last_seen ASC, rowid ASC"_s;
    }
    void sortsAndFiltersInSql()
    {
        QFETCH(int, column);
        QFETCH(bool, descending);
        QFETCH(QString, orderBy);
        FindingQueueModel model(*m_database);
        FindingQueueFilter filter;
        filter.groupRepeats = false;
        filter.verdict = std::nullopt;
        model.setFilter(filter);
        model.sort(column, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        loadAll(model);
        QCOMPARE(shown(model), expected(u"1"_s, orderBy));

        filter = model.filter();
        filter.verdict = domain::Verdict::Queued;
        filter.accountId = Accounts.at(1);
        filter.minSeverity = 5.0;
        model.setFilter(filter);
        loadAll(model);
        const auto rows = expected(
            u"verdict = 'Queued' AND account_id = '222222222222' AND severity >= 5"_s, orderBy);
        QVERIFY(rows.size() > 50);
        QCOMPARE(shown(model), rows);
        QTRY_COMPARE(model.totalCount(), rows.size());
    }

    void groupsRepeatsByFingerprint()
    {
        // Mark later findings of a fingerprint as repeats, as the engine does.
        QString error;
        QVERIFY(m_database->write(
            [](QSqlDatabase &connection, QString *) {
                QSqlQuery query(connection);
                return query.exec(u"UPDATE findings SET verdict_rule = 'repeat-of:' || "
                                  u"(SELECT MIN(g.id) FROM findings g WHERE g.fingerprint = "
                                  u"findings.fingerprint) WHERE id <> (SELECT MIN(g.id) FROM "
                                  u"findings g WHERE g.fingerprint = findings.fingerprint)"_s);
            },
            &error));
        FindingQueueModel model(*m_database);
        FindingQueueFilter filter;
        filter.verdict = std::nullopt;
        model.setFilter(filter);
        loadAll(model);
        const qint64 fingerprints = expected(u"1 GROUP BY fingerprint"_s, u"1"_s).size();
        QCOMPARE(model.rowCount(), fingerprints);
        qint64 total = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            total += model.index(row, FindingQueueModel::RepeatsColumn).data().toLongLong();
        QCOMPARE(total, qint64(Findings));
        // Undo the marking for the other tests.
        QVERIFY(m_database->write(
            [](QSqlDatabase &connection, QString *) {
                QSqlQuery query(connection);
                return query.exec(u"UPDATE findings SET verdict_rule = 'default' WHERE "
                                  u"verdict_rule LIKE 'repeat-of:%'"_s);
            },
            &error));
    }

    void findsTextThroughFts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("where");
        QTest::addColumn<int>("drivenLimit");
        QTest::newRow("rare word") << u"zebra"_s << u"description LIKE '%zebra%'"_s << 20000;
        QTest::newRow("prefix of last word")
            << u"zeb"_s << u"description LIKE '%zebra%'"_s << 20000;
        QTest::newRow("common word, read and sorted")
            << u"Recon"_s << u"type LIKE 'Recon:%'"_s << 20000;
        QTest::newRow("common word, walks the sort index")
            << u"Recon"_s << u"type LIKE 'Recon:%'"_s << 10;
        QTest::newRow("rare word, walks the sort index")
            << u"zebra"_s << u"description LIKE '%zebra%'"_s << 0;
        QTest::newRow("two words")
            << u"finding 77"_s << u"title LIKE 'Finding number 77%'"_s << 20000;
        QTest::newRow("quotes are not syntax")
            << u"\"zebra"_s << u"description LIKE '%zebra%'"_s << 20000;
    }
    void findsTextThroughFts()
    {
        QFETCH(QString, text);
        QFETCH(QString, where);
        QFETCH(int, drivenLimit);
        FindingQueueModel model(*m_database);
        model.setTextDrivenLimit(drivenLimit);
        FindingQueueFilter filter;
        filter.verdict = std::nullopt;
        filter.groupRepeats = false;
        filter.text = text;
        model.setFilter(filter);
        loadAll(model);
        QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
        QCOMPARE(shown(model), expected(where, u"severity DESC, rowid DESC"_s));
    }

    void dropsAnswersOfReplacedFilters()
    {
        FindingQueueModel model(*m_database);
        QSignalSpy loaded(&model, &FindingQueueModel::windowLoaded);
        FindingQueueFilter filter;
        filter.groupRepeats = false;
        filter.verdict = std::nullopt;
        // Three filters in a row before any answer: only the last one may show.
        for (const QString &account : Accounts) {
            filter.accountId = account;
            model.setFilter(filter);
        }
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(loaded.size(), 1);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowAt(row)->accountId, Accounts.last());
    }

    void decisionsPatchRowsInPlaceAndUndo()
    {
        FindingQueueModel model(*m_database);
        FindingQueueFilter filter;
        filter.groupRepeats = false;
        model.setFilter(filter);
        QTRY_VERIFY(model.rowCount() > 10);
        const QStringList ids = {model.findingId(2), model.findingId(5)};
        itemmodels::FindingDecisions decisions(*m_database);
        QString error;
        QVERIFY2(decisions.setVerdict(ids, domain::Verdict::Suppressed, u"analyst:ana"_s, &error),
            qPrintable(error));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateRows(ids, u"Suppressed"_s, u"analyst:ana"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.findingId(2), ids.at(0)); // the row stays where it was
        QCOMPARE(
            model.index(2, FindingQueueModel::VerdictColumn).data().toString(), u"Suppressed"_s);
        QVERIFY(decisions.assign(ids, u"ana"_s, &error));
        auto stored = decisions.states(ids, &error);
        QVERIFY(stored && stored->size() == 2);
        QCOMPARE(stored->at(0).verdict, u"Suppressed"_s);
        QCOMPARE(stored->at(1).assignee, u"ana"_s);

        QVERIFY(decisions.canUndo());
        QVERIFY(decisions.undo(&error)); // the assignment
        QVERIFY(decisions.undo(&error)); // the verdict
        QVERIFY(!decisions.canUndo());
        stored = decisions.states(ids, &error);
        QCOMPARE(stored->at(0).verdict, u"Queued"_s);
        QCOMPARE(stored->at(0).verdictRule, u"default"_s);
        QCOMPARE(stored->at(1).assignee, QString());
    }

    void countsNewFindingsInsteadOfInsertingThem()
    {
        FindingQueueModel model(*m_database);
        QTRY_VERIFY(model.totalCount() >= 0);
        const int before = model.rowCount();
        const QString top = model.findingId(0);
        addFindings(Findings, Findings + 40);
        QSignalSpy newCount(&model, &FindingQueueModel::newFindingsChanged);
        model.checkForNewFindings();
        QTRY_COMPARE(model.newFindings(),
            expected(u"rowid > (SELECT MAX(rowid) - 40 FROM findings) AND verdict = 'Queued' AND "
                     u"verdict_rule NOT LIKE 'repeat-of:%'"_s,
                u"1"_s)
                .size());
        QVERIFY(model.newFindings() > 0);
        QCOMPARE(model.rowCount(), before); // nothing moved under the cursor
        QCOMPARE(model.findingId(0), top);
        model.refresh();
        QTRY_VERIFY(model.totalCount() >= 0);
        QCOMPARE(model.newFindings(), 0);
    }

    void savedFilterJsonRoundTrips()
    {
        FindingQueueFilter filter;
        filter.text = u"zebra"_s;
        filter.verdict = domain::Verdict::Escalated;
        filter.minSeverity = 7;
        filter.source = domain::FindingSource::SecurityHub;
        filter.accountId = Accounts.at(0);
        filter.assignee = u"ana"_s;
        filter.groupRepeats = false;
        filter.sortKey = FindingQueueFilter::SortKey::LastSeen;
        filter.descending = false;
        QVERIFY(FindingQueueFilter::fromJson(filter.toJson()) == filter);
        filter.verdict = std::nullopt;
        QVERIFY(FindingQueueFilter::fromJson(filter.toJson()) == filter);
        // Bad members fall back to defaults.
        const auto fallback = FindingQueueFilter::fromJson(
            QJsonObject {{u"sortKey"_s, u"nonsense"_s}, {u"minSeverity"_s, 99}, {u"verdict"_s, 3}});
        QVERIFY(fallback.sortKey == FindingQueueFilter::SortKey::Severity);
        QCOMPARE(fallback.minSeverity, 10.0);
    }

    void ftsQueryQuotesWords()
    {
        QCOMPARE(itemmodels::ftsQueryFromText(u"  10.0.0.5  back\"door "_s),
            u"\"10.0.0.5\" \"back\"\"door\"*"_s);
        QCOMPARE(itemmodels::ftsQueryFromText(u"   "_s), QString());
    }
};

QTEST_GUILESS_MAIN(TestFindingQueueModel)
#include "tst_findingqueuemodel.moc"

// CaseListModel over a real workspace store under QAbstractItemModelTester while the
// store changes the way sync changes it: cases pulled in, updated, removed, and a case
// made offline taking the backend's ID. After every step the rows equal the store, rows
// keep their place, and no reset is ever emitted.
#include "domain/Case.h"
#include "itemmodels/CaseListModel.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QTemporaryDir>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using itemmodels::CaseListModel;

namespace {

domain::Case makeCase(const QString &id, const QString &title, domain::CaseStatus status)
{
    domain::Case c;
    c.caseId = id;
    c.title = title;
    c.description = u"Described"_s;
    c.caseStatus = status;
    c.engagementType = domain::EngagementType::SecurityIncident;
    c.resolverType = domain::ResolverType::Self;
    c.reportedIncidentStartDate = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC);
    c.createdDate = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    c.lastUpdatedDate = c.createdDate;
    c.impactedAccounts = {u"111122223333"_s};
    c.watchers = {{u"ir@example.com"_s, QString(), QString()}};
    return c;
}

bool writeCase(store::Database &db, const domain::Case &c, QString *error)
{
    return db.write([&](QSqlDatabase &connection,
                        QString *e) { return store::CaseRepository(connection).upsert(c, e); },
        error);
}

bool removeCase(store::Database &db, const QString &id, QString *error)
{
    return db.write([&](QSqlDatabase &connection,
                        QString *e) { return store::CaseRepository(connection).remove(id, e); },
        error);
}

} // namespace

class TestCaseListModel final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;

    store::Database &db() { return m_workspace->database(); }

    // The model's rows are exactly the store's cases, each with the store's summary.
    void compareWithStore(const CaseListModel &model)
    {
        QString error;
        const QList<domain::CaseSummary> stored
            = store::CaseRepository(db().reader()).listSummaries({}, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(model.rowCount(), int(stored.size()));
        for (const domain::CaseSummary &s : stored) {
            const int row = model.rowOf(s.caseId);
            QVERIFY2(row >= 0, qPrintable(s.caseId));
            QVERIFY2(model.summary(row) == s, qPrintable(s.caseId));
            QCOMPARE(model.index(row, CaseListModel::TitleColumn).data().toString(), s.title);
        }
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_workspace.reset();
        QVERIFY(QDir(m_dir.path()).removeRecursively());
        QVERIFY(QDir().mkpath(m_dir.path()));
        m_workspace = store::Workspace::open(m_dir.path(), &error);
        QVERIFY2(m_workspace, qPrintable(error));
    }

    void columnsAndRoles()
    {
        QString error;
        QVERIFY(writeCase(
            db(), makeCase(u"1000000001"_s, u"Phishing"_s, domain::CaseStatus::Submitted), &error));
        QVERIFY(writeCase(db(),
            makeCase(u"local-7f3a"_s, u"Made offline"_s, domain::CaseStatus::Submitted), &error));
        CaseListModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(model.reload(&error), qPrintable(error));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(CaseListModel::ColumnCount));
        const int row = model.rowOf(u"1000000001"_s);
        QCOMPARE(model.index(row, CaseListModel::StatusColumn).data().toString(), u"Submitted"_s);
        QCOMPARE(model.index(row, CaseListModel::ResolverColumn).data().toString(), u"Self"_s);
        QCOMPARE(model.index(row, 0).data(CaseListModel::ProvisionalRole).toBool(), false);
        QCOMPARE(model.index(model.rowOf(u"local-7f3a"_s), 0)
                     .data(CaseListModel::ProvisionalRole)
                     .toBool(),
            true);
        QCOMPARE(
            model.headerData(CaseListModel::TitleColumn, Qt::Horizontal).toString(), u"Title"_s);
    }

    // New cases arrive as one insert of rows, on the first load and on a later reload
    // (one insert per case kept the timeline's case picker busy 0.1 s with 100,000).
    void newCasesAreInsertedAtOnce()
    {
        const auto writeCases = [this](int from, int to) {
            QString error;
            for (int i = from; i < to; ++i) {
                if (!writeCase(db(),
                        makeCase(QString::number(1000000100 + i), u"Case %1"_s.arg(i),
                            domain::CaseStatus::Submitted),
                        &error))
                    return false;
            }
            return true;
        };
        QVERIFY(writeCases(0, 40));
        CaseListModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reloaded(&model, &CaseListModel::reloaded);
        model.reloadInBackground();
        QVERIFY(reloaded.wait());
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 39);
        compareWithStore(model);

        QVERIFY(writeCases(40, 70));
        model.reloadInBackground();
        QVERIFY(reloaded.wait());
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 40);
        QCOMPARE(inserted.at(1).at(2).toInt(), 69);
        compareWithStore(model);
    }

    void replaceProvisionalIdKeepsRow()
    {
        QString error;
        QVERIFY(writeCase(
            db(), makeCase(u"1000000001"_s, u"A"_s, domain::CaseStatus::Submitted), &error));
        QVERIFY(writeCase(
            db(), makeCase(u"local-1"_s, u"Offline"_s, domain::CaseStatus::Submitted), &error));
        CaseListModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.reload(&error));
        const int row = model.rowOf(u"local-1"_s);
        QVERIFY(row >= 0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        // The engine renames the case in the store, then tells the model.
        QVERIFY(removeCase(db(), u"local-1"_s, &error));
        QVERIFY(writeCase(
            db(), makeCase(u"1234567890"_s, u"Offline"_s, domain::CaseStatus::Submitted), &error));
        model.replaceCaseId(u"local-1"_s, u"1234567890"_s);
        QCOMPARE(model.rowOf(u"1234567890"_s), row);
        QCOMPARE(model.rowOf(u"local-1"_s), -1);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.reload(&error));
        QCOMPARE(removed.size(), 0);
        compareWithStore(model);
    }

    // 600 random changes as a pull and the outbox would make them, with reload() and
    // refreshCase() interleaved; never a reset, rows never reorder.
    void randomChangesWhileSyncing()
    {
        QString error;
        CaseListModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);
        QRandomGenerator random(20261122);
        QStringList ids;
        int next = 0;
        const QList<domain::CaseStatus> statuses = domain::allValues<domain::CaseStatus>();
        for (int step = 0; step < 600; ++step) {
            const int op = int(random.bounded(10));
            QString touched;
            if (op < 4 || ids.isEmpty()) {
                const QString id = QStringLiteral("1%1").arg(next++, 9, 10, QChar(u'0'));
                QVERIFY2(writeCase(db(),
                             makeCase(id, QStringLiteral("Case %1").arg(id),
                                 statuses.at(int(random.bounded(qsizetype(statuses.size()))))),
                             &error),
                    qPrintable(error));
                ids.append(id);
                touched = id;
            } else if (op < 8) {
                const QString id = ids.at(int(random.bounded(qsizetype(ids.size()))));
                domain::Case c = makeCase(id, QStringLiteral("Edited %1 at %2").arg(id).arg(step),
                    statuses.at(int(random.bounded(qsizetype(statuses.size())))));
                c.lastUpdatedDate = c.createdDate.addSecs(step);
                QVERIFY2(writeCase(db(), c, &error), qPrintable(error));
                touched = id;
            } else {
                const QString id = ids.takeAt(int(random.bounded(qsizetype(ids.size()))));
                QVERIFY2(removeCase(db(), id, &error), qPrintable(error));
                touched = id;
            }
            // The view order the user sees before this step's update.
            QStringList before;
            for (int r = 0; r < model.rowCount(); ++r)
                before.append(model.summary(r).caseId);
            if (random.bounded(2) == 0)
                QVERIFY2(model.refreshCase(touched, &error), qPrintable(error));
            else
                QVERIFY2(model.reload(&error), qPrintable(error));
            QStringList after;
            for (int r = 0; r < model.rowCount(); ++r)
                after.append(model.summary(r).caseId);
            before.removeAll(touched);
            after.removeAll(touched);
            QCOMPARE(after.mid(0, before.size()), before); // no reordering of other rows
            compareWithStore(model);
        }
        QCOMPARE(resets.size(), 0);
        QCOMPARE(moves.size(), 0);
        QVERIFY(model.rowCount() > 50);
    }
};

QTEST_GUILESS_MAIN(TestCaseListModel)
#include "tst_sync_caselistmodel.moc"

// The board's item models over a real workspace store: every card field, the columns,
// filters, sorts, drag data, the status graph of a drop, async loading, and all of it
// under QAbstractItemModelTester.
#include "CaseBoardTestSupport.h"
#include "itemmodels/CaseBoardColumnModel.h"
#include "itemmodels/CaseBoardModel.h"

#include <QtCore/QMimeData>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace warroom;
using namespace warroom::itemmodels;
using domain::CaseStatus;
using domain::ResolverType;
using Kind = CaseMoveCheck::Kind;

Q_DECLARE_METATYPE(domain::CaseStatus)

class TestCaseBoardModel final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;

    store::Database &db() { return m_workspace->database(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_workspace = store::Workspace::open(m_dir.path(), &error);
        QVERIFY2(m_workspace, qPrintable(error));
        QList<domain::Case> cases;
        // One self-managed case per status, one AWS case, and a customer-pending one.
        int n = 0;
        for (CaseStatus s : domain::allValues<CaseStatus>())
            cases.append(
                test::boardCase(QStringLiteral("10000000%1").arg(n++, 2, 10, QChar(u'0')), s));
        domain::Case aws = test::boardCase(u"2000000001"_s, CaseStatus::Acknowledged,
            ResolverType::AWS, u"Ransom note on file server"_s);
        aws.pendingAction = domain::PendingAction::Customer;
        aws.engagementType = domain::EngagementType::Investigation;
        aws.watchers = {{u"Alice@Example.com"_s, u"Alice Ng"_s, u"IR lead"_s},
            {u"bob@example.com"_s, QString(), QString()}};
        aws.createdDate = test::boardEpoch().addDays(-3);
        aws.lastUpdatedDate = test::boardEpoch().addSecs(-5 * 3600);
        cases.append(aws);
        QVERIFY2(test::storeCases(db(), cases, &error), qPrintable(error));
        QVERIFY2(test::storeLinkedFinding(db(), u"f-low"_s, u"2000000001"_s, 2.0, &error),
            qPrintable(error));
        QVERIFY2(test::storeLinkedFinding(db(), u"f-high"_s, u"2000000001"_s, 8.5, &error),
            qPrintable(error));
    }

    void cardFields()
    {
        CaseBoardModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNow(test::boardEpoch());
        QVERIFY(model.reloadNow());
        QCOMPARE(model.rowCount(), 8);
        const QModelIndex aws = model.indexOf(u"2000000001"_s);
        QVERIFY(aws.isValid());
        QCOMPARE(aws.data(CaseBoardModel::TitleRole).toString(), u"Ransom note on file server"_s);
        QCOMPARE(aws.data(CaseBoardModel::EngagementTextRole).toString(), u"Investigation"_s);
        QCOMPARE(aws.data(CaseBoardModel::ResolverTextRole).toString(), u"AWS"_s);
        QCOMPARE(aws.data(CaseBoardModel::PendingCustomerRole).toBool(), true);
        QCOMPARE(aws.data(CaseBoardModel::AgeTextRole).toString(), u"3 d"_s);
        QCOMPARE(aws.data(CaseBoardModel::UpdatedTextRole).toString(), u"5 h"_s);
        QCOMPARE(aws.data(CaseBoardModel::WatcherCountRole).toInt(), 2);
        QCOMPARE(
            aws.data(CaseBoardModel::WatchersTextRole).toString(), u"Alice Ng, bob@example.com"_s);
        QCOMPARE(aws.data(CaseBoardModel::LinkedFindingsRole).toInt(), 2);
        QCOMPARE(aws.data(CaseBoardModel::SeverityTextRole).toString(), u"High"_s);
        QCOMPARE(aws.data(CaseBoardModel::ReadOnlyRole).toBool(), true);
        QVERIFY(!(model.flags(aws) & Qt::ItemIsDragEnabled));
        const QModelIndex plain = model.indexOf(u"1000000000"_s);
        QCOMPARE(plain.data(CaseBoardModel::SeverityRole).toInt(), -1);
        QCOMPARE(plain.data(CaseBoardModel::PendingCustomerRole).toBool(), false);
        QVERIFY(model.flags(plain) & Qt::ItemIsDragEnabled);
    }

    void columnsFiltersAndSorts()
    {
        CaseBoardModel model(&db());
        QVERIFY(model.reloadNow());
        std::vector<std::unique_ptr<CaseBoardColumnModel>> columns;
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        int total = 0;
        for (CaseStatus s : domain::allValues<CaseStatus>()) {
            columns.push_back(std::make_unique<CaseBoardColumnModel>(&model, s));
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                columns.back().get(), QAbstractItemModelTester::FailureReportingMode::QtTest));
            total += columns.back()->rowCount();
        }
        QCOMPARE(total, 8);
        CaseBoardColumnModel &acknowledged = *columns[size_t(CaseStatus::Acknowledged)];
        QCOMPARE(acknowledged.rowCount(), 2);

        CaseBoardFilter filter;
        filter.resolver = ResolverType::AWS;
        acknowledged.setFilter(filter);
        QCOMPARE(acknowledged.rowCount(), 1);
        filter = {};
        filter.customerActionPendingOnly = true;
        acknowledged.setFilter(filter);
        QCOMPARE(acknowledged.caseIdAt(0), u"2000000001"_s);
        QCOMPARE(acknowledged.rowCount(), 1);
        filter = {};
        filter.watcher = u"alice"_s;
        acknowledged.setFilter(filter);
        QCOMPARE(acknowledged.rowCount(), 1);
        filter.watcher = u"carol"_s;
        acknowledged.setFilter(filter);
        QCOMPARE(acknowledged.rowCount(), 0);
        filter = {};
        filter.text = u"RANSOM"_s;
        acknowledged.setFilter(filter);
        QCOMPARE(acknowledged.rowCount(), 1);
        filter.text = u"1000000001"_s; // by case ID
        acknowledged.setFilter(filter);
        QCOMPARE(acknowledged.caseIdAt(0), u"1000000001"_s);
        filter = {};
        filter.engagementType = domain::EngagementType::Investigation;
        acknowledged.setFilter(filter);
        QCOMPARE(acknowledged.rowCount(), 1);
        acknowledged.setFilter({});

        // Sorts: the AWS case is older, less recently updated, and has findings.
        acknowledged.setOrder(CaseBoardSort::Oldest);
        QCOMPARE(acknowledged.caseIdAt(0), u"2000000001"_s);
        acknowledged.setOrder(CaseBoardSort::Newest);
        QCOMPARE(acknowledged.caseIdAt(0), u"1000000001"_s);
        acknowledged.setOrder(CaseBoardSort::LastUpdated);
        QCOMPARE(acknowledged.caseIdAt(0), u"1000000001"_s);
        acknowledged.setOrder(CaseBoardSort::Severity);
        QCOMPARE(acknowledged.caseIdAt(0), u"2000000001"_s);
        acknowledged.setOrder(CaseBoardSort::Title);
        QCOMPARE(acknowledged.caseIdAt(0), u"1000000001"_s); // "Case ..." < "Ransom ..."
    }

    void refreshMovesACardBetweenColumns()
    {
        CaseBoardModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.reloadNow());
        CaseBoardColumnModel submitted(&model, CaseStatus::Submitted);
        CaseBoardColumnModel detection(&model, CaseStatus::DetectionAndAnalysis);
        QAbstractItemModelTester t1(
            &submitted, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(
            &detection, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(submitted.rowCount(), 1);
        QCOMPARE(detection.rowCount(), 1);

        domain::Case moved = test::boardCase(u"1000000000"_s, CaseStatus::DetectionAndAnalysis);
        QString error;
        QVERIFY2(test::storeCases(db(), {moved}, &error), qPrintable(error));
        QVERIFY(model.refreshCase(u"1000000000"_s));
        QCOMPARE(submitted.rowCount(), 0);
        QCOMPARE(detection.rowCount(), 2);

        // A new case appears, a removed one goes.
        QVERIFY2(test::storeCases(
                     db(), {test::boardCase(u"3000000001"_s, CaseStatus::Submitted)}, &error),
            qPrintable(error));
        QVERIFY(model.refreshCase(u"3000000001"_s));
        QCOMPARE(submitted.rowCount(), 1);
        QVERIFY(db().write(
            [](QSqlDatabase &c, QString *e) {
                return store::CaseRepository(c).remove(u"3000000001"_s, e);
            },
            &error));
        QVERIFY(model.refreshCase(u"3000000001"_s));
        QCOMPARE(submitted.rowCount(), 0);
        QCOMPARE(model.rowOf(u"3000000001"_s), -1);

        // An offline ID replaced by the server's.
        model.replaceCaseId(u"1000000000"_s, u"1000000099"_s);
        QCOMPARE(model.rowOf(u"1000000000"_s), -1);
        QVERIFY(model.rowOf(u"1000000099"_s) >= 0);

        // Put the first case back where it was for the other tests.
        QVERIFY(test::storeCases(
            db(), {test::boardCase(u"1000000000"_s, CaseStatus::Submitted)}, &error));
    }

    void asyncReloadDropsStaleLoads()
    {
        CaseBoardModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &CaseBoardModel::loaded);
        model.reload();
        model.reload(); // the first result is stale and dropped
        QVERIFY(model.isLoading());
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(loaded.first().at(1).toInt(), model.rowCount());
        QVERIFY(model.rowCount() >= 8);
        QVERIFY(!model.isLoading());
        QTest::qWait(50);
        QCOMPARE(loaded.count(), 1);
    }

    // A reload that finds one case changed touches that card only.
    void reloadReplacesOnlyChangedCards()
    {
        CaseBoardModel model(&db());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.reloadNow());
        CaseBoardColumnModel post(&model, CaseStatus::PostIncidentActivities);
        QCOMPARE(post.rowCount(), 1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QVERIFY(model.reloadNow()); // nothing changed
        QCOMPARE(changed.count(), 0);
        QString error;
        QVERIFY(test::storeCases(
            db(), {test::boardCase(u"1000000003"_s, CaseStatus::PostIncidentActivities)}, &error));
        QSignalSpy loaded(&model, &CaseBoardModel::loaded);
        model.reload();
        QVERIFY(loaded.wait(5000));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(
            changed.first().at(0).value<QModelIndex>().data(CaseBoardModel::CaseIdRole).toString(),
            u"1000000003"_s);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(post.rowCount(), 2);
        QVERIFY(test::storeCases(db(),
            {test::boardCase(u"1000000003"_s, CaseStatus::ContainmentEradicationAndRecovery)},
            &error));
    }

    void dragDataCarriesCaseIds()
    {
        CaseBoardModel model(&db());
        QVERIFY(model.reloadNow());
        std::unique_ptr<QMimeData> data(
            model.mimeData({model.indexOf(u"1000000002"_s), model.indexOf(u"1000000003"_s)}));
        QVERIFY(data);
        QVERIFY(data->hasFormat(CaseBoardModel::mimeType()));
        QCOMPARE(CaseBoardModel::caseIdsFrom(data.get()),
            QStringList({u"1000000002"_s, u"1000000003"_s}));

        CaseBoardColumnModel containment(&model, CaseStatus::ContainmentEradicationAndRecovery);
        QSignalSpy requested(&containment, &CaseBoardColumnModel::moveRequested);
        QVERIFY(containment.canDropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
        QVERIFY(!containment.dropMimeData(data.get(), Qt::MoveAction, -1, -1, {}));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.first().at(0).toStringList(), CaseBoardModel::caseIdsFrom(data.get()));
        // Dropping a card on its own column is no drop at all.
        std::unique_ptr<QMimeData> own(CaseBoardModel::mimeDataFor({u"1000000003"_s}));
        QVERIFY(!containment.canDropMimeData(own.get(), Qt::MoveAction, -1, -1, {}));
        // Foreign data is refused.
        QMimeData text;
        text.setText(u"1000000002"_s);
        QVERIFY(!containment.canDropMimeData(&text, Qt::MoveAction, -1, -1, {}));
    }

    void statusGraph_data()
    {
        QTest::addColumn<CaseStatus>("from");
        QTest::addColumn<CaseStatus>("to");
        QTest::addColumn<int>("kind");
        using S = CaseStatus;
        const auto all = domain::allValues<S>();
        for (S from : all) {
            for (S to : all) {
                int kind;
                if (from == to)
                    kind = int(Kind::NoChange);
                else if (from == S::Closed)
                    kind = int(Kind::Refused);
                else if (to == S::Closed)
                    kind = int(Kind::Close);
                else if (domain::isSelfManagedTransitionAllowed(from, to))
                    kind = int(Kind::UpdateStatus);
                else
                    kind = int(Kind::Refused);
                QTest::addRow("%s -> %s", qPrintable(domain::toString(from)),
                    qPrintable(domain::toString(to)))
                    << from << to << kind;
            }
        }
    }

    void statusGraph()
    {
        QFETCH(CaseStatus, from);
        QFETCH(CaseStatus, to);
        QFETCH(int, kind);
        CaseBoardCard card;
        card.caseId = u"1234567890"_s;
        card.status = from;
        const CaseMoveCheck check = checkCaseMove(card, to);
        QCOMPARE(int(check.kind), kind);
        QCOMPARE(check.reason.isEmpty(), check.kind != Kind::Refused);
        if (check.kind == Kind::Refused && from != CaseStatus::Closed)
            QVERIFY2(check.reason.contains(domain::toString(to)), qPrintable(check.reason));
        QCOMPARE(allowedCaseMoves(card).contains(to), check.isAccepted());
        // The same move of an AWS-supported case is always refused, naming the reason.
        card.resolver = ResolverType::AWS;
        const CaseMoveCheck aws = checkCaseMove(card, to);
        if (from != to) {
            QVERIFY(aws.kind == Kind::Refused);
            QVERIFY(aws.reason.contains(from == CaseStatus::Closed ? u"closed"_s : u"AWS"_s));
        }
    }

    void shortDurations()
    {
        const QDateTime t = test::boardEpoch();
        QCOMPARE(shortDuration(t, t.addSecs(45)), u"45 s"_s);
        QCOMPARE(shortDuration(t, t.addSecs(12 * 60)), u"12 min"_s);
        QCOMPARE(shortDuration(t, t.addSecs(5 * 3600)), u"5 h"_s);
        QCOMPARE(shortDuration(t, t.addDays(3)), u"3 d"_s);
        QCOMPARE(shortDuration(t, t.addDays(21)), u"3 wk"_s);
        QCOMPARE(shortDuration(t, t.addDays(-1)), u"0 s"_s);
        QCOMPARE(shortDuration(QDateTime(), t), QString());
    }
};

QTEST_GUILESS_MAIN(TestCaseBoardModel)
#include "tst_caseboard_model.moc"

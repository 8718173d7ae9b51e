// CaseListModel under QAbstractItemModelTester while the real SyncEngine changes the
// store: console A and console B on one warroom-server (loopback), the model over B's
// store wired to B's engine. Cases made in A arrive through B's pull, cases made in B
// appear with their provisional ID and keep their row when the backend's ID replaces it.
#include "SyncConsole.h"
#include "SyncTestSupport.h"

#include "../awsclient/WarroomServerProcess.h"
#include "itemmodels/CaseListModel.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/Workspace.h"
#include "sync/HttpBackend.h"
#include "sync/SyncEngine.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

using namespace warroom;
using itemmodels::CaseListModel;
using warroom::test::WarroomServerProcess;

namespace {

using Console = test::SyncConsole;

// True when the model shows exactly the store's cases with the store's summaries.
bool matchesStore(const CaseListModel &model, store::Database &db)
{
    const QList<domain::CaseSummary> stored = store::CaseRepository(db.reader()).listSummaries();
    if (model.rowCount() != stored.size())
        return false;
    for (const domain::CaseSummary &s : stored) {
        const int row = model.rowOf(s.caseId);
        if (row < 0 || model.summary(row) != s)
            return false;
    }
    return true;
}

} // namespace

class TestCaseListModelLive final : public QObject
{
    Q_OBJECT

private slots:
    void followsSyncEngine()
    {
        QTemporaryDir serverDir;
        WarroomServerProcess server(serverDir.path());
        QString error;
        QVERIFY2(server.start({u"--rate"_s, u"0"_s}, &error), qPrintable(error));
        Console a, b;
        QVERIFY2(a.open(server.url(), server.key(), &error), qPrintable(error));
        QVERIFY2(b.open(server.url(), server.key(), &error), qPrintable(error));

        CaseListModel model(&b.workspace->database());
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        connect(&b.engine->changes(), &sync::LocalChanges::caseChanged, &model,
            [&](const QString &id) { model.refreshCase(id); });
        connect(b.engine.get(), &sync::SyncEngine::caseChanged, &model,
            [&](const QString &id) { model.refreshCase(id); });
        connect(b.engine.get(), &sync::SyncEngine::caseIdReplaced, &model,
            &CaseListModel::replaceCaseId);
        connect(b.engine.get(), &sync::SyncEngine::pullFinished, &model, [&] { model.reload(); });
        QVERIFY(model.reload(&error));
        a.engine->start();
        b.engine->start();

        // B makes a case: its row shows at once with the provisional ID and keeps its
        // place when the backend's ID replaces it.
        const QString local
            = b.engine->changes().createCase(test::newCaseRequest(u"Made in B"_s), nullptr, &error);
        QVERIFY2(!local.isEmpty(), qPrintable(error));
        const int row = model.rowOf(local);
        QVERIFY(row >= 0);
        QVERIFY(model.index(row, 0).data(CaseListModel::ProvisionalRole).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(local) < 0, 10000);
        QCOMPARE(model.index(row, CaseListModel::TitleColumn).data().toString(), u"Made in B"_s);
        QVERIFY(!model.index(row, 0).data(CaseListModel::ProvisionalRole).toBool());

        // A makes twenty cases and moves every other one on; B's list follows in place.
        QStringList made;
        for (int i = 0; i < 20; ++i) {
            const QString id = a.engine->changes().createCase(
                test::newCaseRequest(u"Made in A %1"_s.arg(i)), nullptr, &error);
            QVERIFY2(!id.isEmpty(), qPrintable(error));
            made << id;
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 21, 10000);
        const QList<domain::CaseSummary> inA
            = store::CaseRepository(a.workspace->database().reader()).listSummaries();
        for (const domain::CaseSummary &s : inA) {
            if (s.title.startsWith(u"Made in A"_s) && s.title.back().digitValue() % 2 == 0)
                QVERIFY2(a.engine->changes().updateCaseStatus(
                             s.caseId, domain::CaseStatus::DetectionAndAnalysis, &error),
                    qPrintable(error));
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.engine->pendingCount(), 0, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int moved = 0;
                for (int r = 0; r < model.rowCount(); ++r)
                    moved += model.summary(r).caseStatus
                        == std::optional(domain::CaseStatus::DetectionAndAnalysis);
                return moved == 10;
            }(),
            10000);
        QTRY_VERIFY_WITH_TIMEOUT(matchesStore(model, b.workspace->database()), 10000);
        QCOMPARE(model.index(row, CaseListModel::TitleColumn).data().toString(), u"Made in B"_s);
        QCOMPARE(resets.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCaseListModelLive)
#include "tst_sync_caselistmodel_live.moc"

// Case board budget (DESIGN.md section 6): a board of 5,000 cases opens and scrolls with
// no GUI-thread stall over 50 ms. A heartbeat timer on the GUI thread measures the
// longest gap while the board loads, scrolls every column, filters and re-sorts; a bare
// QListView over a QStringListModel of the same 5,000 rows, scrolled the same way, is
// the reference measured in the same run. Prints figures; never fails on speed.
#include "../unit/caseboard/CaseBoardTestSupport.h"
#include "BenchHeartbeat.h"
#include "caseboard/CaseBoardColumn.h"
#include "caseboard/CaseBoardPage.h"
#include "itemmodels/CaseBoardColumnModel.h"
#include "itemmodels/CaseBoardModel.h"

#include <QElapsedTimer>
#include <QtTest>
#include <QtWidgets>

using namespace Qt::StringLiterals;
using namespace warroom;

namespace {

constexpr qint64 StallBudgetMs = 50;
int loadedCount = 0;

using bench::Heartbeat;

void report(const char *what, qint64 ms, qint64 reference = -1)
{
    if (reference >= 0)
        std::printf("  %-52s %6lld ms   (reference %lld ms; budget %lld ms)\n", what,
            static_cast<long long>(ms), static_cast<long long>(reference),
            static_cast<long long>(StallBudgetMs));
    else
        std::printf("  %-52s %6lld ms   (budget %lld ms)\n", what, static_cast<long long>(ms),
            static_cast<long long>(StallBudgetMs));
    std::fflush(stdout);
}

// Scrolls `view` top to bottom a page at a time, painting each step; adds each step's
// time in microseconds to `steps` and returns the slowest in ms.
qint64 scrollThrough(QAbstractItemView *view, QList<qint64> *steps)
{
    QScrollBar *bar = view->verticalScrollBar();
    qint64 slowest = 0;
    for (int value = 0;; value += qMax(1, bar->pageStep())) {
        QElapsedTimer t;
        t.start();
        bar->setValue(qMin(value, bar->maximum()));
        view->viewport()->repaint();
        steps->append(t.nsecsElapsed() / 1000);
        slowest = qMax(slowest, t.elapsed());
        if (value >= bar->maximum())
            break;
    }
    return slowest;
}

QString percentiles(QList<qint64> us)
{
    std::sort(us.begin(), us.end());
    auto at = [&](double q) {
        return double(us.value(int(q * double(us.size() - 1)))) / 1000.0;
    };
    return QStringLiteral("median %1 ms, p95 %2 ms, max %3 ms")
        .arg(at(0.5), 0, 'f', 1)
        .arg(at(0.95), 0, 'f', 1)
        .arg(at(1.0), 0, 'f', 1);
}

} // namespace

class BenchCaseBoard final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    int m_cases = 5000;
    qint64 m_referenceScroll = 0;

private slots:
    void initTestCase()
    {
        if (const int n = qEnvironmentVariableIntValue("WARROOM_BENCH_CASES"); n > 0)
            m_cases = n;
        // The machine is shared: say how loaded it was, since every figure depends on it.
        QFile loadavg(u"/proc/loadavg"_s);
        if (loadavg.open(QIODevice::ReadOnly))
            std::printf("  load average: %s", loadavg.readLine().constData());
        QString error;
        m_workspace = store::Workspace::open(m_dir.path(), &error);
        QVERIFY2(m_workspace, qPrintable(error));
        QList<domain::Case> cases;
        const QList<domain::CaseStatus> statuses = domain::allValues<domain::CaseStatus>();
        for (int i = 0; i < m_cases; ++i) {
            domain::Case c
                = test::boardCase(QString::number(4000000000LL + i), statuses[i % statuses.size()],
                    i % 5 == 0 ? domain::ResolverType::AWS : domain::ResolverType::Self,
                    QStringLiteral("Incident %1: suspicious activity in account %2")
                        .arg(i)
                        .arg(i % 97));
            c.createdDate = test::boardEpoch().addSecs(-60 * i);
            c.lastUpdatedDate = test::boardEpoch().addSecs(-37 * i);
            for (int w = 0; w < i % 4; ++w)
                c.watchers.append(
                    {QStringLiteral("watcher%1@example.com").arg(w), QString(), QString()});
            c.pendingAction
                = i % 3 == 0 ? domain::PendingAction::Customer : domain::PendingAction::None;
            cases.append(c);
        }
        QElapsedTimer t;
        t.start();
        QVERIFY2(test::storeCases(m_workspace->database(), cases, &error), qPrintable(error));
        for (int i = 0; i < 500; ++i)
            QVERIFY(test::storeLinkedFinding(m_workspace->database(), QStringLiteral("f-%1").arg(i),
                QString::number(4000000000LL + i * 7), (i % 100) / 10.0, &error));
        std::printf("  seeded %d cases and 500 linked findings in %lld ms\n", m_cases,
            static_cast<long long>(t.elapsed()));
    }

    void referenceListView()
    {
        QStringList rows;
        for (int i = 0; i < m_cases / 7; ++i)
            rows.append(QStringLiteral("Incident %1: suspicious activity").arg(i));
        QStringListModel model(rows);
        QListView view;
        view.setUniformItemSizes(true);
        view.setModel(&model);
        view.resize(300, 900);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QList<qint64> steps;
        m_referenceScroll = scrollThrough(&view, &steps);
        std::printf("  reference: bare QListView of %lld rows, %lld scroll steps: %s\n",
            static_cast<long long>(rows.size()), static_cast<long long>(steps.size()),
            qPrintable(percentiles(steps)));
    }

    void openAndScroll()
    {
        ui::AreaContext context;
        context.workspace = m_workspace.get();
        Heartbeat heartbeat;
        QElapsedTimer open;
        open.start();
        ui::CaseBoardPage page(context);
        page.resize(1800, 1000);
        page.show();
        const qint64 constructed = open.elapsed();
        QSignalSpy loaded(page.model(), &itemmodels::CaseBoardModel::loaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCoreApplication::processEvents();
        const qint64 shown = open.elapsed();
        QCOMPARE(page.model()->rowCount(), m_cases);
        std::printf("  board of %d cases: constructed in %lld ms, loaded (worker: %lld ms) and "
                    "painted after %lld ms\n",
            m_cases, static_cast<long long>(constructed),
            static_cast<long long>(loaded.first().at(0).toLongLong()),
            static_cast<long long>(shown));
        report("longest GUI-thread stall while opening", heartbeat.longestGapMs());

        qint64 slowest = 0;
        QList<qint64> steps;
        for (domain::CaseStatus s : domain::allValues<domain::CaseStatus>())
            slowest = qMax(slowest, scrollThrough(page.column(s)->view(), &steps));
        std::printf("  scrolled all seven columns in %lld steps: %s\n",
            static_cast<long long>(steps.size()), qPrintable(percentiles(steps)));
        report("slowest scroll step (paint included)", slowest, m_referenceScroll);

        // The model work, then the repaint of the whole board it causes.
        auto timed = [&](const char *what, const std::function<void()> &action) {
            QElapsedTimer t;
            t.start();
            action();
            const qint64 work = t.elapsed();
            page.repaint();
            QCoreApplication::processEvents();
            const qint64 total = t.elapsed();
            report(what, total);
            std::printf("  %-52s %6lld ms model + %lld ms paint\n", "",
                static_cast<long long>(work), static_cast<long long>(total - work));
        };
        // What a repaint of the whole board costs by itself: the floor of every row below.
        timed("repaint the whole board, nothing changed", [] {});
        auto *filter = page.findChild<QLineEdit *>(u"caseFilterEdit"_s);
        QVERIFY(filter);
        timed("filter by text (\"account 42\") over every column",
            [&] { filter->setText(u"account 42"_s); });
        int shownCards = 0;
        for (domain::CaseStatus s : domain::allValues<domain::CaseStatus>())
            shownCards += page.column(s)->model()->rowCount();
        QVERIFY(shownCards > 0 && shownCards < m_cases);
        timed("clear the filter", [&] { filter->clear(); });
        auto *sort = page.findChild<QComboBox *>(u"caseSortCombo"_s);
        timed("re-sort every column by title", [&] { sort->setCurrentIndex(4); });
        timed("re-sort every column by severity", [&] { sort->setCurrentIndex(3); });
        timed("re-sort every column by last update", [&] { sort->setCurrentIndex(0); });

        // A reload while the board is open (what a sync pull does): off the GUI thread. The
        // reference is the same read on a bare worker thread with no model at all: what the
        // scheduler alone costs the GUI thread on this loaded 2-core machine.
        qint64 bareReadGap = 0;
        {
            Heartbeat bareBeat;
            store::Database *database = &m_workspace->database();
            std::unique_ptr<QThread> worker(QThread::create([database] {
                QString e;
                loadedCount = int(itemmodels::loadCaseCards(*database, &e).size());
                database->releaseThreadConnections();
            }));
            QSignalSpy finished(worker.get(), &QThread::finished);
            worker->start();
            QVERIFY(finished.wait(10000));
            bareReadGap = bareBeat.longestGapMs();
            QCOMPARE(loadedCount, m_cases);
        }
        Heartbeat reloadBeat;
        QSignalSpy reloaded(page.model(), &itemmodels::CaseBoardModel::loaded);
        page.model()->reload();
        QVERIFY(reloaded.wait(10000));
        QCoreApplication::processEvents();
        report("longest GUI-thread stall during a background reload", reloadBeat.longestGapMs(),
            bareReadGap);
        std::printf("  (reference for the reload: the same read on a bare worker thread)\n");
    }
};

QTEST_MAIN(BenchCaseBoard)
#include "bench_caseboard.moc"

// Timeline budget (DESIGN.md section 6, issue 9): a case with 100,000 timeline entries
// opens and zooms with no GUI-thread stall over 50 ms. A heartbeat timer on the GUI
// thread measures the longest gap while the page loads, verifies the chain, filters and
// searches; zoom, pan and keyboard steps are timed with their repaint. The limits
// measured in the same run: the bare SQL read of the same rows, and what a bare worker
// thread doing that read costs the GUI thread. Prints figures; never fails on speed.
#include "../unit/caseboard/CaseBoardTestSupport.h"
#include "../unit/timeline/TimelineTestSupport.h"
#include "BenchHeartbeat.h"
#include "timeline/TimelineAxis.h"
#include "timeline/TimelineChain.h"
#include "timeline/TimelineModel.h"
#include "timeline/TimelinePage.h"

#include <QElapsedTimer>

#include <QtTest>
#include <QtWidgets>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace warroom;

namespace {

constexpr qint64 StallBudgetMs = 50;
int bareRows = 0;

using bench::Heartbeat;

void report(const char *what, double ms, double reference = -1)
{
    if (reference >= 0)
        std::printf("  %-56s %7.1f ms   (reference %.1f ms; budget %lld ms)\n", what, ms, reference,
            static_cast<long long>(StallBudgetMs));
    else
        std::printf("  %-56s %7.1f ms   (budget %lld ms)\n", what, ms,
            static_cast<long long>(StallBudgetMs));
    std::fflush(stdout);
}

int bareRead(store::Database &database, const QString &caseId)
{
    QSqlQuery query(database.reader());
    query.setForwardOnly(true);
    query.prepare(u"SELECT seq, kind, occurred_at, recorded_at, payload FROM timeline "
                  "WHERE case_id = ? ORDER BY seq"_s);
    query.addBindValue(caseId);
    query.exec();
    int rows = 0;
    while (query.next()) {
        // Touch every column as the model does, without parsing.
        rows += query.value(1).toString().size() > 0 ? 1 : 0;
        (void)query.value(4).toString();
    }
    return rows;
}

} // namespace

class BenchTimeline final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    int m_entries = 100000;
    double m_bareReadMs = 0;
    qint64 m_bareReadGap = 0;
    const QString m_caseId = u"4000000001"_s;

private slots:
    void initTestCase()
    {
        if (const int n = qEnvironmentVariableIntValue("WARROOM_BENCH_ENTRIES"); n > 0)
            m_entries = n;
        QFile loadavg(u"/proc/loadavg"_s);
        if (loadavg.open(QIODevice::ReadOnly))
            std::printf("  load average: %s", loadavg.readLine().constData());
        QString error;
        m_workspace = store::Workspace::open(m_dir.path(), &error);
        QVERIFY2(m_workspace, qPrintable(error));
        // A small case to open the page on, then the big one is chosen.
        QVERIFY(test::storeCases(m_workspace->database(),
            {test::boardCase(u"4000000002"_s, domain::CaseStatus::Submitted),
                test::boardCase(m_caseId, domain::CaseStatus::DetectionAndAnalysis)},
            &error));
        QElapsedTimer t;
        t.start();
        // 100,000 entries 30 s apart: about 35 days, so the axis goes from minutes to a month.
        QVERIFY2(test::seedTimeline(m_workspace->database(), m_caseId, m_entries, 30000, &error),
            qPrintable(error));
        QVERIFY(test::seedTimeline(m_workspace->database(), u"4000000002"_s, 10, 60000, &error));
        std::printf("  seeded %d timeline entries (hash chain included) in %lld ms\n", m_entries,
            static_cast<long long>(t.elapsed()));
    }

    void referenceBareRead()
    {
        // The bare SQL read of the same rows on this thread: the floor of any load.
        QElapsedTimer t;
        t.start();
        const int rows = bareRead(m_workspace->database(), m_caseId);
        m_bareReadMs = double(t.nsecsElapsed()) / 1e6;
        QCOMPARE(rows, m_entries);
        std::printf(
            "  reference: bare SQL read of %d rows on one thread: %.1f ms\n", rows, m_bareReadMs);
        // The same read on a bare worker, and the read plus JSON parsing of every entry
        // (TimelineChain::entries, what verification reads): what a worker doing that
        // work alone costs the GUI thread on this machine, with no model or view.
        store::Database *database = &m_workspace->database();
        const QString caseId = m_caseId;
        auto gapWhile = [&](const std::function<void()> &work) {
            Heartbeat beat;
            std::unique_ptr<QThread> worker(QThread::create([database, work] {
                work();
                database->releaseThreadConnections();
            }));
            QSignalSpy finished(worker.get(), &QThread::finished);
            worker->start();
            if (!finished.wait(60000))
                return qint64(-1);
            return beat.longestGapMs();
        };
        const qint64 readGap
            = gapWhile([database, caseId] { bareRows = bareRead(*database, caseId); });
        QCOMPARE(bareRows, m_entries);
        m_bareReadGap = gapWhile([database, caseId] {
            QString e;
            bareRows = int(timeline::TimelineChain(*database).entries(caseId, &e).size());
        });
        QCOMPARE(bareRows, m_entries);
        std::printf("  reference: longest GUI-thread gap while a bare worker reads: %lld ms; reads "
                    "and parses every entry: %lld ms\n",
            static_cast<long long>(readGap), static_cast<long long>(m_bareReadGap));
    }

    void openZoomPan()
    {
        ui::AreaContext context;
        context.workspace = m_workspace.get();
        // The page is made once per workspace (when the window opens it), on a small case.
        QElapsedTimer make;
        make.start();
        Heartbeat pageBeat;
        ui::TimelinePage page(context);
        const double constructed = double(make.nsecsElapsed()) / 1e6;
        page.resize(1600, 1000);
        page.show();
        const double shownAt = double(make.nsecsElapsed()) / 1e6;
        page.showItem(u"4000000002"_s);
        std::printf("  page constructed in %.1f ms, show() returned at %.1f ms, showItem at %.1f "
                    "ms\n",
            constructed, shownAt, double(make.nsecsElapsed()) / 1e6);
        QSignalSpy smallVerified(page.model(), &timeline::TimelineModel::verified);
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(smallVerified.wait(30000) || !smallVerified.isEmpty());
        QCOMPARE(page.model()->rowCount(), 10);
        std::printf("  page made, shown and its first (10-entry) case verified in %.1f ms\n",
            double(make.nsecsElapsed()) / 1e6);
        report("longest GUI-thread stall making and showing the page",
            double(pageBeat.longestGapMs()), double(m_bareReadGap));

        // Opening the 100,000-entry case.
        QElapsedTimer open;
        open.start();
        Heartbeat heartbeat;
        QSignalSpy loaded(page.model(), &timeline::TimelineModel::loaded);
        QSignalSpy verified(page.model(), &timeline::TimelineModel::verified);
        page.showItem(m_caseId);
        std::printf("  showItem of the big case returned after %.1f ms\n",
            double(open.nsecsElapsed()) / 1e6);
        QVERIFY(loaded.wait(60000) || !loaded.isEmpty());
        QCoreApplication::processEvents();
        const double shown = double(open.nsecsElapsed()) / 1e6;
        QCOMPARE(page.model()->rowCount(), m_entries);
        std::printf("  %d-entry case chosen: read and sorted on a worker in %lld ms, shown after "
                    "%.1f ms\n",
            m_entries, static_cast<long long>(loaded.first().at(0).toLongLong()), shown);
        QVERIFY(verified.wait(120000) || !verified.isEmpty());
        QVERIFY(page.model()->verification().ok);
        std::printf("  chain verified (worker) after %.1f ms from choosing the case\n",
            double(open.nsecsElapsed()) / 1e6);
        report("longest GUI-thread stall while opening and verifying the case",
            double(heartbeat.longestGapMs()), double(m_bareReadGap));

        ui::TimelineAxis *axis = page.axis();
        auto timed = [&](const std::function<void()> &action) {
            QElapsedTimer t;
            t.start();
            action();
            axis->repaint();
            return double(t.nsecsElapsed()) / 1e6;
        };
        // Fully zoomed out: every entry on screen.
        const double fitPaint = timed([&] { axis->fitAll(); });
        report("paint the axis with all entries in view", fitPaint);
        double slowestZoom = 0;
        int zoomSteps = 0;
        axis->setFocus();
        // In to two minutes, around the middle, then out to three years.
        while (axis->visibleEndMs() - axis->visibleStartMs() > ui::TimelineAxis::MinSpanMs) {
            slowestZoom = qMax(slowestZoom, timed([&] { QTest::keyClick(axis, Qt::Key_Plus); }));
            ++zoomSteps;
        }
        while (axis->visibleEndMs() - axis->visibleStartMs() < ui::TimelineAxis::MaxSpanMs) {
            slowestZoom = qMax(slowestZoom, timed([&] { QTest::keyClick(axis, Qt::Key_Minus); }));
            ++zoomSteps;
        }
        std::printf("  zoomed from 2 minutes to 3 years in %d steps\n", zoomSteps);
        report("slowest zoom step (paint included)", slowestZoom);
        // Wheel zoom around the pointer, 20 notches in.
        double slowestWheel = 0;
        axis->fitAll();
        const QPoint at(axis->laneLeft() + 400, axis->height() / 2);
        for (int i = 0; i < 20; ++i) {
            slowestWheel = qMax(slowestWheel, timed([&] {
                QWheelEvent wheel(at, axis->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
                QApplication::sendEvent(axis, &wheel);
            }));
        }
        report("slowest wheel zoom step (paint included)", slowestWheel);
        // Pan across a day-wide view: PageDown 40 times.
        axis->setVisibleRange(page.model()->firstTimeMs(), page.model()->firstTimeMs() + 86400000);
        double slowestPan = 0;
        for (int i = 0; i < 40; ++i)
            slowestPan = qMax(slowestPan, timed([&] { QTest::keyClick(axis, Qt::Key_PageDown); }));
        report("slowest pan step, a day in view (paint included)", slowestPan);
        // Keyboard from entry to entry: the list follows (its repaint included).
        QTest::keyClick(axis, Qt::Key_Home);
        double slowestStep = 0;
        for (int i = 0; i < 200; ++i) {
            slowestStep = qMax(slowestStep, timed([&] {
                QTest::keyClick(axis, Qt::Key_Right);
                page.list()->viewport()->repaint();
            }));
        }
        QCOMPARE(page.list()->currentIndex().row(), 200);
        report("slowest step to the next entry (axis + list paint)", slowestStep);

        // Filters over 100,000 entries run on a worker: the GUI thread only swaps rows.
        auto *kind = page.findChild<QComboBox *>(u"timelineKindComboBox"_s);
        {
            Heartbeat beat;
            QSignalSpy filtered(page.model(), &timeline::TimelineModel::filtered);
            QElapsedTimer t;
            t.start();
            kind->setCurrentIndex(kind->findData(u"comment"_s));
            QVERIFY(filtered.wait(30000));
            page.repaint();
            std::printf("  kind filter applied after %.1f ms (%d rows)\n",
                double(t.nsecsElapsed()) / 1e6, page.model()->rowCount());
            report("longest GUI-thread stall while filtering by kind", double(beat.longestGapMs()),
                double(m_bareReadGap));
        }
        auto *search = page.findChild<QLineEdit *>(u"timelineSearchLineEdit"_s);
        {
            kind->setCurrentIndex(0);
            QTest::qWait(200);
            Heartbeat beat;
            QSignalSpy filtered(page.model(), &timeline::TimelineModel::filtered);
            QElapsedTimer t;
            t.start();
            search->setText(u"Entry 4242"_s);
            QVERIFY(filtered.wait(30000));
            page.repaint();
            std::printf("  search applied after %.1f ms incl. the 150 ms typing pause (%d rows)\n",
                double(t.nsecsElapsed()) / 1e6, page.model()->rowCount());
            report("longest GUI-thread stall while searching", double(beat.longestGapMs()),
                double(m_bareReadGap));
        }
        // Re-reading the case while it is open (coming back to the area).
        {
            search->clear();
            QTest::qWait(300);
            Heartbeat beat;
            QSignalSpy reloaded(page.model(), &timeline::TimelineModel::loaded);
            page.model()->reload();
            QVERIFY(reloaded.wait(60000));
            QCoreApplication::processEvents();
            report("longest GUI-thread stall during a background reload",
                double(beat.longestGapMs()), double(m_bareReadGap));
        }
    }
};

// WARROOM_BENCH_TRACE=1 prints every event the GUI thread took over 15 ms to deliver
// (receiver class and name, event type): where a stall comes from.
qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

class TracingApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_trace || (m_depth > 0 && event->type() != QEvent::Paint))
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const qint64 cpuStart = threadCpuNs();
        const QEvent::Type type = event->type();
        const QByteArray name = receiver->metaObject()->className() + QByteArray(" ")
            + receiver->objectName().toUtf8();
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        if (const qint64 ms = t.elapsed(); ms > (type == QEvent::Paint ? 4 : 15))
            std::printf("  trace: %lld ms (%.1f ms on the CPU) delivering event %d to %s\n",
                static_cast<long long>(ms), double(threadCpuNs() - cpuStart) / 1e6, int(type),
                name.constData());
        return result;
    }

private:
    const bool m_trace = qEnvironmentVariableIntValue("WARROOM_BENCH_TRACE") > 0;
    int m_depth = 0;
};

int main(int argc, char **argv)
{
    TracingApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    BenchTimeline bench;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&bench, argc, argv);
}
#include "bench_timeline.moc"

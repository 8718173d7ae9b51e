// Cold start budget (DESIGN.md section 6): from starting the process to an interactive
// window in < 500 ms with 100,000 cases, and no GUI-thread stall over 50 ms while the
// board loads and the first sync runs. Starts the real `warroom` executable (offscreen)
// several times on a workspace of 100,000 cases on the embedded backend, next to the same
// executable on an empty workspace (the limit, measured in the same run), and reads the
// milestones it prints with WARROOM_STARTUP_PROBE=1 (app/warroom/StartupProbe.h).
// Prints figures; fails only when something does not work, never on speed.
#include "../unit/caseboard/CaseBoardTestSupport.h"
#include "store/Workspace.h"
#include "sync/EmbeddedBackend.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QtTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace warroom;

namespace {

// One start of the executable: external milliseconds from QProcess::start to each
// milestone line, and the longest GUI stall the probe saw.
struct Start
{
    QMap<QString, double> at;
    qint64 longestStall = -1;
    int boardCases = -1;
    QString failure;
};

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

class BenchStartup final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_cases = 100000;
    int m_runs = 5;

    // WARROOM_BENCH_DIR keeps the workspaces (and reuses them) for profiling by hand.
    QString m_keep = qEnvironmentVariable("WARROOM_BENCH_DIR");

    QString workspacePath(const QString &name) const
    {
        return m_keep.isEmpty() ? m_dir.filePath(name) : QDir(m_keep).filePath(name);
    }

    Start startOnce(const QString &workspace)
    {
        Start start;
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"WARROOM_STARTUP_PROBE"_s, u"1"_s);
        environment.insert(u"WARROOM_STARTUP_PROBE_WATCH_MS"_s, u"3000"_s);
        // The window's saved geometry and area stay in the benchmark's folder.
        environment.insert(u"HOME"_s, m_dir.filePath(u"home"_s));
        environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"home/.config"_s));
        environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"home/.local/share"_s));
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        QElapsedTimer clock;
        QByteArray pending;
        connect(&process, &QProcess::readyReadStandardOutput, &process, [&] {
            pending += process.readAllStandardOutput();
            const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            qsizetype newline = -1;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QString line = QString::fromUtf8(pending.left(newline));
                pending.remove(0, newline + 1);
                if (!line.startsWith(u"startup-probe: "_s))
                    continue;
                const QStringList words = line.mid(15).split(u' ');
                if (words.isEmpty())
                    continue;
                start.at.insert(words.first(), now);
                if (words.first() == u"longest-stall"_s && words.size() > 2)
                    start.longestStall = words.at(2).toLongLong();
                if (words.first() == u"board-loaded"_s && words.size() > 2)
                    start.boardCases = words.at(2).toInt();
            }
        });
        clock.start();
        process.start(QStringLiteral(WARROOM_APP), {u"--workspace"_s, workspace});
        if (!process.waitForStarted(10000)) {
            start.failure = process.errorString();
            return start;
        }
        QDeadlineTimer deadline(120000);
        while (process.state() != QProcess::NotRunning && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
            start.failure = u"did not quit within 120 s"_s;
        } else if (process.exitCode() != 0) {
            start.failure = u"exit code %1: %2"_s.arg(process.exitCode())
                                .arg(QString::fromUtf8(process.readAllStandardError().right(2000)));
        }
        return start;
    }

    // Starts the executable m_runs times; prints the medians, returns the median
    // "interactive" time.
    double measure(const char *what, const QString &workspace, int expectedCases)
    {
        QList<double> shown, interactive, board, stalls;
        for (int run = 0; run < m_runs; ++run) {
            const Start start = startOnce(workspace);
            if (!start.failure.isEmpty())
                qFatal("%s: %s", what, qPrintable(start.failure));
            if (!start.at.contains(u"interactive"_s) || !start.at.contains(u"quit"_s))
                qFatal("%s: the probe did not report (%s)", what,
                    qPrintable(start.at.keys().join(u", "_s)));
            if (start.boardCases != expectedCases)
                qFatal(
                    "%s: the board showed %d cases, not %d", what, start.boardCases, expectedCases);
            shown.append(start.at.value(u"shown"_s));
            interactive.append(start.at.value(u"interactive"_s));
            board.append(start.at.value(u"board-loaded"_s));
            stalls.append(static_cast<double>(start.longestStall));
        }
        std::printf("  %-34s shown %6.0f ms, interactive %6.0f ms, board loaded %6.0f ms, "
                    "longest GUI stall %4.0f ms  (medians of %d starts)\n",
            what, median(shown), median(interactive), median(board), median(stalls), m_runs);
        std::fflush(stdout);
        return median(interactive);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QStringLiteral(WARROOM_APP)).isExecutable(), WARROOM_APP);
        if (const int n = qEnvironmentVariableIntValue("WARROOM_BENCH_CASES"); n > 0)
            m_cases = n;
        if (const int n = qEnvironmentVariableIntValue("WARROOM_BENCH_RUNS"); n > 0)
            m_runs = n;
        QFile loadavg(u"/proc/loadavg"_s);
        if (loadavg.open(QIODevice::ReadOnly))
            std::printf("\nCold start benchmark; load average: %s", loadavg.readLine().constData());

        QString error;
        QVERIFY2(store::Workspace::open(workspacePath(u"empty"_s), &error), qPrintable(error));

        const bool reuse = !m_keep.isEmpty()
            && QFileInfo::exists(QDir(workspacePath(u"large"_s)).filePath(u"workspace.sqlite"_s));
        auto workspace = store::Workspace::open(workspacePath(u"large"_s), &error);
        QVERIFY2(workspace, qPrintable(error));
        const QList<domain::CaseStatus> statuses = domain::allValues<domain::CaseStatus>();
        QElapsedTimer clock;
        clock.start();
        constexpr int Batch = 10000;
        for (int first = reuse ? m_cases : 0; first < m_cases; first += Batch) {
            QList<domain::Case> cases;
            for (int i = first; i < std::min(m_cases, first + Batch); ++i) {
                domain::Case c = test::boardCase(QString::number(4000000000LL + i),
                    statuses[i % statuses.size()],
                    i % 5 == 0 ? domain::ResolverType::AWS : domain::ResolverType::Self,
                    u"Incident %1: suspicious activity in account %2"_s.arg(i).arg(i % 97));
                c.createdDate = test::boardEpoch().addSecs(-60LL * i);
                c.lastUpdatedDate = test::boardEpoch().addSecs(-37LL * i);
                cases.append(c);
            }
            QVERIFY2(test::storeCases(workspace->database(), cases, &error), qPrintable(error));
        }
        const qint64 stored = clock.restart();
        int seeded = 0;
        if (!reuse) {
            QVERIFY2(sync::EmbeddedBackend::seedFromStore(*workspace, &error, &seeded),
                qPrintable(error));
            QCOMPARE(seeded, m_cases);
        }
        std::printf("  %d cases written in %lld ms, copied into the embedded backend in %lld ms\n",
            m_cases, static_cast<long long>(stored), static_cast<long long>(clock.elapsed()));
        std::fflush(stdout);
    }

    void coldStart()
    {
        // The first start of each warms the file cache and writes the window's settings.
        startOnce(workspacePath(u"empty"_s));
        startOnce(workspacePath(u"large"_s));
        const double empty = measure("empty workspace (the limit)", workspacePath(u"empty"_s), 0);
        const double large = measure(qPrintable(u"%1 cases, embedded backend"_s.arg(m_cases)),
            workspacePath(u"large"_s), m_cases);
        std::printf("  interactive with %d cases: %.0f ms (budget < 500 ms) -> %s; %.0f ms more "
                    "than the empty workspace\n",
            m_cases, large, large < 500 ? "within budget" : "OVER BUDGET", large - empty);
        std::fflush(stdout);
    }
};

QTEST_GUILESS_MAIN(BenchStartup)
#include "bench_startup.moc"

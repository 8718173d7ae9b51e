#pragma once

// Startup figures for the cold-start benchmark (tests/bench/bench_startup.cpp): with
// WARROOM_STARTUP_PROBE=1 in the environment, Warroom prints one line per milestone to
// standard output ("startup-probe: <what> <ms since main> [detail]"), watches the GUI
// thread for stalls for a few seconds after the window shows, and then quits.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

class QMainWindow;

namespace warroom::app {

class StartupProbe final : public QObject
{
    Q_OBJECT

public:
    // Null unless WARROOM_STARTUP_PROBE is set; starts the clock.
    static std::unique_ptr<StartupProbe> createFromEnvironment();

    void mark(const char *what, const QString &detail = QString());
    // Call right after show(): marks "shown", then "interactive" at the event loop's first
    // pass, "board-loaded" when the case board has its cases, and quits after the watch.
    void watch(QMainWindow &window);

private:
    StartupProbe();
    void tick();
    void finish();

    QElapsedTimer m_clock;
    QTimer m_heartbeat;
    qint64 m_lastTick = -1;
    qint64 m_longestStall = 0;
    qint64 m_longestStallAt = 0;
    qint64 m_watchMs = 4000;
};

} // namespace warroom::app

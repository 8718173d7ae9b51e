#include "StartupProbe.h"

#include "itemmodels/CaseBoardModel.h"

#include <QCoreApplication>
#include <QMainWindow>

#include <cstdio>

namespace warroom::app {

using namespace Qt::StringLiterals;

std::unique_ptr<StartupProbe> StartupProbe::createFromEnvironment()
{
    if (!qEnvironmentVariableIsSet("WARROOM_STARTUP_PROBE"))
        return nullptr;
    return std::unique_ptr<StartupProbe>(new StartupProbe());
}

StartupProbe::StartupProbe()
{
    m_clock.start();
    if (const int ms = qEnvironmentVariableIntValue("WARROOM_STARTUP_PROBE_WATCH_MS"); ms > 0)
        m_watchMs = ms;
    m_heartbeat.setInterval(2);
    connect(&m_heartbeat, &QTimer::timeout, this, &StartupProbe::tick);
}

void StartupProbe::mark(const char *what, const QString &detail)
{
    std::printf("startup-probe: %s %lld%s%s\n", what, static_cast<long long>(m_clock.elapsed()),
        detail.isEmpty() ? "" : " ", qUtf8Printable(detail));
    std::fflush(stdout);
}

void StartupProbe::watch(QMainWindow &window)
{
    mark("shown");
    QTimer::singleShot(0, this, [this] {
        mark("interactive");
        m_lastTick = m_clock.elapsed();
        m_heartbeat.start();
        QTimer::singleShot(m_watchMs, this, &StartupProbe::finish);
    });
    const auto boards = window.findChildren<itemmodels::CaseBoardModel *>();
    for (itemmodels::CaseBoardModel *board : boards) {
        connect(board, &itemmodels::CaseBoardModel::loaded, this,
            [this](qint64, int cases) { mark("board-loaded", QString::number(cases)); });
    }
    if (boards.isEmpty())
        mark("no-board");
}

void StartupProbe::tick()
{
    const qint64 now = m_clock.elapsed();
    if (now - m_lastTick > m_longestStall) {
        m_longestStall = now - m_lastTick;
        m_longestStallAt = now;
    }
    m_lastTick = now;
}

void StartupProbe::finish()
{
    tick();
    m_heartbeat.stop();
    mark("longest-stall",
        QString::number(m_longestStall) + u" ending-at "_s + QString::number(m_longestStallAt));
    mark("quit");
    QCoreApplication::exit(0);
}

} // namespace warroom::app

#pragma once

// The longest gap between ticks of a 2 ms GUI-thread timer while it runs: how long the
// GUI thread was kept from its event loop. Shared by the GUI benchmarks.
#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>

namespace warroom::bench {

class Heartbeat final
{
public:
    Heartbeat()
    {
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_longest = qMax(m_longest, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 longestGapMs()
    {
        const qint64 now = m_clock.elapsed();
        return qMax(m_longest, now - m_last);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

} // namespace warroom::bench

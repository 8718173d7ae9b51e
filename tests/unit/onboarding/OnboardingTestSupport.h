#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>

#include <optional>

namespace warroom::test {

// Runs the event loop until `ready` or `timeoutMs`; true when ready.
template<typename Ready> bool waitFor(Ready ready, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!ready() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 20);
    return ready();
}

// Calls `start(callback)` with an asynchronous API and waits for its one answer.
template<typename Result, typename Start>
std::optional<Result> await(Start start, int timeoutMs = 15000)
{
    std::optional<Result> result;
    start([&result](const Result &r) { result = r; });
    waitFor([&] { return result.has_value(); }, timeoutMs);
    return result;
}

} // namespace warroom::test

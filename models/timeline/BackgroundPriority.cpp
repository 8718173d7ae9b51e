#include "timeline/BackgroundPriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace warroom::timeline {

void lowerCurrentThreadPriority()
{
#ifdef Q_OS_LINUX
    // On Linux a thread's nice value is its own (setpriority on its thread ID), and
    // SCHED_OTHER has no other per-thread priority (QThread::LowPriority does nothing).
    const auto tid = id_t(syscall(SYS_gettid));
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        (void)setpriority(PRIO_PROCESS, tid, qMin(19, current + 10));
#endif
}

} // namespace warroom::timeline

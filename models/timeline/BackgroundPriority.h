#pragma once

namespace warroom::timeline {

// Lowers the calling thread's scheduling priority below the GUI thread's (Linux: nice
// +10 relative to the process, per thread; a no-op elsewhere). Workers that read,
// sort or verify a large timeline call it first, so on a busy machine the GUI thread is
// not kept off the CPU by the work it handed off.
void lowerCurrentThreadPriority();

} // namespace warroom::timeline

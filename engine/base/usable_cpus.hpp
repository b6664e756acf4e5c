// How many CPUs this process may run on: its affinity mask (taskset, a container's cpuset), not
// the machine's count. The run asks before starting a second thread for work that only pays when
// the two threads truly run at once. Safe from any thread.
#pragma once

namespace dun {

// At least 1.
unsigned usable_cpus();

}  // namespace dun

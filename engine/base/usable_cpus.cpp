#include "engine/base/usable_cpus.hpp"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace dun {

unsigned usable_cpus() {
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof cpus, &cpus) == 0) {
    return std::max(1u, static_cast<unsigned>(CPU_COUNT(&cpus)));
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace dun

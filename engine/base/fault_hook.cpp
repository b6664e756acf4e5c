#include "engine/base/fault_hook.hpp"

#include <atomic>

namespace dun {
namespace {
std::atomic<FaultHook> hook{nullptr};
}  // namespace

void set_fault_hook(FaultHook new_hook) { hook.store(new_hook); }

void fault_point(std::string_view point) {
  if (FaultHook current = hook.load(std::memory_order_relaxed)) current(point);
}

}  // namespace dun

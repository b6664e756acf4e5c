// A test hook at each commit point of the run and the agenda, so that a test can kill the process
// exactly there and prove that nothing is lost or done twice (issue: crash safety). Production
// code never sets a hook: fault_point() is then one load and a branch.
//
// The hook is one process-wide atomic: fault_point may be called from any thread; a test sets the
// hook before the code under test starts and the hook must then stay callable.
#pragma once

#include <string_view>

namespace dun {

using FaultHook = void (*)(std::string_view point);

// The points, in the order a run reaches them.
inline constexpr std::string_view kFaultPoints[] = {
    "run:before-commit",  "run:after-commit",   "jsonl:after-intent",
    "jsonl:after-append", "jsonl:after-delete",
};

void set_fault_hook(FaultHook hook);
void fault_point(std::string_view point);

}  // namespace dun

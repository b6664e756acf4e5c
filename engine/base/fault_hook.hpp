// A test hook at each commit point of the run, the agenda, `dun send` and delivery, so that a test
// can kill the process exactly there and prove that nothing is lost or done twice (issue: crash
// safety). Production code never sets a hook: fault_point() is then one load and a branch.
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

// The points of the commands that follow a run: an agenda change, `dun send` and `dun runs undo`
// (each one transaction), and each delivery attempt: after its start is recorded (the attempt in
// flight), after the adapter has delivered and before the outcome is recorded, and after the
// letter outbox has written a pass's batch.
inline constexpr std::string_view kCommandFaultPoints[] = {
    "agenda:before-commit",  "agenda:after-commit",  "send:before-commit",
    "send:after-commit",     "delivery:after-begin", "delivery:after-deliver",
    "delivery:after-finish", "letters:before-batch", "undo:before-commit",
    "undo:after-commit",
};

void set_fault_hook(FaultHook hook);
void fault_point(std::string_view point);

}  // namespace dun

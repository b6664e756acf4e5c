// The collectors' agenda (language.md §3 item 7 and §3.1): confirming a confirm-task re-checks
// its invoices against the latest state the store has seen, completing a manual task moves its
// sequences on, cancelling marks the step skipped. Each is one transaction.
//
// close_agenda_task keeps nothing: it works through the caller's StateStore, which must be open
// for writing; one store connection is used by one thread at a time.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/store/state_store.hpp"

namespace dun {

enum class AgendaVerb { confirm, complete, cancel };

struct AgendaOutcome {
  TaskClosed closed;
  std::vector<std::string> dropped;  // confirm: invoices left out after the re-check
};

// `by` names who acted (recorded in the history); `date` is the date of the change.
// With `jsonl`, the action's new status is appended to that file (through the store's outbox).
Result<AgendaOutcome> close_agenda_task(StateStore& store, std::int64_t task_id, AgendaVerb verb,
                                        Date date, const std::string& by,
                                        const std::optional<std::filesystem::path>& jsonl);

// The same for several tasks in ONE transaction: every task is closed or none is (the error
// then names each task refused and why). Duplicate ids count once; the outcomes are in
// increasing id order.
Result<std::vector<AgendaOutcome>> close_agenda_tasks(
    StateStore& store, std::span<const std::int64_t> task_ids, AgendaVerb verb, Date date,
    const std::string& by, const std::optional<std::filesystem::path>& jsonl);

}  // namespace dun

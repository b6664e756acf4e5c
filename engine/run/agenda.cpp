#include "engine/run/agenda.hpp"

#include <algorithm>

namespace dun {
namespace {

// language.md §3.1: invoices closed, stopped or paused in the latest state are dropped.
bool still_due(const SequenceTable& sequences, const std::string& invoice) {
  const auto row = sequences.find(invoice);
  return row && sequences.state[*row] == SequenceState::active;
}

}  // namespace

Result<AgendaOutcome> close_agenda_task(StateStore& store, std::int64_t task_id, AgendaVerb verb,
                                        Date date, const std::string& by,
                                        const std::optional<std::filesystem::path>& jsonl) {
  if (auto flushed = store.flush_jsonl(); !flushed) return flushed.error();
  auto found = store.find_task(task_id);
  if (!found) return found.error();
  if (!*found) {
    return Error{"there is no task " + std::to_string(task_id) +
                 " in the agenda: `dun agenda list --all` shows every task"};
  }
  const Task& task = **found;

  TaskClosing closing{task_id, TaskStatus::cancelled, date, by, "", {}};
  ChangeBatch also;
  AgendaOutcome outcome;
  // Each invoice's OWN step: under `group by customer` one task may carry invoices whose steps
  // differ (language.md §3.2); the step an invoice waits on is its sequence's last step reached.
  std::vector<std::string> own_steps;
  for (const std::string& invoice : task.invoices) {
    auto sequence = store.find_sequence(invoice);
    if (!sequence) return sequence.error();
    const bool waits_here =
        *sequence && (*sequence)->scenario == task.scenario && !(*sequence)->last_step.empty();
    own_steps.push_back(waits_here ? (*sequence)->last_step : task.step);
  }
  auto step_event = [&](const std::string& invoice, StepStatus status, std::string reason) {
    const auto at = std::find(task.invoices.begin(), task.invoices.end(), invoice);
    const std::string& step =
        at == task.invoices.end() ? task.step : own_steps[std::size_t(at - task.invoices.begin())];
    also.step_events.push_back(
        StepEvent{invoice, task.scenario, step, status, std::move(reason), date, task.action_id});
  };

  switch (verb) {
    case AgendaVerb::confirm: {
      auto sequences = store.load_sequences();
      if (!sequences) return sequences.error();
      std::vector<std::string> kept;
      for (const std::string& invoice : task.invoices) {
        if (still_due(*sequences, invoice)) {
          kept.push_back(invoice);
        } else {
          outcome.dropped.push_back(invoice);
        }
      }
      if (kept.empty() && task.kind == TaskKind::confirm) {
        closing.note = "settled";
        for (const std::string& invoice : task.invoices)
          step_event(invoice, StepStatus::skipped, "settled");
        break;
      }
      closing.to = TaskStatus::confirmed;
      if (!outcome.dropped.empty()) closing.remaining_invoices = kept;
      for (const std::string& invoice : kept) step_event(invoice, StepStatus::fired, "");
      for (const std::string& invoice : outcome.dropped)
        step_event(invoice, StepStatus::skipped, "settled");
      break;
    }
    case AgendaVerb::complete:
      closing.to = TaskStatus::completed;
      for (const std::string& invoice : task.invoices)
        step_event(invoice, StepStatus::completed, "");
      break;
    case AgendaVerb::cancel:
      closing.note = "cancelled";
      for (const std::string& invoice : task.invoices)
        step_event(invoice, StepStatus::skipped, "cancelled");
      break;
  }
  auto closed = store.close_task(closing, also, jsonl);
  if (!closed) return closed.error();
  outcome.closed = std::move(closed).value();
  if (auto flushed = store.flush_jsonl(); !flushed) return flushed.error();
  return outcome;
}

}  // namespace dun

#include "engine/run/agenda.hpp"

#include <algorithm>

namespace dun {
namespace {

// language.md §3.1: invoices closed, stopped or paused in the latest state are dropped. Looked up
// one invoice at a time: a bulk confirmation touches a few invoices of a store that may hold
// millions.
Result<bool> still_due(StateStore& store, const std::string& invoice) {
  auto sequence = store.find_sequence(invoice);
  if (!sequence) return sequence.error();
  return *sequence && (*sequence)->state == SequenceState::active;
}

// What closing `task` with `verb` writes: the closing itself, the step events that go with it
// (added to `also`) and, for a confirmation, the invoices dropped by the re-check.
Result<TaskClosing> plan_closing(StateStore& store, const Task& task, AgendaVerb verb, Date date,
                                 const std::string& by, ChangeBatch& also,
                                 std::vector<std::string>& dropped) {
  TaskClosing closing{task.id, TaskStatus::cancelled, date, by, "", {}};
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
    // The batch keeps its own copies: the strings here are locals of the caller's.
    TextPool& text = also.text;
    also.step_events.push_back(StepEvent{text.keep(invoice), text.keep(task.scenario),
                                         text.keep(step), status, text.keep(reason), date,
                                         text.keep(task.action_id)});
  };
  switch (verb) {
    case AgendaVerb::confirm: {
      std::vector<std::string> kept;
      for (const std::string& invoice : task.invoices) {
        auto due = still_due(store, invoice);
        if (!due) return due.error();
        (*due ? kept : dropped).push_back(invoice);
      }
      if (kept.empty() && task.kind == TaskKind::confirm) {
        closing.note = "settled";
        for (const std::string& invoice : task.invoices)
          step_event(invoice, StepStatus::skipped, "settled");
        break;
      }
      closing.to = TaskStatus::confirmed;
      if (!dropped.empty()) closing.remaining_invoices = kept;
      for (const std::string& invoice : kept) step_event(invoice, StepStatus::fired, "");
      for (const std::string& invoice : dropped)
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
  return closing;
}

}  // namespace

Result<AgendaOutcome> close_agenda_task(StateStore& store, std::int64_t task_id, AgendaVerb verb,
                                        Date date, const std::string& by,
                                        const std::optional<std::filesystem::path>& jsonl) {
  auto outcomes = close_agenda_tasks(store, {&task_id, 1}, verb, date, by, jsonl);
  if (!outcomes) return outcomes.error();
  return std::move(outcomes.value().front());
}

Result<std::vector<AgendaOutcome>> close_agenda_tasks(
    StateStore& store, std::span<const std::int64_t> task_ids, AgendaVerb verb, Date date,
    const std::string& by, const std::optional<std::filesystem::path>& jsonl) {
  if (auto flushed = store.flush_jsonl(); !flushed) return flushed.error();
  std::vector<std::int64_t> ids(task_ids.begin(), task_ids.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return Error{"no task selected: name task ids or a filter (`dun agenda list`)"};

  std::vector<TaskClosing> closings;
  std::vector<AgendaOutcome> outcomes(ids.size());
  std::vector<std::string> unknown;
  ChangeBatch also;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto found = store.find_task(ids[i]);
    if (!found) return found.error();
    if (!*found) {
      unknown.push_back(std::to_string(ids[i]));
      continue;
    }
    auto closing = plan_closing(store, **found, verb, date, by, also, outcomes[i].dropped);
    if (!closing) return closing.error();
    closings.push_back(std::move(closing).value());
  }
  if (!unknown.empty()) {
    std::string list;
    for (const std::string& id : unknown) list += (list.empty() ? "" : ", ") + id;
    return Error{std::string(unknown.size() == 1 ? "there is no task " : "there are no tasks ") +
                 list +
                 " in the agenda (nothing was changed): `dun agenda list --all` shows every task"};
  }
  auto closed = store.close_tasks(closings, also, jsonl);
  if (!closed) return closed.error();
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    outcomes[i].closed = std::move(closed.value()[i]);
  if (auto flushed = store.flush_jsonl(); !flushed) return flushed.error();
  return outcomes;
}

}  // namespace dun

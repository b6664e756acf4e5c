// The agenda: listing tasks and closing them (confirm, complete, cancel) together with their
// action, history events and the engine's accompanying changes, in one transaction.
#include <algorithm>

#include "engine/base/fault_hook.hpp"
#include "engine/model/action_json.hpp"
#include "engine/store/state_store.hpp"
#include "engine/store/store_batch.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

constexpr std::string_view kSelectOpenTasks =
    "SELECT " DUN_TASK_COLUMNS " FROM tasks WHERE status = 'open' ORDER BY id";
constexpr std::string_view kSelectAllTasks = "SELECT " DUN_TASK_COLUMNS " FROM tasks ORDER BY id";
constexpr std::string_view kSelectTask = "SELECT " DUN_TASK_COLUMNS " FROM tasks WHERE id = ?1";

// What closing a task to a status means for its action and its invoices' history.
struct ClosingEffect {
  std::string_view verb;
  ActionStatus action_status;
  EventKind event;
};

ClosingEffect effect_of(TaskStatus status) {
  switch (status) {
    case TaskStatus::confirmed:  // the confirmed action is now executed
      return {"confirmed", ActionStatus::queued, EventKind::task_confirmed};
    case TaskStatus::completed:
      return {"completed", ActionStatus::completed, EventKind::task_completed};
    case TaskStatus::cancelled:
    case TaskStatus::open:  // refused before any effect is used
      break;
  }
  return {"cancelled", ActionStatus::cancelled, EventKind::task_cancelled};
}

// Why `closing` cannot apply to `task`, if it cannot.
std::optional<Error> refusal(const Task& task, const TaskClosing& closing) {
  const std::string name = "task " + std::to_string(task.id);
  if (closing.to == TaskStatus::open) {
    return Error{name + ": a task can be confirmed, completed or cancelled, not reopened"};
  }
  if (task.status != TaskStatus::open) {
    return Error{name + " is already " + std::string(to_string(task.status)) + " (" +
                 (task.closed_on ? task.closed_on->to_string() : std::string("?")) +
                 (task.closed_by.empty() ? "" : " by " + task.closed_by) +
                 "); only an open task can be " + std::string(effect_of(closing.to).verb) +
                 ": `dun agenda list` shows the open ones"};
  }
  if (closing.to == TaskStatus::confirmed && task.kind == TaskKind::task) {
    return Error{name + " is a manual task: complete or cancel it; confirm is for confirm-tasks"};
  }
  if (closing.to == TaskStatus::completed && task.kind == TaskKind::confirm) {
    return Error{name + " is a confirm-task: confirm or cancel it; complete is for manual tasks"};
  }
  if (closing.date < task.created_on) {
    return Error{name + " was created on " + task.created_on.to_string() + "; it cannot be " +
                 std::string(effect_of(closing.to).verb) + " on an earlier date (" +
                 closing.date.to_string() + ")"};
  }
  if (closing.to != TaskStatus::confirmed && !closing.remaining_invoices.empty()) {
    return Error{name + ": only a confirmation can narrow the invoices of a task"};
  }
  for (const std::string& invoice : closing.remaining_invoices) {
    if (!std::binary_search(task.invoices.begin(), task.invoices.end(), invoice)) {
      return Error{name + " does not cover invoice " + invoice};
    }
  }
  return std::nullopt;
}

constexpr std::string_view kCloseTask = R"sql(
UPDATE tasks SET status = ?2, closed_on = ?3, closed_by = ?4, note = ?5
WHERE id = ?1 AND status = 'open')sql";

constexpr std::string_view kUpdateActionStatus = R"sql(
UPDATE actions SET status = ?2, status_on = ?3, invoices = ?4 WHERE id = ?1)sql";

constexpr std::string_view kDropActionInvoice =
    "DELETE FROM action_invoices WHERE action_id = ?1 AND invoice_id = ?2";

Status store_closed_task(sqlite::Database& database, const Task& task) {
  auto close = database.prepare(kCloseTask);
  if (!close) return close.error();
  return close.value()
      .bind(1, task.id)
      .bind(2, to_string(task.status))
      .bind(3, task.closed_on->to_string())
      .bind_or_null(4, task.closed_by)
      .bind_or_null(5, task.note)
      .run();
}

// The task's action after `closing`: its new status and, for a narrowed confirmation, only the
// invoices kept (the others lose their action_invoices link too).
Status store_action_after(sqlite::Database& database, const TaskClosing& closing, Action& action) {
  std::vector<std::string> kept = closing.remaining_invoices;
  std::sort(kept.begin(), kept.end());
  if (!kept.empty()) {
    auto drop = database.prepare(kDropActionInvoice);
    if (!drop) return drop.error();
    for (const std::string& invoice : action.invoices) {
      if (std::binary_search(kept.begin(), kept.end(), invoice)) continue;
      if (auto dropped = drop.value().bind(1, action.id).bind(2, invoice).run(); !dropped) {
        return dropped;
      }
    }
    action.invoices = kept;
  }
  action.status = effect_of(closing.to).action_status;
  action.status_on = closing.date;
  auto update = database.prepare(kUpdateActionStatus);
  if (!update) return update.error();
  return update.value()
      .bind(1, action.id)
      .bind(2, to_string(action.status))
      .bind(3, action.status_on.to_string())
      .bind(4, string_list_to_json(action.invoices))
      .run();
}

}  // namespace

Result<std::vector<Task>> StateStore::list_tasks(bool open_only) {
  return store_rows::select_all<Task>(database_, open_only ? kSelectOpenTasks : kSelectAllTasks,
                                      store_rows::read_task);
}

Result<std::optional<Task>> StateStore::find_task(std::int64_t task_id) {
  return store_rows::select_one<Task>(database_, kSelectTask, store_rows::read_task, task_id);
}

Result<TaskClosed> StateStore::close_task(const TaskClosing& closing, const ChangeBatch& also,
                                          const std::optional<std::filesystem::path>& jsonl) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  ChangeBatch writes = also;
  auto closed = apply_task_closing(closing, writes);
  if (!closed) return closed.error();
  if (auto written = write_outside_run(database_, writes); !written) return written.error();
  if (jsonl) {
    const std::string line = action_to_json(closed.value().action);
    if (auto queued = queue_jsonl(jsonl->string(), {&line, 1}); !queued) return queued.error();
  }
  fault_point("agenda:before-commit");
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  fault_point("agenda:after-commit");
  return closed;
}

Result<TaskClosed> StateStore::apply_task_closing(const TaskClosing& closing, ChangeBatch& writes) {
  auto found = find_task(closing.task_id);
  if (!found) return found.error();
  if (!*found) {
    return Error{"there is no task " + std::to_string(closing.task_id) +
                 " in the agenda: `dun agenda list --all` shows every task"};
  }
  Task task = std::move(found.value()).value();
  if (auto refused = refusal(task, closing)) return *refused;
  auto action_found = find_action(task.action_id);
  if (!action_found) return action_found.error();
  if (!*action_found) {
    return store_rows::damaged(database_.file_name(), "a task without its action", task.action_id);
  }
  Action action = std::move(action_found.value()).value();

  task.status = closing.to;
  task.closed_on = closing.date;
  task.closed_by = closing.by;
  task.note = closing.note;
  if (auto stored = store_closed_task(database_, task); !stored) return stored.error();
  if (auto stored = store_action_after(database_, closing, action); !stored) return stored.error();

  std::string detail = "task " + std::to_string(task.id);
  if (!closing.by.empty()) detail += " by " + closing.by;
  if (!closing.note.empty()) detail += ": " + closing.note;
  for (const std::string& invoice : task.invoices) {
    writes.events.push_back(
        {invoice, task.customer, closing.date, effect_of(closing.to).event, detail});
  }
  return TaskClosed{std::move(task), std::move(action)};
}

}  // namespace dun

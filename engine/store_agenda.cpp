// The agenda: listing tasks and closing them (confirm, complete, cancel) together with their
// action, history events and the engine's accompanying changes, in one transaction.
#include <algorithm>

#include "engine/action_json.hpp"
#include "engine/state_store.hpp"
#include "engine/store_batch.hpp"
#include "engine/store_rows.hpp"

namespace dun {

namespace {

constexpr std::string_view kSelectOpenTasks =
    "SELECT " DUN_TASK_COLUMNS " FROM tasks WHERE status = 'open' ORDER BY id";
constexpr std::string_view kSelectAllTasks = "SELECT " DUN_TASK_COLUMNS " FROM tasks ORDER BY id";
constexpr std::string_view kSelectTask = "SELECT " DUN_TASK_COLUMNS " FROM tasks WHERE id = ?1";

std::string_view verb_of(TaskStatus status) {
  switch (status) {
    case TaskStatus::confirmed:
      return "confirmed";
    case TaskStatus::completed:
      return "completed";
    case TaskStatus::cancelled:
      return "cancelled";
    case TaskStatus::open:
      break;
  }
  return "reopened";
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
                 "); only an open task can be " + std::string(verb_of(closing.to)) +
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
                 std::string(verb_of(closing.to)) + " on an earlier date (" +
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

ActionStatus action_status_after(TaskStatus status) {
  switch (status) {
    case TaskStatus::confirmed:
      return ActionStatus::queued;  // the confirmed action is now executed
    case TaskStatus::completed:
      return ActionStatus::completed;
    case TaskStatus::cancelled:
    case TaskStatus::open:
      break;
  }
  return ActionStatus::cancelled;
}

EventKind event_after(TaskStatus status) {
  switch (status) {
    case TaskStatus::confirmed:
      return EventKind::task_confirmed;
    case TaskStatus::completed:
      return EventKind::task_completed;
    case TaskStatus::cancelled:
    case TaskStatus::open:
      break;
  }
  return EventKind::task_cancelled;
}

constexpr std::string_view kCloseTask = R"sql(
UPDATE tasks SET status = ?2, closed_on = ?3, closed_by = ?4, note = ?5
WHERE id = ?1 AND status = 'open')sql";

constexpr std::string_view kUpdateActionStatus = R"sql(
UPDATE actions SET status = ?2, status_on = ?3, invoices = ?4 WHERE id = ?1)sql";

constexpr std::string_view kDropActionInvoice =
    "DELETE FROM action_invoices WHERE action_id = ?1 AND invoice_id = ?2";

}  // namespace

Result<std::vector<Task>> StateStore::list_tasks(bool open_only) {
  auto select = database_.prepare(open_only ? kSelectOpenTasks : kSelectAllTasks);
  if (!select) return select.error();
  return store_rows::read_all<Task>(select.value(), database_.file_name(), store_rows::read_task);
}

Result<std::optional<Task>> StateStore::find_task(std::int64_t task_id) {
  auto select = database_.prepare(kSelectTask);
  if (!select) return select.error();
  select.value().bind(1, task_id);
  auto tasks =
      store_rows::read_all<Task>(select.value(), database_.file_name(), store_rows::read_task);
  if (!tasks) return tasks.error();
  if (tasks->empty()) return std::optional<Task>();
  return std::optional<Task>(std::move(tasks.value().front()));
}

Result<TaskClosed> StateStore::close_task(const TaskClosing& closing, const ChangeBatch& also) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
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
  auto close = database_.prepare(kCloseTask);
  if (!close) return close.error();
  auto closed = close.value()
                    .bind(1, task.id)
                    .bind(2, to_string(task.status))
                    .bind(3, closing.date.to_string())
                    .bind_or_null(4, closing.by)
                    .bind_or_null(5, closing.note)
                    .run();
  if (!closed) return closed.error();

  std::vector<std::string> kept = closing.remaining_invoices;
  std::sort(kept.begin(), kept.end());
  if (!kept.empty()) {
    auto drop = database_.prepare(kDropActionInvoice);
    if (!drop) return drop.error();
    for (const std::string& invoice : action.invoices) {
      if (std::binary_search(kept.begin(), kept.end(), invoice)) continue;
      if (auto dropped = drop.value().bind(1, action.id).bind(2, invoice).run(); !dropped) {
        return dropped.error();
      }
    }
    action.invoices = kept;
  }
  action.status = action_status_after(closing.to);
  action.status_on = closing.date;
  auto update = database_.prepare(kUpdateActionStatus);
  if (!update) return update.error();
  auto updated = update.value()
                     .bind(1, action.id)
                     .bind(2, to_string(action.status))
                     .bind(3, action.status_on.to_string())
                     .bind(4, string_list_to_json(action.invoices))
                     .run();
  if (!updated) return updated.error();

  ChangeBatch writes = also;
  std::string detail = "task " + std::to_string(task.id);
  if (!closing.by.empty()) detail += " by " + closing.by;
  if (!closing.note.empty()) detail += ": " + closing.note;
  for (const std::string& invoice : task.invoices) {
    writes.events.push_back(
        {invoice, task.customer, closing.date, event_after(closing.to), detail});
  }
  auto writer = BatchWriter::prepare(database_);
  if (!writer) return writer.error();
  CommitReport ignored;
  if (auto written = writer.value().write(writes, std::nullopt, ignored); !written) {
    return written.error();
  }
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return TaskClosed{std::move(task), std::move(action)};
}

}  // namespace dun

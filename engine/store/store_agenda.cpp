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
// One literal statement for every filter: an absent criterion is bound NULL and matches all.
constexpr std::string_view kSelectFilteredTasks = "SELECT " DUN_TASK_COLUMNS R"sql( FROM tasks
WHERE (?1 = 0 OR status = 'open') AND (?2 IS NULL OR customer_id = ?2)
  AND (?3 IS NULL OR assignee = ?3) AND (?4 IS NULL OR step = ?4)
  AND (?5 IS NULL OR scenario = ?5) AND (?6 IS NULL OR kind = ?6)
  AND (?7 IS NULL OR created_on < ?7) AND (?8 IS NULL OR created_on > ?8) AND id > ?9
ORDER BY id LIMIT ?10)sql";
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

Result<std::vector<Task>> StateStore::list_tasks(const TaskFilter& filter) {
  auto date_text = [](const std::optional<Date>& date) {
    return date ? std::optional<std::string>(date->to_string()) : std::nullopt;
  };
  const std::optional<std::string> kind =
      filter.kind ? std::optional<std::string>(to_string(*filter.kind)) : std::nullopt;
  return store_rows::select_all<Task>(
      database_, kSelectFilteredTasks, store_rows::read_task,
      static_cast<std::int64_t>(filter.open_only ? 1 : 0), filter.customer, filter.assignee,
      filter.step, filter.scenario, kind, date_text(filter.created_before),
      date_text(filter.created_after), filter.after_id, filter.limit);
}

Result<std::optional<Task>> StateStore::find_task(std::int64_t task_id) {
  return store_rows::select_one<Task>(database_, kSelectTask, store_rows::read_task, task_id);
}

Result<TaskClosed> StateStore::close_task(const TaskClosing& closing, const ChangeBatch& also,
                                          const std::optional<std::filesystem::path>& jsonl) {
  auto closed = close_tasks({&closing, 1}, also, jsonl);
  if (!closed) return closed.error();
  return std::move(closed.value().front());
}

Result<std::vector<TaskClosed>> StateStore::close_tasks(
    std::span<const TaskClosing> closings, const ChangeBatch& also,
    const std::optional<std::filesystem::path>& jsonl) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  ChangeBatch writes = also;
  std::vector<TaskClosed> closed;
  std::vector<std::string> refusals;
  // Every closing is tried so that the error names every task refused, not only the first; the
  // transaction is rolled back (nothing written) as soon as one is.
  for (const TaskClosing& closing : closings) {
    auto one = apply_task_closing(closing, writes);
    if (one) {
      closed.push_back(std::move(one).value());
    } else {
      refusals.push_back(one.error().message);
    }
  }
  if (refusals.size() == 1 && closings.size() == 1) return Error{refusals.front()};
  if (!refusals.empty()) {
    std::string message = "nothing was changed: " + std::to_string(refusals.size()) + " of " +
                          std::to_string(closings.size()) + " tasks cannot be closed:";
    for (const std::string& refusal : refusals) message += "\n  " + refusal;
    return Error{message};
  }
  if (auto written = write_outside_run(database_, writes); !written) return written.error();
  if (jsonl) {
    std::vector<std::string> lines;
    for (const TaskClosed& one : closed) lines.push_back(action_to_json(one.action));
    if (auto queued = queue_jsonl(jsonl->string(), lines); !queued) return queued.error();
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
    writes.add_event({invoice, task.customer, closing.date, effect_of(closing.to).event, detail});
  }
  return TaskClosed{std::move(task), std::move(action)};
}

}  // namespace dun

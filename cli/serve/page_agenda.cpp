// The agenda: the tasks (my tasks by default) with the CLI's filters, many selected at once and
// confirmed, cancelled or completed in one transaction (close_agenda_tasks, as `dun agenda
// confirm IDS…`), their letters printed as one PDF (batch_task_letters, as `dun agenda print`),
// or confirmed and delivered at once (a delivery pass for those actions, as `dun deliver`).
#include <charconv>

#include "adapters/delivery_pass.hpp"
#include "adapters/task_letters.hpp"
#include "cli/output/agenda_show.hpp"
#include "cli/serve/workspace.hpp"
#include "documents/action_document.hpp"
#include "engine/run/agenda.hpp"
#include "stdlib/join.hpp"

namespace dun::cli {
namespace {

constexpr std::int64_t kAgendaPage = 100;

std::optional<std::int64_t> task_id(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// The agenda's filter from the query; "" for a field means no filter on it. Without an assignee
// field at all the page shows the user's own tasks.
Result<TaskFilter> agenda_filter(const WebCall& call) {
  TaskFilter filter;
  auto text = [&](const char* name) -> std::optional<std::string> {
    const std::string value = call.param(name);
    return value.empty() ? std::nullopt : std::optional<std::string>(value);
  };
  filter.customer = text("customer");
  filter.assignee = call.has("assignee") ? text("assignee") : call.session.user;
  filter.step = text("step");
  filter.scenario = text("scenario");
  if (auto kind = text("kind")) {
    filter.kind = parse_task_kind(*kind);
    if (!filter.kind) return Error{"kind '" + *kind + "' is not confirm or task"};
  }
  for (auto [name, target] : {std::pair{"created_before", &filter.created_before},
                              std::pair{"created_after", &filter.created_after}}) {
    if (auto value = text(name)) {
      *target = Date::parse(*value);
      if (!*target)
        return Error{std::string(name) + " '" + *value + "' is not a date (YYYY-MM-DD)"};
    }
  }
  filter.open_only = call.param("status") != "all";
  if (auto after = text("after")) {
    auto id = task_id(*after);
    if (!id) return Error{"after '" + *after + "' is not a task id"};
    filter.after_id = *id;
  }
  filter.limit = kAgendaPage + 1;
  return filter;
}

}  // namespace

void Workspace::agenda(WebCall& call) {
  auto filter = agenda_filter(call);
  if (!filter) {
    send_message(call, 400, "Bad request", {filter.error().message}, "/agenda");
    return;
  }
  auto tasks = store_.list_tasks(*filter);
  if (!tasks) {
    send_message(call, 500, "The agenda cannot be read", {tasks.error().message}, "/");
    return;
  }
  const bool more = tasks->size() > static_cast<std::size_t>(kAgendaPage);
  if (more) tasks.value().pop_back();
  PageData rows(PageData::type::list);
  for (const Task& task : *tasks) {
    PageData row;
    row.set("id", std::to_string(task.id));
    row.set("kind", std::string(to_string(task.kind)));
    row.set("status", std::string(to_string(task.status)));
    row.set("open", task.status == TaskStatus::open);
    row.set("created", task.created_on.to_string());
    row.set("due", task.due_on ? task.due_on->to_string() : "");
    row.set("customer", task.customer);
    row.set("customer_url", "/customer/" + url_encoded(task.customer));
    row.set("invoices", join(task.invoices, ", "));
    row.set("step", task.scenario + " / " + task.step);
    row.set("assignee", task.assignee);
    row.set("text", task.text);
    auto action = store_.find_action(task.action_id);
    if (action && *action) row.set("channel", std::string(to_string((*action)->channel)));
    rows.push_back(row);
  }
  PageData data;
  data.set("tasks", rows);
  data.set("empty", tasks->empty());
  data.set("customer", filter->customer.value_or(""));
  data.set("assignee", filter->assignee.value_or(""));
  data.set("step", filter->step.value_or(""));
  data.set("scenario", filter->scenario.value_or(""));
  data.set("kind_confirm", filter->kind == TaskKind::confirm);
  data.set("kind_task", filter->kind == TaskKind::task);
  data.set("all", !filter->open_only);
  data.set("created_before", filter->created_before ? filter->created_before->to_string() : "");
  data.set("created_after", filter->created_after ? filter->created_after->to_string() : "");
  if (more) {
    data.set("next_url", "/agenda?customer=" + url_encoded(filter->customer.value_or("")) +
                             "&assignee=" + url_encoded(filter->assignee.value_or("")) +
                             "&step=" + url_encoded(filter->step.value_or("")) +
                             "&scenario=" + url_encoded(filter->scenario.value_or("")) +
                             "&kind=" + url_encoded(call.param("kind")) +
                             "&created_before=" + url_encoded(call.param("created_before")) +
                             "&created_after=" + url_encoded(call.param("created_after")) +
                             "&status=" + url_encoded(call.param("status")) +
                             "&after=" + std::to_string(tasks->back().id));
  }
  send_page(call, "Agenda", "agenda", std::move(data));
}

void Workspace::task_preview(WebCall& call) {
  const std::string id_text = call.request.matches[1];
  auto id = task_id(id_text);
  auto task = id ? store_.find_task(*id) : Result<std::optional<Task>>(std::optional<Task>());
  if (!task || !*task) {
    send_message(call, 404, "Unknown task", {"There is no task " + id_text + " in the agenda."},
                 "/agenda");
    return;
  }
  auto action = store_.find_action((*task)->action_id);
  if (!action || !*action) {
    send_message(call, 500, "The task's action is missing", {(*task)->action_id}, "/agenda");
    return;
  }
  PageData data;
  data.set("id", id_text);
  data.set("fields", task_fields_text(**task, **action));
  data.set("open", (*task)->status == TaskStatus::open);
  data.set("is_confirm", (*task)->kind == TaskKind::confirm);
  data.set("is_task", (*task)->kind == TaskKind::task);
  if ((*task)->kind == TaskKind::confirm) {
    data.set("document_url", "/action/" + url_encoded((*action)->id) + "/document");
    auto context = snapshot_context();
    if (!context) {
      data.set("problem", context.error().message);
    } else {
      ActionDocuments documents(**context);
      auto rendered = documents.render_with_parts(**action);
      if (rendered) {
        data.set("preview", document_preview_text(**action, *rendered));
      } else {
        data.set("problem", rendered.error().message);
      }
    }
  }
  send_page(call, "Task " + id_text, "task", std::move(data));
}

void Workspace::agenda_post(WebCall& call) {
  const std::string operation = call.param("op");
  std::vector<std::int64_t> ids;
  for (const std::string& text : call.params("task")) {
    auto id = task_id(text);
    if (!id) {
      send_message(call, 400, "Nothing was changed", {"'" + text + "' is not a task id."},
                   "/agenda");
      return;
    }
    ids.push_back(*id);
  }
  if (ids.empty()) {
    send_message(call, 400, "Nothing was changed",
                 {"No task selected: tick the tasks to act on first."}, "/agenda");
    return;
  }
  if (operation == "print") {
    std::vector<Task> tasks;
    for (std::int64_t id : ids) {
      auto task = store_.find_task(id);
      if (!task || !*task) {
        send_message(call, 400, "Nothing was printed",
                     {"There is no task " + std::to_string(id) + "."}, "/agenda");
        return;
      }
      tasks.push_back(**task);
    }
    auto context = snapshot_context();
    if (!context) {
      send_message(call, 500, "Nothing was printed", {context.error().message}, "/agenda");
      return;
    }
    auto batch = adapters::batch_task_letters(store_, **context, tasks);
    if (!batch) {
      send_message(call, 400, "Nothing was printed", {batch.error().message}, "/agenda");
      return;
    }
    call.response.set_header("Content-Disposition", "attachment; filename=\"agenda-letters.pdf\"");
    call.response.set_content(batch->pdf, "application/pdf");
    return;
  }
  AgendaVerb verb;
  if (operation == "confirm" || operation == "send") {
    verb = AgendaVerb::confirm;
  } else if (operation == "cancel") {
    verb = AgendaVerb::cancel;
  } else if (operation == "complete") {
    verb = AgendaVerb::complete;
  } else {
    send_message(call, 400, "Nothing was changed",
                 {"'" + operation + "' is not confirm, cancel, complete, print or send."},
                 "/agenda");
    return;
  }
  std::optional<adapters::AdapterSet> adapter_set;
  if (operation == "send") {
    // The adapters are checked before anything is confirmed: a send that cannot deliver changes
    // nothing.
    auto built = adapters::build_adapters(options_.config);
    if (!built) {
      send_message(call, 500, "Nothing was changed", {built.error().message}, "/agenda");
      return;
    }
    adapter_set = std::move(built).value();
  }
  auto writer = page_writer(call, "/agenda");
  if (!writer) return;
  const Date date = change_date();
  auto outcomes = close_agenda_tasks(*writer, ids, verb, date, call.session.user, std::nullopt);
  if (!outcomes) {
    send_message(call, 409, "Nothing was changed", {outcomes.error().message}, "/agenda");
    return;
  }
  notice_commits();  // this request's own commit: the caches follow it
  std::vector<std::string> lines;
  std::vector<std::string> confirmed_actions;
  for (const AgendaOutcome& outcome : *outcomes) {
    const TaskClosed& closed = outcome.closed;
    std::string line = "Task " + std::to_string(closed.task.id) + " " +
                       std::string(to_string(closed.task.status)) + " by " + call.session.user;
    if (!closed.task.note.empty()) line += " (" + closed.task.note + ")";
    line += "; action " + std::string(to_string(closed.action.status)) + ".";
    if (!outcome.dropped.empty()) {
      line += " Dropped (settled, stopped or paused since): " + join(outcome.dropped, ", ") + ".";
    }
    if (closed.action.status == ActionStatus::queued) confirmed_actions.push_back(closed.action.id);
    lines.push_back(line);
  }
  if (adapter_set && !confirmed_actions.empty()) {
    auto documents = snapshot_documents(options_.config, options_.config.engine.snapshot,
                                        options_.config.engine.templates, date);
    adapters::DeliveryRequest request;
    request.date = date;
    request.mode = adapters::DeliveryMode::at_once;
    request.only_actions = confirmed_actions;
    auto pass =
        adapters::deliver_outbox(*writer, *adapter_set, options_.config, *documents, request);
    if (!pass) {
      lines.push_back("Delivery failed: " + pass.error().message);
    } else {
      lines.push_back("Delivered now: " + std::to_string(pass->sent) + " sent, " +
                      std::to_string(pass->failed + pass->exhausted) + " failed.");
      for (const std::string& problem : pass->problems) lines.push_back(problem);
    }
  }
  const char* done = operation == "send"       ? "confirmed and sent"
                     : operation == "confirm"  ? "confirmed"
                     : operation == "complete" ? "completed"
                                               : "cancelled";
  send_message(
      call, 200,
      std::to_string(outcomes->size()) + (outcomes->size() == 1 ? " task " : " tasks ") + done,
      lines, "/agenda");
}

}  // namespace dun::cli

#include "engine/store/store_batch.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "engine/model/action_json.hpp"

namespace dun {

namespace {

constexpr std::string_view kUpsertSequence = R"sql(
INSERT INTO sequences (invoice_id, customer_id, scenario, state, last_step, started_on, updated_on)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (invoice_id) DO UPDATE SET
  customer_id = excluded.customer_id, scenario = excluded.scenario, state = excluded.state,
  last_step = excluded.last_step, started_on = excluded.started_on,
  updated_on = excluded.updated_on)sql";

constexpr std::string_view kUpsertStepEvent = R"sql(
INSERT INTO step_events (invoice_id, scenario, step, status, reason, event_date, action_id,
                         repetition)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, COALESCE(?8, 0))
ON CONFLICT (invoice_id, scenario, step) DO UPDATE SET
  status = excluded.status, reason = excluded.reason, event_date = excluded.event_date,
  action_id = excluded.action_id, repetition = COALESCE(?8, step_events.repetition))sql";

// The idempotency of the outbox: an id already there is left untouched (changes() == 0).
constexpr std::string_view kInsertAction = R"sql(
INSERT INTO actions (id, created_on, status_on, scenario, step, position, channel, letter_type,
                     mode, customer_id, invoices, template, language, recipient, copy, status,
                     attempts, last_error, provider_ref, payload, postage)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
        ?21)
ON CONFLICT (id) DO NOTHING)sql";

constexpr std::string_view kInsertActionInvoice =
    "INSERT OR IGNORE INTO action_invoices (action_id, invoice_id) VALUES (?1, ?2)";

constexpr std::string_view kInsertTask = R"sql(
INSERT INTO tasks (kind, status, created_on, scenario, step, customer_id, invoices, action_id,
                   assignee, text, due_on, closed_on, closed_by, note)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
ON CONFLICT (action_id) DO NOTHING)sql";

constexpr std::string_view kInsertEvent = R"sql(
INSERT INTO events (invoice_id, customer_id, event_date, kind, detail, run_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";

constexpr std::string_view kInsertQuarantine = R"sql(
INSERT INTO quarantine (run_id, file, line, column_name, reason, raw_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";

// The positions of `rows` in the order of their table's primary key. A b-tree filled in key order
// appends to its rightmost pages, which stay hot and end full; in the run's order (scenario by
// scenario, then step events after their decisions) every insert lands on a different page, and
// a first run of a million invoices dirtied several times more pages. The sort is stable: a key
// written twice in one batch (a sequence closed for one scenario and started for another, a step
// event the agenda upkeep rewrites) keeps its last value.
template <typename Row, typename Key>
std::vector<std::uint32_t> key_order(const std::vector<Row>& rows, Key key) {
  std::vector<std::uint32_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key(rows[a]) < key(rows[b]); });
  return order;
}

std::optional<std::string> optional_date(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return date->to_string();
}

}  // namespace

Result<BatchWriter> BatchWriter::prepare(sqlite::Database& database) {
  auto sequence = database.prepare(kUpsertSequence);
  auto step_event = database.prepare(kUpsertStepEvent);
  auto action = database.prepare(kInsertAction);
  auto action_invoice = database.prepare(kInsertActionInvoice);
  auto task = database.prepare(kInsertTask);
  auto event = database.prepare(kInsertEvent);
  auto quarantine = database.prepare(kInsertQuarantine);
  for (const Error* failure :
       {sequence ? nullptr : &sequence.error(), step_event ? nullptr : &step_event.error(),
        action ? nullptr : &action.error(), action_invoice ? nullptr : &action_invoice.error(),
        task ? nullptr : &task.error(), event ? nullptr : &event.error(),
        quarantine ? nullptr : &quarantine.error()}) {
    if (failure != nullptr) return *failure;
  }
  return BatchWriter(database, std::move(sequence).value(), std::move(step_event).value(),
                     std::move(action).value(), std::move(action_invoice).value(),
                     std::move(task).value(), std::move(event).value(),
                     std::move(quarantine).value());
}

Status BatchWriter::write(const ChangeBatch& batch, std::optional<std::int64_t> run_id,
                          CommitReport& report) {
  const auto sequence_order =
      key_order(batch.sequences,
                [](const SequenceUpdate& row) -> std::string_view { return row.invoice_id; });
  for (const std::uint32_t i : sequence_order) {
    if (auto written = write_sequence(batch.sequences[i]); !written) return written;
  }
  const auto step_event_order = key_order(batch.step_events, [](const StepEvent& row) {
    return std::tie(row.invoice_id, row.scenario, row.step);
  });
  for (const std::uint32_t i : step_event_order) {
    if (auto written = write_step_event(batch.step_events[i]); !written) return written;
  }
  for (const Action& action : batch.actions) {
    if (auto written = write_action(action, report); !written) return written;
  }
  for (const Task& task : batch.tasks) {
    if (auto written = write_task(task, report); !written) return written;
  }
  for (const EventRow& event : batch.events) {
    if (auto written = write_event(event, run_id); !written) return written;
  }
  if (!batch.quarantine.empty() && !run_id) {
    return Error{"quarantined rows belong to a run: write them with commit_run"};
  }
  for (const QuarantinedRow& row : batch.quarantine) {
    if (auto written = write_quarantine(row, *run_id); !written) return written;
  }
  return Status::Ok();
}

// The batch's strings and the names of the states outlive each row's run(), so they are bound
// without a copy; the dates, formatted here, are copied.
Status BatchWriter::write_sequence(const SequenceUpdate& update) {
  return sequence_.bind_static(1, update.invoice_id)
      .bind_static(2, update.customer_id)
      .bind_static(3, update.scenario)
      .bind_static(4, to_string(update.state))
      .bind_static_or_null(5, update.last_step)
      .bind(6, update.started_on.to_string())
      .bind(7, update.updated_on.to_string())
      .run();
}

Status BatchWriter::write_step_event(const StepEvent& event) {
  step_event_.bind_static(1, event.invoice_id)
      .bind_static(2, event.scenario)
      .bind_static(3, event.step)
      .bind_static(4, to_string(event.status))
      .bind_static_or_null(5, event.reason)
      .bind(6, event.date.to_string())
      .bind_static_or_null(7, event.action_id);
  if (event.repetition) {
    step_event_.bind(8, std::int64_t{*event.repetition});
  } else {
    step_event_.bind_null(8);
  }
  return step_event_.run();
}

Status BatchWriter::write_action(const Action& action, CommitReport& report) {
  const std::optional<std::string> letter_type =
      action.letter_type ? std::optional<std::string>(to_string(*action.letter_type))
                         : std::nullopt;
  const std::optional<std::string> postage =
      action.postage ? std::optional<std::string>(to_string(*action.postage)) : std::nullopt;
  auto inserted = action_.bind(1, action.id)
                      .bind(2, action.created_on.to_string())
                      .bind(3, action.status_on.to_string())
                      .bind(4, action.scenario)
                      .bind(5, action.step)
                      .bind(6, std::int64_t{action.position})
                      .bind(7, to_string(action.channel))
                      .bind(8, letter_type)
                      .bind(9, to_string(action.mode))
                      .bind(10, action.customer)
                      .bind(11, string_list_to_json(action.invoices))
                      .bind_or_null(12, action.template_name)
                      .bind_or_null(13, action.language)
                      .bind_or_null(14, action.to)
                      .bind(15, string_list_to_json(action.copy))
                      .bind(16, to_string(action.status))
                      .bind(17, std::int64_t{action.attempts})
                      .bind_or_null(18, action.last_error)
                      .bind_or_null(19, action.provider_ref)
                      .bind(20, action.payload)
                      .bind(21, postage)
                      .run();
  if (!inserted) return inserted;
  if (database_->changes() == 0) {
    report.duplicate_action_ids.push_back(action.id);
    return Status::Ok();
  }
  ++report.actions_created;
  inserted_actions_.push_back(action.id);
  for (const std::string& invoice : action.invoices) {
    if (auto linked = action_invoice_.bind(1, action.id).bind(2, invoice).run(); !linked) {
      return linked;
    }
  }
  return Status::Ok();
}

Status BatchWriter::write_task(const Task& task, CommitReport& report) {
  auto inserted = task_.bind(1, to_string(task.kind))
                      .bind(2, to_string(task.status))
                      .bind(3, task.created_on.to_string())
                      .bind(4, task.scenario)
                      .bind(5, task.step)
                      .bind(6, task.customer)
                      .bind(7, string_list_to_json(task.invoices))
                      .bind(8, task.action_id)
                      .bind_or_null(9, task.assignee)
                      .bind(10, task.text)
                      .bind(11, optional_date(task.due_on))
                      .bind(12, optional_date(task.closed_on))
                      .bind_or_null(13, task.closed_by)
                      .bind_or_null(14, task.note)
                      .run();
  if (!inserted) return inserted;
  if (database_->changes() == 0) {
    report.duplicate_task_action_ids.push_back(task.action_id);
    return Status::Ok();
  }
  Task created = task;
  created.id = database_->last_insert_rowid();
  inserted_tasks_.push_back(created.id);
  report.tasks_created.push_back(std::move(created));
  return Status::Ok();
}

Status BatchWriter::write_event(const EventRow& event, std::optional<std::int64_t> run_id) {
  event_.bind_static_or_null(1, event.invoice_id)
      .bind_static_or_null(2, event.customer_id)
      .bind(3, event.date.to_string())
      .bind_static(4, to_string(event.kind))
      .bind_static(5, event.detail);
  if (run_id) {
    event_.bind(6, *run_id);
  } else {
    event_.bind_null(6);
  }
  return event_.run();
}

Status BatchWriter::write_quarantine(const QuarantinedRow& row, std::int64_t run_id) {
  return quarantine_.bind(1, run_id)
      .bind(2, row.source)
      .bind(3, row.position)
      .bind(4, row.column)
      .bind(5, row.reason)
      .bind(6, row.id)
      .run();
}

Status write_outside_run(sqlite::Database& database, const ChangeBatch& batch) {
  auto writer = BatchWriter::prepare(database);
  if (!writer) return writer.error();
  CommitReport ignored;  // agenda and delivery batches carry no new actions or tasks
  return writer.value().write(batch, std::nullopt, ignored);
}

}  // namespace dun

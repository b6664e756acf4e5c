#include "engine/store/store_batch.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "engine/model/action_json.hpp"

namespace dun {

namespace {

// The first change of a row in a run keeps its earlier values (existed = 1) or, for a row the run
// creates, only its key (existed = 0); later changes in the same run keep that first entry.
constexpr std::string_view kLogSequence = R"sql(
INSERT INTO undo_sequences (run_id, existed, invoice_id, customer_id, scenario, state, last_step,
                            started_on, updated_on)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING)sql";

constexpr std::string_view kLogStepEvent = R"sql(
INSERT INTO undo_step_events (run_id, existed, invoice_id, scenario, step, status, reason,
                              event_date, action_id, repetition)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING)sql";

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

// NULL (nullopt) for an empty text, as the tables stored optional names.
std::optional<std::string> text_or_null(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

}  // namespace

Result<BatchWriter> BatchWriter::prepare(sqlite::Database& database) {
  auto sequence = database.prepare(kLogSequence);
  auto step_event = database.prepare(kLogStepEvent);
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
  if (auto written = write_sequence_state(batch); !written) return written;
  for (const Action& action : batch.actions) {
    if (auto written = write_action(action, report); !written) return written;
  }
  for (const Task& task : batch.tasks) {
    if (auto written = write_task(task, report); !written) return written;
  }
  for (const HistoryEvent& event : batch.events) {
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

Status BatchWriter::write_sequence_state(const ChangeBatch& batch) {
  if (batch.sequences.empty() && batch.step_events.empty()) return Status::Ok();
  const auto sequence_order =
      key_order(batch.sequences,
                [](const SequenceUpdate& row) -> std::string_view { return row.invoice_id; });
  const auto step_event_order = key_order(batch.step_events, [](const StepEvent& row) {
    return std::tie(row.invoice_id, row.scenario, row.step);
  });
  std::vector<std::string> invoices;
  invoices.reserve(batch.sequences.size() + batch.step_events.size());
  {
    std::size_t s = 0;
    std::size_t e = 0;
    while (s < sequence_order.size() || e < step_event_order.size()) {
      std::string_view next;
      if (e == step_event_order.size() ||
          (s < sequence_order.size() && batch.sequences[sequence_order[s]].invoice_id <=
                                            batch.step_events[step_event_order[e]].invoice_id)) {
        next = batch.sequences[sequence_order[s++]].invoice_id;
      } else {
        next = batch.step_events[step_event_order[e++]].invoice_id;
      }
      if (invoices.empty() || invoices.back() != next) invoices.emplace_back(next);
    }
  }
  // Each invoice's sequence updates, then its step events, in the batch's order.
  std::size_t s = 0;
  std::size_t e = 0;
  return edit_sequence_entries(
      *database_, invoices,
      [&](std::string_view invoice, std::optional<SequenceEntry>& entry) -> Status {
        for (;
             s < sequence_order.size() && batch.sequences[sequence_order[s]].invoice_id == invoice;
             ++s) {
          if (auto applied = apply_sequence(batch.sequences[sequence_order[s]], entry); !applied) {
            return applied;
          }
        }
        for (; e < step_event_order.size() &&
               batch.step_events[step_event_order[e]].invoice_id == invoice;
             ++e) {
          if (auto applied = apply_step_event(batch.step_events[step_event_order[e]], entry);
              !applied) {
            return applied;
          }
        }
        return Status::Ok();
      });
}

Status BatchWriter::apply_sequence(const SequenceUpdate& update,
                                   std::optional<SequenceEntry>& entry) {
  if (undo_run_) {
    undo_sequence_.reset();
    undo_sequence_.bind(1, *undo_run_)
        .bind(2, std::int64_t{entry ? 1 : 0})
        .bind(3, update.invoice_id);
    if (entry) {
      undo_sequence_.bind(4, entry->customer_id)
          .bind(5, entry->scenario)
          .bind(6, entry->state)
          .bind(7, entry->last_step)
          .bind(8, entry->started_on)
          .bind(9, entry->updated_on);
    } else {
      for (int column = 4; column <= 9; ++column) undo_sequence_.bind_null(column);
    }
    if (auto logged = undo_sequence_.run(); !logged) return logged;
  }
  if (!entry) entry.emplace();
  entry->invoice_id = std::string_view(update.invoice_id);
  entry->customer_id = std::string_view(update.customer_id);
  entry->scenario = std::string_view(update.scenario);
  entry->state = to_string(update.state);
  entry->last_step = text_or_null(update.last_step);
  entry->started_on = update.started_on.to_string();
  entry->updated_on = update.updated_on.to_string();
  return Status::Ok();
}

Status BatchWriter::apply_step_event(const StepEvent& event, std::optional<SequenceEntry>& entry) {
  if (!entry) {
    return Error{"FOREIGN KEY constraint failed: a step event of invoice " +
                 std::string(event.invoice_id) + ", which has no sequence"};
  }
  auto& steps = entry->steps;
  const std::string_view scenario = event.scenario;
  const std::string_view step = event.step;
  auto at = std::lower_bound(steps.begin(), steps.end(), 0, [&](const StepEntry& stored, int) {
    return stored.scenario < scenario || (stored.scenario == scenario && stored.step < step);
  });
  const bool existed = at != steps.end() && at->scenario == scenario && at->step == step;
  if (undo_run_) {
    undo_step_event_.reset();
    undo_step_event_.bind(1, *undo_run_)
        .bind(2, std::int64_t{existed ? 1 : 0})
        .bind(3, event.invoice_id)
        .bind(4, event.scenario)
        .bind(5, event.step);
    if (existed) {
      undo_step_event_.bind(6, at->status)
          .bind(7, at->reason)
          .bind(8, at->event_date)
          .bind(9, at->action_id)
          .bind(10, at->repetition);
    } else {
      for (int column = 6; column <= 10; ++column) undo_step_event_.bind_null(column);
    }
    if (auto logged = undo_step_event_.run(); !logged) return logged;
  }
  if (!existed) {
    at = steps.insert(at, StepEntry{});
    at->scenario = scenario;
    at->step = step;
    at->repetition = 0;
  }
  at->status = to_string(event.status);
  at->reason = text_or_null(event.reason);
  at->event_date = event.date.to_string();
  at->action_id = text_or_null(event.action_id);
  if (event.repetition) at->repetition = *event.repetition;
  return Status::Ok();
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

Status BatchWriter::write_event(const HistoryEvent& event, std::optional<std::int64_t> run_id) {
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

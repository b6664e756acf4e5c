#include "engine/store/store_batch.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "engine/model/action_json.hpp"

namespace dun {

namespace {

// The batch's sequence rows, in key order (SequenceRows below). A key twice in one batch keeps its
// last row: the second conflicts with the first and updates it, as a second statement would.
// (`WHERE true`: SQLite's UPSERT after a SELECT needs a WHERE to parse.)
constexpr std::string_view kSequencesTable = "batch_sequences";
constexpr std::string_view kSequencesColumns =
    "invoice_id TEXT, customer_id TEXT, scenario TEXT, state TEXT, last_step TEXT, "
    "started_on TEXT, updated_on TEXT";
constexpr std::string_view kUpsertSequences = R"sql(
INSERT INTO sequences (invoice_id, customer_id, scenario, state, last_step, started_on, updated_on)
SELECT invoice_id, customer_id, scenario, state, last_step, started_on, updated_on
FROM batch_sequences WHERE true ORDER BY position
ON CONFLICT (invoice_id) DO UPDATE SET
  customer_id = excluded.customer_id, scenario = excluded.scenario, state = excluded.state,
  last_step = excluded.last_step, started_on = excluded.started_on,
  updated_on = excluded.updated_on)sql";

// The batch's step events, one row per key, in key order (step_event_writes). `repetition` NULL
// keeps the stored repetition (a confirmation, a skip, the agenda upkeep): those rows go in by a
// second statement that leaves the column alone, inserting 0. With one row per key, the two
// statements leave what writing the rows one by one would.
constexpr std::string_view kStepEventsTable = "batch_step_events";
constexpr std::string_view kStepEventsColumns =
    "invoice_id TEXT, scenario TEXT, step TEXT, status TEXT, reason TEXT, event_date TEXT, "
    "action_id TEXT, repetition INTEGER";
constexpr std::string_view kUpsertRepeatedStepEvents = R"sql(
INSERT INTO step_events (invoice_id, scenario, step, status, reason, event_date, action_id,
                         repetition)
SELECT invoice_id, scenario, step, status, reason, event_date, action_id, repetition
FROM batch_step_events WHERE repetition IS NOT NULL ORDER BY position
ON CONFLICT (invoice_id, scenario, step) DO UPDATE SET
  status = excluded.status, reason = excluded.reason, event_date = excluded.event_date,
  action_id = excluded.action_id, repetition = excluded.repetition)sql";
constexpr std::string_view kUpsertOtherStepEvents = R"sql(
INSERT INTO step_events (invoice_id, scenario, step, status, reason, event_date, action_id,
                         repetition)
SELECT invoice_id, scenario, step, status, reason, event_date, action_id, 0
FROM batch_step_events WHERE repetition IS NULL ORDER BY position
ON CONFLICT (invoice_id, scenario, step) DO UPDATE SET
  status = excluded.status, reason = excluded.reason, event_date = excluded.event_date,
  action_id = excluded.action_id)sql";

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

// The batch's history events, in its order: their ids, and so the order of one day's events,
// follow it.
constexpr std::string_view kEventsTable = "batch_events";
constexpr std::string_view kEventsColumns =
    "invoice_id TEXT, customer_id TEXT, event_date TEXT, kind TEXT, detail TEXT";
constexpr std::string_view kInsertEvents = R"sql(
INSERT INTO events (invoice_id, customer_id, event_date, kind, detail, run_id)
SELECT invoice_id, customer_id, event_date, kind, detail, ?1
FROM batch_events ORDER BY position)sql";

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

// Frees a written table's rows, capacity included (clear() would keep it).
template <typename Row>
void free_rows(std::vector<Row>& rows) {
  std::vector<Row>().swap(rows);
}

std::optional<std::string> optional_date(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return date->to_string();
}

// batch_sequences: the sequence rows in `order`.
class SequenceRows final : public RowSource {
 public:
  SequenceRows(const std::vector<SequenceUpdate>& rows, const std::vector<std::uint32_t>& order)
      : rows_(rows), order_(order) {}
  std::size_t size() const override { return order_.size(); }
  void column(std::size_t row, int column, sqlite3_context* context) const override {
    const SequenceUpdate& update = rows_[order_[row]];
    switch (column) {
      case 0:
        return result_static_text(context, update.invoice_id);
      case 1:
        return result_static_text(context, update.customer_id);
      case 2:
        return result_static_text(context, update.scenario);
      case 3:
        return result_static_text(context, to_string(update.state));
      case 4:
        return result_static_text(context, update.last_step, /*nullable=*/true);
      case 5:
        return result_copied_text(context, update.started_on.to_string());
      default:
        return result_copied_text(context, update.updated_on.to_string());
    }
  }

 private:
  const std::vector<SequenceUpdate>& rows_;
  const std::vector<std::uint32_t>& order_;
};

// The history's indexes (events by invoice, by customer) while a batch at least as large as the
// history goes in, a first run's: dropped before the insert and built again after it, from the
// schema's own CREATE INDEX text, in the same transaction. SQLite keeps an index up to date row by
// row, and the batch comes in the order of the customers, so each event's entry in
// events_by_invoice lands at a random place of an index larger than the commit's page cache
// (pages spilled to the WAL and read back). Built afresh, an index is one sort and an append in
// key order: at 1M invoices the two indexes of 325k events take 0.26 s of CPU built, against
// ~0.4 s maintained; at 10M the maintained index grows superlinearly (bench/RESULTS.md, eighth
// round). A smaller batch keeps them: rebuilding costs the whole history, inserting only the
// batch.
class HistoryIndexes {
 public:
  static Result<HistoryIndexes> set_aside_for(sqlite::Database& database, std::size_t batch_rows) {
    HistoryIndexes indexes;
    std::vector<std::string> names;
    {  // the reads end before the DROPs: SQLite refuses DDL while a statement reads
      // max(id) reads one page, and is at least the number of events (ids are never reused).
      auto largest = database.prepare("SELECT coalesce(max(id), 0) FROM events");
      if (!largest) return largest.error();
      auto row = largest.value().step();
      if (!row) return row.error();
      if (static_cast<std::int64_t>(batch_rows) < largest.value().column_int64(0)) return indexes;
      largest.value().reset();
      auto listed = database.prepare(
          "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND "
          "sql IS NOT NULL ORDER BY name");
      if (!listed) return listed.error();
      for (;;) {
        auto next = listed.value().step();
        if (!next) return next.error();
        if (!*next) break;
        names.emplace_back(listed.value().column_text(0));
        indexes.definitions_.emplace_back(listed.value().column_text(1));
      }
    }
    // The names come from the schema, never from input.
    for (const std::string& name : names) {
      if (auto dropped = database.execute("DROP INDEX \"" + name + "\""); !dropped) {
        return dropped.error();
      }
    }
    return indexes;
  }

  Status build_again(sqlite::Database& database) const {
    for (const std::string& definition : definitions_) {
      if (auto created = database.execute(definition); !created) return created;
    }
    return Status::Ok();
  }

 private:
  std::vector<std::string> definitions_;  // empty: nothing was set aside
};

// One write of a step event's key: the batch's last row for it, with the last repetition any of its
// rows gave (nullopt: none did).
struct StepEventWrite {
  std::uint32_t row;
  std::optional<int> repetition;
};

// The writes of `rows`, one per key, in key order. A key written twice in one batch (a step event
// the agenda upkeep rewrites) becomes the write its rows leave one after the other: the last
// row's values, and the last repetition given.
std::vector<StepEventWrite> step_event_writes(const std::vector<StepEvent>& rows) {
  const auto key = [](const StepEvent& row) {
    return std::tie(row.invoice_id, row.scenario, row.step);
  };
  std::vector<StepEventWrite> writes;
  writes.reserve(rows.size());
  for (const std::uint32_t i : key_order(rows, key)) {
    if (!writes.empty() && key(rows[writes.back().row]) == key(rows[i])) {
      writes.back().row = i;
      if (rows[i].repetition) writes.back().repetition = rows[i].repetition;
    } else {
      writes.push_back({i, rows[i].repetition});
    }
  }
  return writes;
}

// batch_step_events: the writes of step_event_writes.
class StepEventRows final : public RowSource {
 public:
  StepEventRows(const std::vector<StepEvent>& rows, const std::vector<StepEventWrite>& writes)
      : rows_(rows), writes_(writes) {}
  std::size_t size() const override { return writes_.size(); }
  void column(std::size_t row, int column, sqlite3_context* context) const override {
    const StepEventWrite& write = writes_[row];
    const StepEvent& event = rows_[write.row];
    switch (column) {
      case 0:
        return result_static_text(context, event.invoice_id);
      case 1:
        return result_static_text(context, event.scenario);
      case 2:
        return result_static_text(context, event.step);
      case 3:
        return result_static_text(context, to_string(event.status));
      case 4:
        return result_static_text(context, event.reason, /*nullable=*/true);
      case 5:
        return result_copied_text(context, event.date.to_string());
      case 6:
        return result_static_text(context, event.action_id, /*nullable=*/true);
      default:
        return result_integer_or_null(context, write.repetition);
    }
  }

 private:
  const std::vector<StepEvent>& rows_;
  const std::vector<StepEventWrite>& writes_;
};

// batch_events: the history events, in the batch's order.
class EventRows final : public RowSource {
 public:
  explicit EventRows(const std::vector<EventRow>& rows) : rows_(rows) {}
  std::size_t size() const override { return rows_.size(); }
  void column(std::size_t row, int column, sqlite3_context* context) const override {
    const EventRow& event = rows_[row];
    switch (column) {
      case 0:
        return result_static_text(context, event.invoice_id, /*nullable=*/true);
      case 1:
        return result_static_text(context, event.customer_id, /*nullable=*/true);
      case 2:
        return result_copied_text(context, event.date.to_string());
      case 3:
        return result_static_text(context, to_string(event.kind));
      default:
        return result_static_text(context, event.detail);
    }
  }

 private:
  const std::vector<EventRow>& rows_;
};

}  // namespace

Result<BatchWriter> BatchWriter::prepare(sqlite::Database& database) {
  // The tables first: the statements that read them are compiled against them.
  auto sequences_table = BatchRowsTable::register_on(database, std::string(kSequencesTable),
                                                     std::string(kSequencesColumns));
  if (!sequences_table) return sequences_table.error();
  auto events_table =
      BatchRowsTable::register_on(database, std::string(kEventsTable), std::string(kEventsColumns));
  if (!events_table) return events_table.error();
  auto step_events_table = BatchRowsTable::register_on(database, std::string(kStepEventsTable),
                                                       std::string(kStepEventsColumns));
  if (!step_events_table) return step_events_table.error();
  auto sequences = database.prepare(kUpsertSequences);
  auto repeated_step_events = database.prepare(kUpsertRepeatedStepEvents);
  auto other_step_events = database.prepare(kUpsertOtherStepEvents);
  auto action = database.prepare(kInsertAction);
  auto action_invoice = database.prepare(kInsertActionInvoice);
  auto task = database.prepare(kInsertTask);
  auto events = database.prepare(kInsertEvents);
  auto quarantine = database.prepare(kInsertQuarantine);
  for (const Error* failure :
       {sequences ? nullptr : &sequences.error(),
        repeated_step_events ? nullptr : &repeated_step_events.error(),
        other_step_events ? nullptr : &other_step_events.error(),
        action ? nullptr : &action.error(), action_invoice ? nullptr : &action_invoice.error(),
        task ? nullptr : &task.error(), events ? nullptr : &events.error(),
        quarantine ? nullptr : &quarantine.error()}) {
    if (failure != nullptr) return *failure;
  }
  return BatchWriter(database, Tables{*sequences_table, *step_events_table, *events_table},
                     std::move(sequences).value(), std::move(repeated_step_events).value(),
                     std::move(other_step_events).value(), std::move(action).value(),
                     std::move(action_invoice).value(), std::move(task).value(),
                     std::move(events).value(), std::move(quarantine).value());
}

Status BatchWriter::write(const ChangeBatch& batch, ChangeBatch* release,
                          std::optional<std::int64_t> run_id, CommitReport& report) {
  if (auto written = write_sequences(batch.sequences); !written) return written;
  if (release != nullptr) free_rows(release->sequences);
  if (auto written = write_step_events(batch.step_events); !written) return written;
  if (release != nullptr) free_rows(release->step_events);
  for (const Action& action : batch.actions) {
    if (auto written = write_action(action, report); !written) return written;
  }
  for (const Task& task : batch.tasks) {
    if (auto written = write_task(task, report); !written) return written;
  }
  if (auto written =
          write_events(batch.events, run_id, release != nullptr ? &release->events : nullptr);
      !written) {
    return written;
  }
  if (!batch.quarantine.empty() && !run_id) {
    return Error{"quarantined rows belong to a run: write them with commit_run"};
  }
  for (const QuarantinedRow& row : batch.quarantine) {
    if (auto written = write_quarantine(row, *run_id); !written) return written;
  }
  return Status::Ok();
}

// The batch's strings and the names of the states outlive each statement, so they are handed to
// SQLite without a copy; the dates, formatted on the way, are copied.
Status BatchWriter::write_sequences(const std::vector<SequenceUpdate>& rows) {
  if (rows.empty()) return Status::Ok();
  const auto order =
      key_order(rows, [](const SequenceUpdate& row) -> std::string_view { return row.invoice_id; });
  const SequenceRows source(rows, order);
  const BatchRowsTable::Scope installed(tables_.sequences, source);
  return sequences_.run();
}

Status BatchWriter::write_step_events(const std::vector<StepEvent>& rows) {
  if (rows.empty()) return Status::Ok();
  const std::vector<StepEventWrite> writes = step_event_writes(rows);
  const StepEventRows source(rows, writes);
  const BatchRowsTable::Scope installed(tables_.step_events, source);
  if (auto written = repeated_step_events_.run(); !written) return written;
  return other_step_events_.run();
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

Status BatchWriter::write_events(const std::vector<EventRow>& rows,
                                 std::optional<std::int64_t> run_id,
                                 std::vector<EventRow>* release) {
  if (rows.empty()) return Status::Ok();
  auto rebuilt = HistoryIndexes::set_aside_for(*database_, rows.size());
  if (!rebuilt) return rebuilt.error();
  {
    const EventRows source(rows);
    const BatchRowsTable::Scope installed(tables_.events, source);
    if (run_id) {
      events_.bind(1, *run_id);
    } else {
      events_.bind_null(1);
    }
    if (auto inserted = events_.run(); !inserted) return inserted;
  }
  // The rows are in: the index build's sort does not need them beside it.
  if (release != nullptr) free_rows(*release);
  return rebuilt->build_again(*database_);
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

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
constexpr std::string_view kSequencesColumns[] = {
    "invoice_id TEXT", "customer_id TEXT", "scenario TEXT",  "state TEXT",
    "last_step TEXT",  "started_on TEXT",  "updated_on TEXT"};
constexpr std::string_view kUpsertSequences = R"sql(
INSERT INTO sequences (invoice_id, customer_id, scenario, state, last_step, started_on, updated_on)
SELECT invoice_id, customer_id, scenario, state, last_step, started_on, updated_on
FROM batch_sequences WHERE true ORDER BY position
ON CONFLICT (invoice_id) DO UPDATE SET
  customer_id = excluded.customer_id, scenario = excluded.scenario, state = excluded.state,
  last_step = excluded.last_step, started_on = excluded.started_on,
  updated_on = excluded.updated_on)sql";

// The same writes one row at a time (a steady day's few thousand rows among millions).
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

constexpr std::string_view kInsertEvent = R"sql(
INSERT INTO events (invoice_id, customer_id, event_date, kind, detail, run_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6))sql";

// The batch's step events, one row per key, in key order (step_event_writes). `repetition` NULL
// keeps the stored repetition (a confirmation, a skip, the agenda upkeep): those rows go in by a
// second statement that leaves the column alone, inserting 0. With one row per key, the two
// statements leave what writing the rows one by one would.
constexpr std::string_view kStepEventsTable = "batch_step_events";
constexpr std::string_view kStepEventsColumns[] = {
    "invoice_id TEXT", "scenario TEXT",   "step TEXT",      "status TEXT",
    "reason TEXT",     "event_date TEXT", "action_id TEXT", "repetition INTEGER"};
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
constexpr std::string_view kEventsColumns[] = {"invoice_id TEXT", "customer_id TEXT",
                                               "event_date TEXT", "kind TEXT", "detail TEXT"};
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

// Whether `table` holds no row yet (one page read).
Result<bool> table_is_empty(sqlite::Database& database, std::string_view table) {
  // The name is one of the writer's own constants, never input.
  auto any = database.prepare("SELECT NOT EXISTS (SELECT 1 FROM " + std::string(table) + ")");
  if (!any) return any.error();
  auto row = any.value().step();
  if (!row) return row.error();
  return *row && any.value().column_int64(0) != 0;
}

// batch_sequences: the sequence rows in `order`. The batch's strings and the names of the states
// outlive the statement, so they are handed to SQLite without a copy; the dates are copied.
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

  bool set_aside() const { return !definitions_.empty(); }

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

Result<BatchWriter::Statements> BatchWriter::prepare_statements(sqlite::Database& database) {
  const std::string_view texts[] = {kUpsertSequences,       kUpsertRepeatedStepEvents,
                                    kUpsertOtherStepEvents, kInsertEvents,
                                    kUpsertSequence,        kUpsertStepEvent,
                                    kInsertEvent,           kInsertAction,
                                    kInsertActionInvoice,   kInsertTask,
                                    kInsertQuarantine};
  std::vector<sqlite::Statement> prepared;
  for (const std::string_view text : texts) {
    auto statement = database.prepare(text);
    if (!statement) return statement.error();
    prepared.push_back(std::move(statement).value());
  }
  auto next = prepared.begin();
  const auto take = [&next] { return std::move(*next++); };
  return Statements{take(), take(), take(), take(), take(), take(),
                    take(), take(), take(), take(), take()};
}

Result<BatchWriter> BatchWriter::prepare(sqlite::Database& database) {
  // The tables first: the statements that read them are compiled against them.
  auto sequences_table = BatchRowsTable::register_on(database, kSequencesTable, kSequencesColumns);
  if (!sequences_table) return sequences_table.error();
  auto events_table = BatchRowsTable::register_on(database, kEventsTable, kEventsColumns);
  if (!events_table) return events_table.error();
  auto step_events_table =
      BatchRowsTable::register_on(database, kStepEventsTable, kStepEventsColumns);
  if (!step_events_table) return step_events_table.error();
  auto statements = prepare_statements(database);
  if (!statements) return statements.error();
  return BatchWriter(database, Tables{*sequences_table, *step_events_table, *events_table},
                     std::move(statements).value());
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

// Into an empty table (a first run) the rows go by one INSERT … SELECT; among existing rows by one
// execution per row. Inside a transaction SQLite keeps, for a statement that may fail half-way,
// the original of every page it changes (its statement journal): one statement changing a few
// thousand rows spread over a large table (a steady day's, among millions) keeps thousands of
// pages at once, where a statement per row keeps a few and reuses them. At 10M invoices a steady
// day's commit took 4.8 s of CPU the first way, 3.2 s the second (bench/RESULTS.md, eighth
// round). Into an empty table every page is new, and there is nothing to keep.
Status BatchWriter::write_sequences(const std::vector<SequenceUpdate>& rows) {
  if (rows.empty()) return Status::Ok();
  auto empty = table_is_empty(*database_, "sequences");
  if (!empty) return empty.error();
  const auto order =
      key_order(rows, [](const SequenceUpdate& row) -> std::string_view { return row.invoice_id; });
  if (!*empty) {
    for (const std::uint32_t i : order) {
      if (auto written = write_sequence(rows[i]); !written) return written;
    }
    return Status::Ok();
  }
  const SequenceRows source(rows, order);
  const BatchRowsTable::Scope installed(tables_.sequences, source);
  return statements_.all_sequences.run();
}

// The batch's strings and the names of the states outlive each row's run(), so they are bound
// without a copy; the dates, formatted here, are copied.
Status BatchWriter::write_sequence(const SequenceUpdate& update) {
  return statements_.sequence.bind_static(1, update.invoice_id)
      .bind_static(2, update.customer_id)
      .bind_static(3, update.scenario)
      .bind_static(4, to_string(update.state))
      .bind_static_or_null(5, update.last_step)
      .bind(6, update.started_on.to_string())
      .bind(7, update.updated_on.to_string())
      .run();
}

Status BatchWriter::write_step_events(const std::vector<StepEvent>& rows) {
  if (rows.empty()) return Status::Ok();
  auto empty = table_is_empty(*database_, "step_events");
  if (!empty) return empty.error();
  const std::vector<StepEventWrite> writes = step_event_writes(rows);
  if (!*empty) {
    for (const StepEventWrite& write : writes) {
      if (auto written = write_step_event(rows[write.row], write.repetition); !written) {
        return written;
      }
    }
    return Status::Ok();
  }
  const StepEventRows source(rows, writes);
  const BatchRowsTable::Scope installed(tables_.step_events, source);
  if (auto written = statements_.all_repeated_step_events.run(); !written) return written;
  return statements_.all_other_step_events.run();
}

Status BatchWriter::write_step_event(const StepEvent& event, std::optional<int> repetition) {
  sqlite::Statement& statement = statements_.step_event;
  statement.bind_static(1, event.invoice_id)
      .bind_static(2, event.scenario)
      .bind_static(3, event.step)
      .bind_static(4, to_string(event.status))
      .bind_static_or_null(5, event.reason)
      .bind(6, event.date.to_string())
      .bind_static_or_null(7, event.action_id);
  if (repetition) {
    statement.bind(8, std::int64_t{*repetition});
  } else {
    statement.bind_null(8);
  }
  return statement.run();
}

Status BatchWriter::write_action(const Action& action, CommitReport& report) {
  const std::optional<std::string> letter_type =
      action.letter_type ? std::optional<std::string>(to_string(*action.letter_type))
                         : std::nullopt;
  const std::optional<std::string> postage =
      action.postage ? std::optional<std::string>(to_string(*action.postage)) : std::nullopt;
  auto inserted = statements_.action.bind(1, action.id)
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
    if (auto linked = statements_.action_invoice.bind(1, action.id).bind(2, invoice).run();
        !linked) {
      return linked;
    }
  }
  return Status::Ok();
}

Status BatchWriter::write_task(const Task& task, CommitReport& report) {
  auto inserted = statements_.task.bind(1, to_string(task.kind))
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
  if (!rebuilt->set_aside()) {
    // The indexes are kept: each event among the existing ones, one execution each (as the
    // sequences, write_sequences).
    for (const EventRow& event : rows) {
      if (auto written = write_event(event, run_id); !written) return written;
    }
    return Status::Ok();
  }
  {
    const EventRows source(rows);
    const BatchRowsTable::Scope installed(tables_.events, source);
    sqlite::Statement& statement = statements_.all_events;
    if (run_id) {
      statement.bind(1, *run_id);
    } else {
      statement.bind_null(1);
    }
    if (auto inserted = statement.run(); !inserted) return inserted;
  }
  // The rows are in: the index build's sort does not need them beside it.
  if (release != nullptr) free_rows(*release);
  return rebuilt->build_again(*database_);
}

Status BatchWriter::write_event(const EventRow& event, std::optional<std::int64_t> run_id) {
  sqlite::Statement& statement = statements_.event;
  statement.bind_static_or_null(1, event.invoice_id)
      .bind_static_or_null(2, event.customer_id)
      .bind(3, event.date.to_string())
      .bind_static(4, to_string(event.kind))
      .bind_static(5, event.detail);
  if (run_id) {
    statement.bind(6, *run_id);
  } else {
    statement.bind_null(6);
  }
  return statement.run();
}

Status BatchWriter::write_quarantine(const QuarantinedRow& row, std::int64_t run_id) {
  return statements_.quarantine.bind(1, run_id)
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

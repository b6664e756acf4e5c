// `dun runs undo DATE`: the store rolled back over the run of DATE and every later run, as if they
// had never been made (docs/reliability.md, "Undoing runs").
//
// Why an undo log, and why this one. A run changes rows in place: a sequence's state and last
// step, a step event's status and repetition, an older task and its action closed by the agenda
// upkeep. Their earlier values are in no other table (the history says what happened, not every
// column as it was), so they cannot be rebuilt; they must be kept when the run overwrites them.
// The simplest correct keeper is SQLite itself: while a run commits, TEMP triggers on the five
// tables it changes in place copy each row's earlier values (or, for a row it inserts, only its
// key) into the table's undo_ twin, once per row and run. Nothing in the engine or the batch
// writer has to know: a write added to the run later is logged as well. The cost is one small
// insert per row the run writes, in the same transaction (bench/RESULTS.md); the rows a run only
// adds and tags with its id (events, quarantine) need no log. The triggers are TEMP, so they
// exist only on the committing connection and only during the commit: the agenda, delivery and
// override changes other commands make are never logged. The logs of the kUndoableRuns latest
// runs are kept.
//
// Two exceptions keep a run cheap. The rows a run adds to the outbox and the agenda (actions,
// their invoice links, tasks) are only ever inserted by the batch writer, which knows their keys:
// it hands them to log_outbox_inserts in one set-based statement per table instead of a trigger
// per row, whose statement journal cost more than the insert itself (bench/RESULTS.md). Their
// updates and deletions (the agenda upkeep) keep their triggers.
//
// The other exception keeps a first run cheap. The trigger's insert makes every row's upsert a
// statement that may fail after writing, for which SQLite keeps a statement journal: on a first
// run of a million invoices, whose sequences and step events are all inserts, the log tripled the
// commit (bench/RESULTS.md). A run on a store that holds no sequence yet is marked `fresh`
// instead, and its sequences and step events are not logged: before it both tables were empty
// (only runs write them), so its undo empties them.
//
// Undoing replays the logs backwards, newest run first: a row the run inserted is deleted, a row
// it changed or deleted gets its earlier values back; then the runs' events, quarantine rows,
// logs and run records go. All in one transaction: everything or nothing.
//
// What refuses an undo (nothing is changed then, and the message names each thing):
// - an action the runs created that an adapter was asked to deliver (an attempt made or in
//   flight, sent, failed): it cannot be taken back;
// - a collector's agenda change (confirm, complete, cancel) after the first of the runs on an
//   invoice those runs changed: undoing would undo the collector's work with them (a closed task
//   the runs created is one of these);
// - a run without an undo log (made by a dun before this one, older than the kept ones, or
//   copied by a reshard).
// Overrides, `dun send` actions and deliveries of older actions made since are kept: they touch
// no row of the runs' logs.
#include "engine/store/store_undo.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/fault_hook.hpp"
#include "engine/model/action_json.hpp"
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

// The tables a run changes in place, in the order an undo restores them: a task before its
// action (tasks.action_id refers to it), an action's invoices before the action, step events
// before their sequence (whose deletion cascades to them).
constexpr std::array<std::string_view, 5> kLoggedTables = {"tasks", "action_invoices", "actions",
                                                           "step_events", "sequences"};

// The two tables only runs write, which a fresh run does not log.
bool only_runs_write(std::string_view table) {
  return table == "step_events" || table == "sequences";
}

// The tables whose inserts log_outbox_inserts logs (the other tables' inserts have a trigger).
bool writer_logs_inserts(std::string_view table) { return !only_runs_write(table); }

struct TableColumns {
  std::string table;
  std::vector<std::string> columns;  // in the table's order
  std::vector<std::string> key;      // its primary key, in key order
};

Result<TableColumns> columns_of(sqlite::Database& database, std::string_view table) {
  auto info = database.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid");
  if (!info) return info.error();
  info.value().bind(1, table);
  TableColumns result{std::string(table), {}, {}};
  std::vector<std::pair<std::int64_t, std::string>> key;
  for (;;) {
    auto row = info.value().step();
    if (!row) return row.error();
    if (!*row) break;
    result.columns.emplace_back(info.value().column_text(0));
    if (const std::int64_t pk = info.value().column_int64(1); pk > 0) {
      key.emplace_back(pk, result.columns.back());
    }
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, name] : key) result.key.push_back(std::move(name));
  if (result.columns.empty() || result.key.empty()) {
    return Error{"the state store has no table " + std::string(table) + " with a primary key"};
  }
  return result;
}

// "prefix.a, prefix.b" (prefix empty: "a, b").
std::string joined(const std::vector<std::string>& names, std::string_view prefix = "") {
  std::string text;
  for (const std::string& name : names) {
    if (!text.empty()) text += ", ";
    text += std::string(prefix) + name;
  }
  return text;
}

constexpr std::string_view kThisRun = "(SELECT max(run_id) FROM run_undo)";

// The three triggers of one table. Table and column names come from the schema itself, never
// from input; the values are the rows' own.
std::string triggers_sql(const TableColumns& t) {
  const std::string log = "undo_" + t.table;
  const std::string earlier = "INSERT INTO " + log + " (run_id, existed, " + joined(t.columns) +
                              ") VALUES (" + std::string(kThisRun) + ", 1, " +
                              joined(t.columns, "OLD.") + ") ON CONFLICT DO NOTHING; END;\n";
  std::string sql = "CREATE TEMP TRIGGER undo_log_" + t.table + "_update BEFORE UPDATE ON " +
                    t.table + " BEGIN " + earlier + "CREATE TEMP TRIGGER undo_log_" + t.table +
                    "_delete BEFORE DELETE ON " + t.table + " BEGIN " + earlier;
  if (writer_logs_inserts(t.table)) return sql;
  return sql + "CREATE TEMP TRIGGER undo_log_" + t.table + "_insert AFTER INSERT ON " + t.table +
         " BEGIN INSERT INTO " + log + " (run_id, existed, " + joined(t.key) + ") VALUES (" +
         std::string(kThisRun) + ", 0, " + joined(t.key, "NEW.") +
         ") ON CONFLICT DO NOTHING; END;\n";
}

// Keeps the logs of the kUndoableRuns latest runs (the one starting included).
constexpr std::string_view kOldestKept =
    "SELECT run_id FROM run_undo ORDER BY run_id DESC LIMIT 1 OFFSET ?1";

Status drop_old_logs(sqlite::Database& database) {
  auto oldest = database.prepare(kOldestKept);
  if (!oldest) return oldest.error();
  oldest.value().bind(1, kUndoableRuns - 1);
  auto row = oldest.value().step();
  if (!row) return row.error();
  if (!*row) return Status::Ok();
  const std::int64_t first_kept = oldest.value().column_int64(0);
  for (std::string_view table : kLoggedTables) {
    auto drop = database.prepare("DELETE FROM undo_" + std::string(table) + " WHERE run_id < ?1");
    if (!drop) return drop.error();
    if (auto dropped = drop.value().bind(1, first_kept).run(); !dropped) return dropped;
  }
  auto drop = database.prepare("DELETE FROM run_undo WHERE run_id < ?1");
  if (!drop) return drop.error();
  return drop.value().bind(1, first_kept).run();
}

}  // namespace

Status start_undo_log(sqlite::Database& database, std::int64_t run_id) {
  auto empty = database.prepare("SELECT NOT EXISTS (SELECT 1 FROM sequences)");
  if (!empty) return empty.error();
  auto row = empty.value().step();
  if (!row) return row.error();
  const bool fresh = *row && empty.value().column_int64(0) != 0;
  auto header = database.prepare(
      "INSERT INTO run_undo (run_id, last_event_id, fresh) VALUES (?1, (SELECT COALESCE(max(id), "
      "0) FROM events), ?2)");
  if (!header) return header.error();
  if (auto written = header.value().bind(1, run_id).bind(2, std::int64_t{fresh ? 1 : 0}).run();
      !written) {
    return written;
  }
  if (auto dropped = drop_old_logs(database); !dropped) return dropped;
  std::string sql;
  for (std::string_view table : kLoggedTables) {
    if (fresh && only_runs_write(table)) continue;
    auto columns = columns_of(database, table);
    if (!columns) return columns.error();
    sql += triggers_sql(*columns);
  }
  return database.execute(sql);
}

// An inserted row's log entry says "delete it" (existed = 0), and wins over an entry an update
// trigger may have made first in the same run: the row did not exist before the run.
constexpr std::string_view kLogInsertedActions = R"sql(
INSERT INTO undo_actions (run_id, existed, id) SELECT ?1, 0, value FROM json_each(?2) WHERE 1
ON CONFLICT (run_id, id) DO UPDATE SET existed = 0)sql";
constexpr std::string_view kLogInsertedLinks = R"sql(
INSERT INTO undo_action_invoices (run_id, existed, action_id, invoice_id)
SELECT ?1, 0, l.action_id, l.invoice_id FROM json_each(?2) j
JOIN action_invoices l ON l.action_id = j.value WHERE 1
ON CONFLICT (run_id, action_id, invoice_id) DO UPDATE SET existed = 0)sql";
constexpr std::string_view kLogInsertedTasks = R"sql(
INSERT INTO undo_tasks (run_id, existed, id) SELECT ?1, 0, value FROM json_each(?2) WHERE 1
ON CONFLICT (run_id, id) DO UPDATE SET existed = 0)sql";

Status log_outbox_inserts(sqlite::Database& database, std::int64_t run_id,
                          std::span<const std::string> action_ids,
                          std::span<const std::int64_t> task_ids) {
  const std::string actions = string_list_to_json(action_ids);
  const std::string tasks =
      nlohmann::json(std::vector<std::int64_t>(task_ids.begin(), task_ids.end())).dump();
  for (auto [sql, ids] :
       {std::pair{kLogInsertedActions, &actions}, std::pair{kLogInsertedLinks, &actions},
        std::pair{kLogInsertedTasks, &tasks}}) {
    auto statement = database.prepare(sql);
    if (!statement) return statement.error();
    if (auto logged = statement.value().bind(1, run_id).bind(2, *ids).run(); !logged) return logged;
  }
  return Status::Ok();
}

Status stop_undo_log(sqlite::Database& database) {
  std::string sql;
  for (std::string_view table : kLoggedTables) {
    for (std::string_view change : {"insert", "update", "delete"}) {
      sql += "DROP TRIGGER IF EXISTS temp.undo_log_" + std::string(table) + "_" +
             std::string(change) + ";\n";
    }
  }
  return database.execute(sql);
}

namespace {

// The refusals, one line each (at most kShown of a kind, then how many more).
constexpr std::size_t kShown = 10;

constexpr std::string_view kRunsWithoutLog = R"sql(
SELECT r.id, r.run_date FROM runs r LEFT JOIN run_undo u ON u.run_id = r.id
WHERE r.id >= ?1 AND u.run_id IS NULL ORDER BY r.id)sql";

constexpr std::string_view kDeliveredActions = R"sql(
SELECT a.id, a.channel, a.customer_id, a.step, a.status, a.attempts, a.in_flight, a.created_on
FROM undo_actions u JOIN actions a ON a.id = u.id
WHERE u.run_id >= ?1 AND u.existed = 0
  AND (a.attempts > 0 OR a.in_flight = 1 OR a.status = 'sent' OR a.status = 'failed')
ORDER BY a.created_on, a.id)sql";

// The agenda changes made outside a run after the first undone run began, on the invoices the
// undone runs changed, one line per change (a task of several invoices is one change).
constexpr std::string_view kAgendaChanges = R"sql(
SELECT e.kind, e.event_date, e.detail, group_concat(e.invoice_id, ', ')
FROM events e
WHERE e.id > (SELECT last_event_id FROM run_undo WHERE run_id = ?1) AND e.run_id IS NULL
  AND (e.kind = 'task_confirmed' OR e.kind = 'task_completed' OR e.kind = 'task_cancelled')
  AND (e.invoice_id IN (SELECT invoice_id FROM undo_sequences WHERE run_id >= ?1
                        UNION SELECT invoice_id FROM undo_step_events WHERE run_id >= ?1)
       OR EXISTS (SELECT 1 FROM run_undo WHERE run_id >= ?1 AND fresh = 1))
GROUP BY e.kind, e.event_date, e.detail ORDER BY min(e.id))sql";

std::string more_line(std::size_t count) {
  return "\n  … and " + std::to_string(count - kShown) + " more";
}

Status add_lines(sqlite::Database& database, std::string_view sql, std::int64_t first_run,
                 std::vector<std::string>& reasons,
                 std::string (*line)(const sqlite::Statement& row)) {
  auto select = database.prepare(sql);
  if (!select) return select.error();
  select.value().bind(1, first_run);
  std::vector<std::string> lines;
  for (;;) {
    auto row = select.value().step();
    if (!row) return row.error();
    if (!*row) break;
    lines.push_back(line(select.value()));
  }
  std::string text;
  for (std::size_t i = 0; i < lines.size() && i < kShown; ++i) text += "\n  " + lines[i];
  if (lines.size() > kShown) text += more_line(lines.size());
  if (!text.empty()) reasons.push_back(text);
  return Status::Ok();
}

std::string run_without_log_line(const sqlite::Statement& row) {
  return "run " + std::to_string(row.column_int64(0)) + " (" + std::string(row.column_text(1)) +
         ") has no undo log: it was made by an earlier dun, or before a reshard, or is older than "
         "the last " +
         std::to_string(kUndoableRuns) + " runs, whose logs are kept";
}

std::string delivered_line(const sqlite::Statement& row) {
  std::string line = "action " + std::string(row.column_text(0)) + " (" +
                     std::string(row.column_text(1)) + " to customer " +
                     std::string(row.column_text(2)) + ", step " + std::string(row.column_text(3)) +
                     ", " + std::string(row.column_text(7)) + ") was handed to an adapter: ";
  if (row.column_int64(6) != 0) return line + "an attempt is in flight";
  const std::int64_t attempts = row.column_int64(5);
  return line + std::string(row.column_text(4)) + " after " + std::to_string(attempts) +
         (attempts == 1 ? " attempt" : " attempts");
}

std::string agenda_line(const sqlite::Statement& row) {
  std::string kind(row.column_text(0));
  kind = kind.substr(kind.find('_') + 1);  // task_confirmed -> confirmed
  const std::string invoices(row.column_text(3));
  return kind + " on " + std::string(row.column_text(1)) +
         " since the run: " + std::string(row.column_text(2)) + " (invoice" +
         (invoices.find(',') == std::string::npos ? " " : "s ") + invoices +
         "), which the run changed";
}

Result<bool> is_fresh(sqlite::Database& database, std::int64_t run_id) {
  auto select = database.prepare("SELECT fresh FROM run_undo WHERE run_id = ?1");
  if (!select) return select.error();
  select.value().bind(1, run_id);
  auto row = select.value().step();
  if (!row) return row.error();
  return *row && select.value().column_int64(0) != 0;
}

// Replays one run's log backwards and removes what carries its id. Adds what it removed.
Status undo_one_run(sqlite::Database& database, std::int64_t run_id, UndoReport& report) {
  auto fresh = is_fresh(database, run_id);
  if (!fresh) return fresh.error();
  for (std::string_view table : kLoggedTables) {
    if (*fresh && only_runs_write(table)) {  // empty before the run
      if (auto emptied = database.execute("DELETE FROM " + std::string(table)); !emptied) {
        return emptied;
      }
      if (table == "sequences") report.sequences_removed += database.changes();
      continue;
    }
    auto t = columns_of(database, table);
    if (!t) return t.error();
    const std::string log = "undo_" + t->table;
    auto remove =
        database.prepare("DELETE FROM " + t->table + " WHERE (" + joined(t->key) + ") IN (SELECT " +
                         joined(t->key) + " FROM " + log + " WHERE run_id = ?1 AND existed = 0)");
    if (!remove) return remove.error();
    if (auto removed = remove.value().bind(1, run_id).run(); !removed) return removed;
    const std::int64_t removed = database.changes();
    if (table == "actions") report.actions += removed;
    if (table == "tasks") report.tasks += removed;
    if (table == "sequences") report.sequences_removed += removed;

    std::vector<std::string> values;
    for (const std::string& column : t->columns) {
      if (std::find(t->key.begin(), t->key.end(), column) == t->key.end()) {
        values.push_back(column + " = excluded." + column);
      }
    }
    auto restore = database.prepare(
        "INSERT INTO " + t->table + " (" + joined(t->columns) + ") SELECT " + joined(t->columns) +
        " FROM " + log + " WHERE run_id = ?1 AND existed = 1 ON CONFLICT (" + joined(t->key) +
        ") DO " + (values.empty() ? std::string("NOTHING") : "UPDATE SET " + joined(values)));
    if (!restore) return restore.error();
    if (auto restored = restore.value().bind(1, run_id).run(); !restored) return restored;
    report.rows_restored += database.changes();
    auto drop = database.prepare("DELETE FROM " + log + " WHERE run_id = ?1");
    if (!drop) return drop.error();
    if (auto dropped = drop.value().bind(1, run_id).run(); !dropped) return dropped;
  }
  auto events = database.prepare("DELETE FROM events WHERE run_id = ?1");
  if (!events) return events.error();
  if (auto removed = events.value().bind(1, run_id).run(); !removed) return removed;
  report.events += database.changes();
  for (std::string_view sql :
       {"DELETE FROM quarantine WHERE run_id = ?1", "DELETE FROM run_undo WHERE run_id = ?1",
        "DELETE FROM runs WHERE id = ?1"}) {
    auto statement = database.prepare(sql);
    if (!statement) return statement.error();
    if (auto done = statement.value().bind(1, run_id).run(); !done) return done;
  }
  return Status::Ok();
}

}  // namespace

Result<UndoReport> StateStore::undo_runs(Date from, bool dry_run) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto runs = list_runs();
  if (!runs) return runs.error();
  const auto first = std::find_if(runs->begin(), runs->end(),
                                  [&](const RunListing& run) { return run.date >= from; });
  if (first == runs->end()) {
    return Error{"there is no run on or after " + from.to_string() +
                 (runs->empty() ? std::string(": the store has no runs yet")
                                : ": the last run is of " + runs->back().date.to_string() +
                                      " (`dun runs list` shows them all)")};
  }
  UndoReport report;
  report.runs.assign(first, runs->end());
  for (auto kept = first; kept != runs->begin();) {
    --kept;
    if (kept->outcome == "completed") {
      report.back_to = kept->date;
      break;
    }
  }

  const std::int64_t first_run = first->id;
  std::vector<std::string> reasons;
  for (auto [sql, line] :
       {std::pair{kRunsWithoutLog, &run_without_log_line},
        std::pair{kDeliveredActions, &delivered_line}, std::pair{kAgendaChanges, &agenda_line}}) {
    if (auto added = add_lines(database_, sql, first_run, reasons, line); !added) {
      return added.error();
    }
    if (!reasons.empty() && sql == kRunsWithoutLog) break;  // nothing else can be checked
  }
  if (!reasons.empty()) {
    std::string message = "cannot undo the " +
                          std::string(report.runs.size() == 1 ? "run" : "runs") + " from " +
                          from.to_string() + "; nothing was changed:";
    for (const std::string& reason : reasons) message += reason;
    message +=
        "\nAn undo removes the runs' actions and tasks, so it is refused once an action was "
        "delivered or a collector worked on them: what was sent stays recorded.";
    return Error{message};
  }

  for (auto run = report.runs.rbegin(); run != report.runs.rend(); ++run) {
    if (auto undone = undo_one_run(database_, run->id, report); !undone) return undone.error();
  }
  if (dry_run) return report;  // the transaction rolls back
  fault_point("undo:before-commit");
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  fault_point("undo:after-commit");
  return report;
}

}  // namespace dun

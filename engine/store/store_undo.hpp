// Inside the state store: the undo log of a run, which `dun runs undo` replays backwards
// (StateStore::undo_runs, engine/store/store_undo.cpp has the design and why).
//
// An UndoLog is the log of one commit: started inside the run's transaction once the run's row
// exists, stopped inside the same transaction before it commits. Between the two, every row of
// sequences, step_events, actions, action_invoices and tasks that the connection inserts, updates
// or deletes leaves its key (inserted) or its earlier values (updated, deleted) in the table's
// undo_ twin, once per row and run. The rows the batch writer inserts into actions,
// action_invoices and tasks are logged by log_outbox_inserts; everything else by TEMP triggers:
// they exist only on this connection and only while the log is started, so the agenda, delivery and
// override changes that other commands make are never logged.
//
// Not thread-safe (one connection). REQUIRES: the caller holds a write transaction on
// `database` from start() to stop(); a rolled-back transaction takes the log with it.
//
// Private to engine/store: nothing else includes it (scripts/check_includes.py).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "engine/store/sqlite_db.hpp"
#include "stdlib/status.hpp"

namespace dun {

// How many of the latest runs keep their undo log; the log of an older run is dropped when a
// new run starts its own (docs/reliability.md, "Undoing runs").
inline constexpr std::int64_t kUndoableRuns = 30;

// Starts the log of run `run_id` (already inserted in `runs`), and drops the logs of the runs
// that fall out of the kUndoableRuns latest.
Status start_undo_log(sqlite::Database& database, std::int64_t run_id);
// Logs the rows the batch writer inserted into actions, action_invoices (the links of those
// actions) and tasks, which have no insert trigger. REQUIRES: the log of `run_id` is started; the
// rows are in the store (call it after writing them, before the commit).
Status log_outbox_inserts(sqlite::Database& database, std::int64_t run_id,
                          std::span<const std::string> action_ids,
                          std::span<const std::int64_t> task_ids);
// Stops logging (drops the triggers). Called before the commit, on the way to it.
Status stop_undo_log(sqlite::Database& database);

}  // namespace dun

// Inside the state store: writes a ChangeBatch with statements prepared once, inside a
// transaction the caller holds (a run's commit, or an agenda change). The three tables a first run
// fills with hundreds of thousands of rows (sequences, step events, history events) are written
// by INSERT … SELECT from the batch itself (batch_rows_table.hpp); the other rows, a few thousand
// a day, by one prepared statement per row.
//
// Lifetimes: a BatchWriter keeps a pointer to the Database and statements prepared on it; the
// Database must outlive it, and it is used inside one transaction and dropped with it. Not
// thread-safe (one connection).
//
// Private to engine/store: nothing else includes it (scripts/check_includes.py).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/model/store_records.hpp"
#include "engine/store/batch_rows_table.hpp"
#include "engine/store/sqlite_db.hpp"
#include "engine/store/state_store.hpp"

namespace dun {

class BatchWriter {
 public:
  static Result<BatchWriter> prepare(sqlite::Database& database);

  // Writes every row of `batch`; `run_id` tags events and quarantine rows (quarantine rows need
  // one). Actions already stored and tasks for actions that have one are reported, not written.
  // With `release` (the batch itself, which the caller is done with), its sequences, step events
  // and history events are freed as soon as each is written.
  Status write(const ChangeBatch& batch, ChangeBatch* release, std::optional<std::int64_t> run_id,
               CommitReport& report);
  Status write(const ChangeBatch& batch, std::optional<std::int64_t> run_id, CommitReport& report) {
    return write(batch, nullptr, run_id, report);
  }

  // The ids of the actions and tasks inserted since the last call (for the run's undo log,
  // log_outbox_inserts), and forgets them.
  std::vector<std::string> take_inserted_action_ids() {
    return std::exchange(inserted_actions_, {});
  }
  std::vector<std::int64_t> take_inserted_task_ids() { return std::exchange(inserted_tasks_, {}); }

 private:
  struct Tables {
    BatchRowsTable sequences;
    BatchRowsTable step_events;
    BatchRowsTable events;
  };
  BatchWriter(sqlite::Database& database, Tables tables, sqlite::Statement sequences,
              sqlite::Statement repeated_step_events, sqlite::Statement other_step_events,
              sqlite::Statement action, sqlite::Statement action_invoice, sqlite::Statement task,
              sqlite::Statement events, sqlite::Statement quarantine)
      : database_(&database),
        tables_(tables),
        sequences_(std::move(sequences)),
        repeated_step_events_(std::move(repeated_step_events)),
        other_step_events_(std::move(other_step_events)),
        action_(std::move(action)),
        action_invoice_(std::move(action_invoice)),
        task_(std::move(task)),
        events_(std::move(events)),
        quarantine_(std::move(quarantine)) {}

  Status write_sequences(const std::vector<SequenceUpdate>& rows);
  Status write_step_events(const std::vector<StepEvent>& rows);
  Status write_action(const Action& action, CommitReport& report);
  Status write_task(const Task& task, CommitReport& report);
  // `release`, if set, frees the rows once they are in (before the history's indexes are built
  // again, when they were set aside).
  Status write_events(const std::vector<EventRow>& rows, std::optional<std::int64_t> run_id,
                      std::vector<EventRow>* release);
  Status write_quarantine(const QuarantinedRow& row, std::int64_t run_id);

  sqlite::Database* database_;
  Tables tables_;
  sqlite::Statement sequences_;             // every row of batch_sequences, in key order
  sqlite::Statement repeated_step_events_;  // the rows of batch_step_events with a repetition
  sqlite::Statement other_step_events_;     // and the others
  sqlite::Statement action_;
  sqlite::Statement action_invoice_;
  sqlite::Statement task_;
  sqlite::Statement events_;  // every row of batch_events, in the batch's order
  sqlite::Statement quarantine_;
  std::vector<std::string> inserted_actions_;
  std::vector<std::int64_t> inserted_tasks_;
};

// Writes a batch that belongs to no run (agenda and delivery changes: no quarantine rows).
Status write_outside_run(sqlite::Database& database, const ChangeBatch& batch);

}  // namespace dun

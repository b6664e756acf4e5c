// Inside the state store: writes a ChangeBatch with statements prepared once, inside a
// transaction the caller holds (a run's commit, or an agenda change). The three tables a first run
// fills with hundreds of thousands of rows (sequences, step events, history events) are written,
// when they are empty (the history: when its indexes are set aside), by one INSERT … SELECT from
// the batch itself (batch_rows_table.hpp); otherwise, and for the other tables, every row by one
// execution of a statement prepared once.
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
  struct Statements {
    // Into an empty table (a first run): one INSERT … SELECT over the whole batch table.
    sqlite::Statement all_sequences;             // batch_sequences, in key order
    sqlite::Statement all_repeated_step_events;  // batch_step_events naming a repetition
    sqlite::Statement all_other_step_events;     // and the others
    sqlite::Statement all_events;                // batch_events, in the batch's order
    // Among existing rows: one execution per row (store_batch.cpp says why).
    sqlite::Statement sequence;
    sqlite::Statement step_event;
    sqlite::Statement event;
    sqlite::Statement action;
    sqlite::Statement action_invoice;
    sqlite::Statement task;
    sqlite::Statement quarantine;
  };
  static Result<Statements> prepare_statements(sqlite::Database& database);
  BatchWriter(sqlite::Database& database, Tables tables, Statements statements)
      : database_(&database), tables_(tables), statements_(std::move(statements)) {}

  Status write_sequences(const std::vector<SequenceUpdate>& rows);
  Status write_sequence(const SequenceUpdate& update);
  Status write_step_events(const std::vector<StepEvent>& rows);
  Status write_step_event(const StepEvent& event, std::optional<int> repetition);
  Status write_action(const Action& action, CommitReport& report);
  Status write_task(const Task& task, CommitReport& report);
  // `release`, if set, frees the rows once they are in (before the history's indexes are built
  // again, when they were set aside).
  Status write_events(const std::vector<EventRow>& rows, std::optional<std::int64_t> run_id,
                      std::vector<EventRow>* release);
  Status write_event(const EventRow& event, std::optional<std::int64_t> run_id);
  Status write_quarantine(const QuarantinedRow& row, std::int64_t run_id);

  sqlite::Database* database_;
  Tables tables_;
  Statements statements_;
  std::vector<std::string> inserted_actions_;
  std::vector<std::int64_t> inserted_tasks_;
};

// Writes a batch that belongs to no run (agenda and delivery changes: no quarantine rows).
Status write_outside_run(sqlite::Database& database, const ChangeBatch& batch);

}  // namespace dun

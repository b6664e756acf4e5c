// Inside the state store: writes a ChangeBatch with statements prepared once, inside a
// transaction the caller holds (a run's commit, or an agenda change).
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
#include "engine/store/sqlite_db.hpp"
#include "engine/store/state_store.hpp"

namespace dun {

class BatchWriter {
 public:
  static Result<BatchWriter> prepare(sqlite::Database& database);

  // Writes every row of `batch`; `run_id` tags events and quarantine rows (quarantine rows need
  // one). Actions already stored and tasks for actions that have one are reported, not written.
  Status write(const ChangeBatch& batch, std::optional<std::int64_t> run_id, CommitReport& report);

  // The ids of the actions and tasks inserted since the last call (for the run's undo log,
  // log_outbox_inserts), and forgets them.
  std::vector<std::string> take_inserted_action_ids() {
    return std::exchange(inserted_actions_, {});
  }
  std::vector<std::int64_t> take_inserted_task_ids() { return std::exchange(inserted_tasks_, {}); }

 private:
  BatchWriter(sqlite::Database& database, sqlite::Statement sequence, sqlite::Statement step_event,
              sqlite::Statement action, sqlite::Statement action_invoice, sqlite::Statement task,
              sqlite::Statement event, sqlite::Statement quarantine)
      : database_(&database),
        sequence_(std::move(sequence)),
        step_event_(std::move(step_event)),
        action_(std::move(action)),
        action_invoice_(std::move(action_invoice)),
        task_(std::move(task)),
        event_(std::move(event)),
        quarantine_(std::move(quarantine)) {}

  Status write_sequence(const SequenceUpdate& update);
  Status write_step_event(const StepEvent& event);
  Status write_action(const Action& action, CommitReport& report);
  Status write_task(const Task& task, CommitReport& report);
  Status write_event(const EventRow& event, std::optional<std::int64_t> run_id);
  Status write_quarantine(const QuarantinedRow& row, std::int64_t run_id);

  sqlite::Database* database_;
  sqlite::Statement sequence_;
  sqlite::Statement step_event_;
  sqlite::Statement action_;
  sqlite::Statement action_invoice_;
  sqlite::Statement task_;
  sqlite::Statement event_;
  sqlite::Statement quarantine_;
  std::vector<std::string> inserted_actions_;
  std::vector<std::int64_t> inserted_tasks_;
};

// Writes a batch that belongs to no run (agenda and delivery changes: no quarantine rows).
Status write_outside_run(sqlite::Database& database, const ChangeBatch& batch);

}  // namespace dun

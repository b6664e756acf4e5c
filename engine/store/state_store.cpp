// Opening the store, the run record and the one-transaction commit of a run.
#include "engine/store/state_store.hpp"

#include <sqlite3.h>

#include <set>

#include "engine/base/fault_hook.hpp"
#include "engine/model/action_json.hpp"

#include <nlohmann/json.hpp>

#include "engine/store/schema.hpp"
#include "engine/store/store_batch.hpp"
#include "engine/store/store_rows.hpp"
#include "engine/store/store_undo.hpp"

namespace dun {

namespace {

constexpr std::string_view kLastCompletedRun =
    "SELECT max(run_date) FROM runs WHERE outcome = 'completed'";

constexpr std::string_view kInsertRun = R"sql(
INSERT INTO runs (run_date, snapshot_fingerprint, scenario_fingerprints, started_at, ended_at,
                  outcome, message, invoices, actions, events, tasks, quarantined,
                  evaluation_errors, shard)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql";

std::string fingerprints_json(const RunRecord& record) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [scenario, fingerprint] : record.scenario_fingerprints) {
    object[scenario] = fingerprint;
  }
  return object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Error earlier_date_refused(Date date, Date last) {
  return Error{"the run date " + date.to_string() + " is before the last completed run (" +
               last.to_string() +
               "): runs move forward in time; use `dun simulate` to look at other dates"};
}

// SQLite's page cache while a run commits (StateStore::commit_run), in KiB.
constexpr int kCommitCacheKiB = 16 * 1024;

}  // namespace

Result<StateStore> StateStore::open(const std::filesystem::path& path, const StoreWriter& writer) {
  // The lock before the first byte: even the schema's migration is a write.
  auto lock = StoreLock::acquire(path, writer);
  if (!lock) {
    // A missing folder: SQLite's own message says it, naming the database rather than its lock.
    std::error_code error;
    const std::filesystem::path folder = path.parent_path().empty() ? "." : path.parent_path();
    if (!std::filesystem::is_directory(folder, error)) {
      if (auto database = sqlite::Database::open(path); !database) return database.error();
    }
    return lock.error();
  }
  auto database = sqlite::Database::open(path);
  if (!database) return database.error();
  if (auto migrated = migrate_schema(database.value()); !migrated) return migrated.error();
  return StateStore(std::move(database).value(), std::move(lock).value());
}

Result<StateStore> StateStore::reader(Result<sqlite::Database> database) {
  if (!database) return database.error();
  if (auto current = check_schema_current(database.value()); !current) return current.error();
  return StateStore(std::move(database).value(), std::nullopt);
}

Result<StateStore> StateStore::open_read_only(const std::filesystem::path& path) {
  return reader(sqlite::Database::open_read_only(path));
}

Result<StateStore> StateStore::open_live_read_only(const std::filesystem::path& path) {
  return reader(sqlite::Database::open_live_read_only(path));
}

const char* StateStore::sqlite_version() { return sqlite3_libversion(); }

bool StateStore::drop_sqlite_memory_statistics() {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

bool StateStore::sqlite_memory_statistics_kept() {
  sqlite3_int64 used = 0;
  sqlite3_int64 highest = 0;
  return sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &used, &highest, 0) == SQLITE_OK && used > 0;
}

Status StateStore::copy_for_simulation(const std::filesystem::path& copy) {
  if (auto copied = database_.backup_to(copy); !copied) return copied.error();
  auto opened = StateStore::open(copy);
  if (!opened) return opened.error();
  if (auto cleared =
          opened.value().database_.execute("DELETE FROM jsonl_outbox; DELETE FROM jsonl_intents;");
      !cleared) {
    return cleared.error();
  }
  return Status::Ok();
}

Result<std::optional<Date>> StateStore::last_completed_run_date() {
  auto select = database_.prepare(kLastCompletedRun);
  if (!select) return select.error();
  auto row = select.value().step();
  if (!row) return row.error();
  if (!*row || select.value().column_is_null(0)) return std::optional<Date>();
  auto date = store_rows::read_date(select.value(), 0, database_.file_name());
  if (!date) return date.error();
  return std::optional<Date>(*date);
}

Result<std::int64_t> StateStore::data_version() {
  auto select = database_.prepare("PRAGMA data_version");
  if (!select) return select.error();
  auto row = select.value().step();
  if (!row) return row.error();
  if (!*row) return database_.error("PRAGMA data_version gave no row");
  return select.value().column_int64(0);
}

Result<RunStart> StateStore::begin_run(Date date) {
  auto last = last_completed_run_date();
  if (!last) return last.error();
  if (*last && date < **last) return earlier_date_refused(date, **last);
  return RunStart{date, *last, *last && date == **last};
}

Result<CommitReport> StateStore::commit_run(const RunRecord& record, const ChangeBatch& batch,
                                            std::span<const TaskClosing> closings,
                                            const std::optional<std::filesystem::path>& jsonl) {
  return commit_run(record, batch, nullptr, closings, jsonl);
}

Result<CommitReport> StateStore::commit_run(const RunRecord& record, ChangeBatch&& batch,
                                            std::span<const TaskClosing> closings,
                                            const std::optional<std::filesystem::path>& jsonl) {
  return commit_run(record, batch, &batch, closings, jsonl);
}

Result<CommitReport> StateStore::commit_run(const RunRecord& record, const ChangeBatch& batch,
                                            ChangeBatch* releasable,
                                            std::span<const TaskClosing> closings,
                                            const std::optional<std::filesystem::path>& jsonl) {
  // A first day inserts millions of rows, mostly in key order: past 16 MiB their dirty pages are
  // spilled to the WAL rather than held (the first day's peak memory; its commit's CPU grows by a
  // few percent, bench/RESULTS.md). Declared first: it ends after the transaction.
  const sqlite::Database::SmallCacheScope commit_cache(database_, kCommitCacheKiB);
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  // Checked again under the write lock: another process may have completed a later run since
  // begin_run.
  if (record.outcome == RunOutcome::completed) {
    auto last = last_completed_run_date();
    if (!last) return last.error();
    if (*last && record.date < **last) return earlier_date_refused(record.date, **last);
  }

  auto insert_run = database_.prepare(kInsertRun);
  if (!insert_run) return insert_run.error();
  const RunCounts& counts = record.counts;
  auto inserted = insert_run.value()
                      .bind(1, record.date.to_string())
                      .bind(2, record.snapshot_fingerprint)
                      .bind(3, fingerprints_json(record))
                      .bind(4, record.started_at.empty() ? utc_now_iso() : record.started_at)
                      .bind(5, record.ended_at.empty() ? utc_now_iso() : record.ended_at)
                      .bind(6, record.outcome == RunOutcome::completed ? "completed" : "failed")
                      .bind_or_null(7, record.message)
                      .bind(8, counts.invoices)
                      .bind(9, counts.actions)
                      .bind(10, counts.events)
                      .bind(11, counts.tasks)
                      .bind(12, counts.quarantined)
                      .bind(13, counts.evaluation_errors)
                      .bind_or_null(14, record.shard)
                      .run();
  if (!inserted) return inserted.error();

  CommitReport report;
  report.run_id = database_.last_insert_rowid();
  if (auto logging = start_undo_log(database_, report.run_id); !logging) return logging.error();
  auto writer = BatchWriter::prepare(database_);
  if (!writer) return writer.error();
  // Each write's inserts are logged before anything else can change those rows (the closings).
  const auto write_logged = [&](const ChangeBatch& rows, ChangeBatch* release) -> Status {
    if (auto written = writer.value().write(rows, release, report.run_id, report); !written) {
      return written;
    }
    return log_outbox_inserts(database_, report.run_id, writer.value().take_inserted_action_ids(),
                              writer.value().take_inserted_task_ids());
  };
  if (auto written = write_logged(batch, releasable); !written) return written.error();
  ChangeBatch closing_events;
  for (const TaskClosing& closing : closings) {
    auto closed = apply_task_closing(closing, closing_events);
    if (!closed) return closed.error();
    report.tasks_closed.push_back(std::move(closed).value());
  }
  if (auto written = write_logged(closing_events, nullptr); !written) return written.error();
  if (jsonl) {
    const std::set<std::string> duplicates(report.duplicate_action_ids.begin(),
                                           report.duplicate_action_ids.end());
    std::vector<std::string> lines;
    for (const Action& action : batch.actions) {
      if (!duplicates.count(action.id)) lines.push_back(action_to_json(action));
    }
    for (const TaskClosed& closed : report.tasks_closed)
      lines.push_back(action_to_json(closed.action));
    if (auto queued = queue_jsonl(jsonl->string(), lines); !queued) return queued.error();
  }
  if (auto stopped = stop_undo_log(database_); !stopped) return stopped.error();
  fault_point("run:before-commit");
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  fault_point("run:after-commit");
  return report;
}

}  // namespace dun

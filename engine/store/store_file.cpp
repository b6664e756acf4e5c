#include "engine/store/store_file.hpp"

#include "engine/store/sqlite_db.hpp"

namespace dun {
namespace {

constexpr std::string_view kRunsOfDate = R"sql(
SELECT outcome, shard, invoices, actions, events, tasks, quarantined, evaluation_errors,
       COALESCE(message, '')
FROM runs WHERE run_date = ?1 ORDER BY id)sql";

constexpr std::string_view kLastCompleted =
    "SELECT max(run_date) FROM runs WHERE outcome = 'completed'";

}  // namespace

Result<bool> store_file_has_state(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error) || std::filesystem::file_size(path, error) == 0) {
    return false;
  }
  auto database = sqlite::Database::open_read_only(path);
  if (!database) return database.error();
  auto query = database.value().prepare(
      "SELECT EXISTS (SELECT 1 FROM runs) OR EXISTS (SELECT 1 FROM overrides) OR "
      "EXISTS (SELECT 1 FROM sequences)");
  // A file without dun's tables has no state to lose.
  if (!query) return false;
  auto row = query.value().step();
  if (!row) return row.error();
  return *row && query.value().column_int64(0) != 0;
}

Result<StoredRuns> read_stored_runs(const std::filesystem::path& path, std::optional<Date> date) {
  auto database = sqlite::Database::open_read_only(path);
  if (!database) return database.error();
  StoredRuns stored;
  auto last = database.value().prepare(kLastCompleted);
  if (!last) return last.error();
  auto last_row = last.value().step();
  if (!last_row) return last_row.error();
  if (*last_row && !last.value().column_is_null(0))
    stored.last_completed = Date::parse(last.value().column_text(0));
  if (!date) return stored;

  auto runs = database.value().prepare(kRunsOfDate);
  if (!runs) return runs.error();
  runs.value().bind(1, date->to_string());
  while (true) {
    auto row = runs.value().step();
    if (!row) return row.error();
    if (!*row) break;
    const sqlite::Statement& run = runs.value();
    StoredRun line;
    line.outcome = std::string(run.column_text(0));
    line.shard = std::string(run.column_text(1));
    line.counts.invoices = run.column_int64(2);
    line.counts.actions = run.column_int64(3);
    line.counts.events = run.column_int64(4);
    line.counts.tasks = run.column_int64(5);
    line.counts.quarantined = run.column_int64(6);
    line.counts.evaluation_errors = run.column_int64(7);
    line.message = std::string(run.column_text(8));
    stored.of_date.push_back(std::move(line));
  }
  return stored;
}

}  // namespace dun

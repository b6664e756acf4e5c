// The runs table as `dun runs list` shows it.
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

// Attempted: an adapter was asked (attempts > 0, or one in flight) — by the run's own delivery
// or a later `dun deliver`. Manual reminders (`dun send`) are not a run's.
constexpr std::string_view kListRuns = R"sql(
SELECT r.id, r.run_date, r.outcome, r.started_at, r.ended_at, COALESCE(r.shard, ''),
       COALESCE(r.message, ''), r.invoices, r.actions, r.events, r.tasks, r.quarantined,
       r.evaluation_errors,
       (SELECT count(*) FROM actions a
        WHERE a.created_on = r.run_date AND a.scenario <> 'manual'
          AND (a.attempts > 0 OR a.in_flight = 1))
FROM runs r ORDER BY r.id)sql";

}  // namespace

Result<std::vector<RunListing>> StateStore::list_runs() {
  return store_rows::select_all<RunListing>(
      database_, kListRuns,
      [](const sqlite::Statement& row, std::string_view file_name) -> Result<RunListing> {
        auto date = store_rows::read_date(row, 1, file_name);
        if (!date) return date.error();
        RunListing run;
        run.id = row.column_int64(0);
        run.date = *date;
        run.outcome = std::string(row.column_text(2));
        run.started_at = std::string(row.column_text(3));
        run.ended_at = std::string(row.column_text(4));
        run.shard = std::string(row.column_text(5));
        run.message = std::string(row.column_text(6));
        run.counts = RunCounts{row.column_int64(7),  row.column_int64(8),  row.column_int64(9),
                               row.column_int64(10), row.column_int64(11), row.column_int64(12)};
        run.actions_attempted = row.column_int64(13);
        return run;
      });
}

}  // namespace dun

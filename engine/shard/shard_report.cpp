#include "engine/shard/shard_report.hpp"

#include <algorithm>

#include "engine/store/sqlite_db.hpp"

namespace dun {
namespace {

constexpr std::string_view kRunsOfDate = R"sql(
SELECT outcome, shard, invoices, actions, events, tasks, quarantined, evaluation_errors,
       COALESCE(message, '')
FROM runs WHERE run_date = ?1 ORDER BY id)sql";

constexpr std::string_view kLastCompleted =
    "SELECT max(run_date) FROM runs WHERE outcome = 'completed'";

// Reads one store's runs of `date` into `line`; the store's last completed date into `last`.
Result<bool> read_store(ShardRunLine& line, std::optional<Date> date) {
  std::error_code error;
  if (!std::filesystem::exists(line.store, error)) {
    line.status = ShardRunStatus::missing_store;
    line.message = "no state store " + line.store.string() + " (the shard never ran here)";
    return true;
  }
  auto database = sqlite::Database::open_read_only(line.store);
  if (!database) return database.error();
  auto last = database.value().prepare(kLastCompleted);
  if (!last) return last.error();
  auto last_row = last.value().step();
  if (!last_row) return last_row.error();
  if (*last_row && !last.value().column_is_null(0))
    line.last_run = Date::parse(last.value().column_text(0));
  if (!date) return true;

  auto runs = database.value().prepare(kRunsOfDate);
  if (!runs) return runs.error();
  runs.value().bind(1, date->to_string());
  const std::string expected_shard = line.shard.sharded() ? line.shard.flag_text() : "";
  bool completed = false;
  while (true) {
    auto row = runs.value().step();
    if (!row) return row.error();
    if (!*row) break;
    ++line.runs;
    const std::string recorded_shard(runs.value().column_text(1));
    if (recorded_shard != expected_shard) {
      line.status = ShardRunStatus::unreadable;
      line.message = line.store.string() + " holds a run of shard '" + recorded_shard +
                     "', not of '" + expected_shard + "': was the file renamed?";
      return true;
    }
    if (runs.value().column_text(0) != "completed") {
      line.message = std::string(runs.value().column_text(8));
      continue;
    }
    completed = true;
    line.counts.invoices = runs.value().column_int64(2);
    line.counts.actions += runs.value().column_int64(3);
    line.counts.events += runs.value().column_int64(4);
    line.counts.tasks += runs.value().column_int64(5);
    line.counts.quarantined = runs.value().column_int64(6);
    line.counts.evaluation_errors = runs.value().column_int64(7);
  }
  if (completed) {
    line.status = ShardRunStatus::completed;
    line.message.clear();
  } else {
    line.status = line.runs > 0 ? ShardRunStatus::failed : ShardRunStatus::no_run;
  }
  return true;
}

void add(RunCounts& total, const RunCounts& counts) {
  total.invoices += counts.invoices;
  total.actions += counts.actions;
  total.events += counts.events;
  total.tasks += counts.tasks;
  total.quarantined += counts.quarantined;
  total.evaluation_errors += counts.evaluation_errors;
}

}  // namespace

bool ShardsReport::complete() const {
  return std::all_of(shards.begin(), shards.end(), [](const ShardRunLine& line) {
    return line.status == ShardRunStatus::completed;
  });
}

std::string_view shard_run_status_name(ShardRunStatus status) {
  switch (status) {
    case ShardRunStatus::completed:
      return "completed";
    case ShardRunStatus::failed:
      return "failed";
    case ShardRunStatus::no_run:
      return "no_run";
    case ShardRunStatus::missing_store:
      return "missing";
    case ShardRunStatus::unreadable:
      return "unreadable";
  }
  return "unreadable";
}

Result<ShardsReport> shards_report(const std::filesystem::path& base, std::uint32_t count,
                                   std::optional<Date> date) {
  ShardsReport report;
  report.count = count;
  for (std::uint32_t index = 0; index < count; ++index) {
    ShardRunLine line;
    line.shard = Shard{index, count};
    line.store = shard_path(base, line.shard);
    report.shards.push_back(std::move(line));
  }
  // Two passes when no date is given: the latest date any shard completed, then that date.
  for (const bool dated : {false, true}) {
    if (dated && !date) {
      for (const ShardRunLine& line : report.shards) {
        if (line.last_run && (!date || *line.last_run > *date)) date = line.last_run;
      }
      if (!date) {
        return Error{"no completed run in any of the " + std::to_string(count) +
                     " shard stores beside " + base.string() + ": pass --date D, or check --db " +
                     "and --shards"};
      }
    }
    for (ShardRunLine& line : report.shards) {
      line.runs = 0;
      line.counts = {};
      if (auto read = read_store(line, dated ? date : std::nullopt); !read) {
        line.status = ShardRunStatus::unreadable;
        line.message = read.error().message;
      }
    }
  }
  report.date = *date;
  for (const ShardRunLine& line : report.shards) {
    if (line.status == ShardRunStatus::completed) add(report.totals, line.counts);
  }
  return report;
}

}  // namespace dun

#include "engine/shard/shard_report.hpp"

#include <algorithm>

#include "engine/store/store_file.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

// Reads one store's runs of `date` into `line`; the store's last completed date into `line`.
Status read_store(ShardRunLine& line, std::optional<Date> date) {
  std::error_code error;
  if (!std::filesystem::exists(line.store, error)) {
    line.status = ShardRunStatus::missing_store;
    line.message = "no state store " + line.store.string() + " (the shard never ran here)";
    return Status::Ok();
  }
  auto stored = read_stored_runs(line.store, date);
  if (!stored) return stored.error();
  line.last_run = stored->last_completed;
  if (!date) return Status::Ok();

  const std::string expected_shard = line.shard.sharded() ? line.shard.flag_text() : "";
  bool completed = false;
  for (const StoredRun& run : stored->of_date) {
    ++line.runs;
    if (run.shard != expected_shard) {
      line.status = ShardRunStatus::unreadable;
      line.message = line.store.string() + " holds a run of shard '" + run.shard + "', not of '" +
                     expected_shard + "': was the file renamed?";
      return Status::Ok();
    }
    if (run.outcome != "completed") {
      line.message = run.message;
      continue;
    }
    completed = true;
    line.counts.invoices = run.counts.invoices;
    line.counts.actions += run.counts.actions;
    line.counts.events += run.counts.events;
    line.counts.tasks += run.counts.tasks;
    line.counts.quarantined = run.counts.quarantined;
    line.counts.evaluation_errors = run.counts.evaluation_errors;
  }
  if (completed) {
    line.status = ShardRunStatus::completed;
    line.message.clear();
  } else {
    line.status = line.runs > 0 ? ShardRunStatus::failed : ShardRunStatus::no_run;
  }
  return Status::Ok();
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

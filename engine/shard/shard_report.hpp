// `dun shards report`: the run summaries of N shard stores (their `runs` tables) combined into
// one report of a date, with the shards that are missing, did not run or failed named
// (docs/scale-out.md).
//
// Opens each store read-only, on a connection of its own, one after the other; changes nothing.
// Safe from any thread. The report is a plain value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/shard.hpp"
#include "engine/model/store_records.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

enum class ShardRunStatus { completed, failed, no_run, missing_store, unreadable };

struct ShardRunLine {
  Shard shard;
  std::filesystem::path store;
  ShardRunStatus status = ShardRunStatus::no_run;
  std::string message;  // why it failed, or what is wrong with the store
  // Run rows of the date: more than one when the date was run again (a retried task). Actions,
  // events and tasks add up over them (a re-run creates only what the first did not); invoices,
  // quarantined rows and evaluation errors are the last completed run's.
  std::int64_t runs = 0;
  RunCounts counts;
  std::optional<Date> last_run;  // the store's last completed run, whatever the date
};

struct ShardsReport {
  Date date;
  std::uint32_t count = 1;
  std::vector<ShardRunLine> shards;
  RunCounts totals;  // over the completed shards
  bool complete() const;
};

// Reads the N stores beside `base` (the base itself for N = 1). Without `date`, the latest date
// any shard completed. Fails only when no store can tell a date.
// REQUIRES: count >= 1.
Result<ShardsReport> shards_report(const std::filesystem::path& base, std::uint32_t count,
                                   std::optional<Date> date);

std::string_view shard_run_status_name(ShardRunStatus status);

}  // namespace dun

// Looking into a state store file without opening it as a StateStore: no schema check, no
// migration, not a byte written (sqlite::Database::open_read_only). The shard verbs look at the
// stores beside a base path this way, whatever version of dun wrote them.
//
// Every function opens its own short-lived read-only connection; they may be called from any
// thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/store_records.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

// Whether `path` holds state a reshard must not lose: runs, overrides or sequences. False for a
// missing or empty file and for a database without dun's tables.
Result<bool> store_file_has_state(const std::filesystem::path& path);

// One row of the runs table, as `dun shards report` reads it.
struct StoredRun {
  std::string outcome;  // "completed" or "failed"
  std::string shard;    // "K/N" as run, "" for an unsharded run
  RunCounts counts;
  std::string message;  // why it failed; "" when none
};

struct StoredRuns {
  std::optional<Date> last_completed;  // the last completed run, whatever the date
  std::vector<StoredRun> of_date;      // the runs of the date asked for, in run order
};

// The store's last completed run and, with `date`, its runs of that date. Fails with SQLite's
// reason, naming the file, when it is missing, not a database or has no runs table.
Result<StoredRuns> read_stored_runs(const std::filesystem::path& path, std::optional<Date> date);

}  // namespace dun

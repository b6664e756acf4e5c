#include "engine/shard/reshard.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "engine/base/shard.hpp"
#include "engine/model/store_records.hpp"
#include "engine/shard/shard_layout.hpp"
#include "engine/store/state_store.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

fs::path with_suffix(const fs::path& path, std::string_view suffix) {
  fs::path result = path;
  result += std::string(suffix);
  return result;
}

Status sync_file(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return Error{path.string() + ": cannot open to sync it"};
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return Error{path.string() + ": fsync failed"};
  return Status::Ok();
}

fs::path folder_of(const fs::path& base) {
  return base.parent_path().empty() ? fs::path(".") : base.parent_path();
}

void remove_with_sidecars(const fs::path& path) {
  std::error_code ignored;
  for (std::string_view suffix : {"", "-wal", "-shm", "-journal", ".lock"})
    fs::remove(with_suffix(path, suffix), ignored);
}

// Moves the old stores to the backup folder and the new ones into place, as the journal says.
// Every move is skipped when already done, so running it again after a crash finishes the job.
Status finish_swap(const fs::path& base) {
  const fs::path journal_path = reshard_journal_path(base);
  std::ifstream in(journal_path);
  nlohmann::json journal;
  try {
    in >> journal;
  } catch (const nlohmann::json::exception& e) {
    return Error{journal_path.string() + ": unreadable reshard journal (" + e.what() +
                 "); the new stores are the *.resharding files beside it"};
  }
  const fs::path backup = journal.at("backup").get<std::string>();
  std::error_code error;
  fs::create_directories(backup, error);
  if (error)
    return Error{backup.string() + ": cannot create the backup folder: " + error.message()};
  for (const auto& old_store : journal.at("old")) {
    const fs::path old_path = old_store.get<std::string>();
    for (std::string_view suffix : {"", "-wal", "-shm"}) {
      const fs::path from = with_suffix(old_path, suffix);
      if (!fs::exists(from, error)) continue;
      fs::rename(from, backup / from.filename(), error);
      if (error)
        return Error{from.string() + ": cannot move it to " + backup.string() + ": " +
                     error.message()};
    }
  }
  for (const auto& move : journal.at("new")) {
    const fs::path from = move.at(0).get<std::string>();
    const fs::path to = move.at(1).get<std::string>();
    if (!fs::exists(from, error)) continue;
    fs::rename(from, to, error);
    if (error)
      return Error{from.string() + ": cannot rename it to " + to.string() + ": " + error.message()};
  }
  if (auto synced = sync_file(folder_of(base), true); !synced) return synced.error();
  fs::remove(journal_path, error);
  if (error) return Error{journal_path.string() + ": cannot remove: " + error.message()};
  return sync_file(folder_of(base), true);
}

struct Sources {
  std::uint32_t count = 1;
  std::vector<fs::path> paths;
};

Result<Sources> find_sources(const fs::path& base, const ShardLayout& layout) {
  if (layout.shard_files.size() > 1) {
    std::string counts;
    for (const auto& [count, indexes] : layout.shard_files)
      counts += (counts.empty() ? "" : ", ") + layout.describe(base, count);
    return Error{"shard stores of different shard counts exist beside " + base.string() + " (" +
                 counts + "): keep only one set (move the others away) and run the reshard again"};
  }
  Sources sources;
  if (layout.shard_files.empty()) {
    if (layout.unsharded_has_state) sources.paths.push_back(base);
    return sources;
  }
  const auto& [count, indexes] = *layout.shard_files.begin();
  if (layout.unsharded_has_state) {
    return Error{base.string() + " holds unsharded state and " + layout.describe(base, count) +
                 " exist too: keep one of them (move the other away) and run the reshard again"};
  }
  sources.count = count;
  for (std::uint32_t index = 0; index < count; ++index) {
    if (!indexes.contains(index)) {
      return Error{shard_path(base, Shard{index, count}).string() +
                   " is missing: every shard's store must be here to reshard (copy it from the "
                   "machine that runs shard " +
                   std::to_string(index) + "/" + std::to_string(count) + ")"};
    }
    sources.paths.push_back(shard_path(base, Shard{index, count}));
  }
  return sources;
}

// Finishes whatever a crashed command left in a source (queued jsonl lines) so that nothing of it
// is left behind, and brings it to this build's schema.
Status settle_source(const fs::path& path, const StoreWriter& writer) {
  auto store = StateStore::open(path, writer);
  if (!store) return store.error();
  if (auto flushed = store.value().flush_jsonl(); !flushed) return flushed.error();
  return Status::Ok();
}

Status fill_target(const fs::path& target, const std::vector<fs::path>& sources, const Shard& shard,
                   std::map<std::string, std::int64_t>& rows, const StoreWriter& writer) {
  auto created = StateStore::open(target, writer);
  if (!created) return created.error();
  return created.value().copy_shard_rows_from(sources, shard, rows);
}

// The rows of each table resharding moves, "runs" apart (every new store holds all of them).
struct StoreRows {
  std::map<std::string, std::int64_t> exact;
  std::int64_t runs = 0;
};

Result<StoreRows> count_store_rows(const fs::path& path) {
  auto store = StateStore::open_read_only(path);
  if (!store) return store.error();
  auto counts = store.value().count_reshard_rows();
  if (!counts) return counts.error();
  StoreRows rows;
  rows.exact = std::move(counts).value();
  rows.runs = rows.exact.at("runs");
  rows.exact.erase("runs");
  return rows;
}

// Every row of the sources is in exactly one new store (runs in each, overrides at least once).
Status verify_counts(const std::vector<fs::path>& sources, const std::vector<fs::path>& targets) {
  std::map<std::string, std::int64_t> source_rows, target_rows;
  std::int64_t source_runs = 0;
  for (const fs::path& path : sources) {
    auto rows = count_store_rows(path);
    if (!rows) return rows.error();
    for (const auto& [table, count] : rows->exact) source_rows[table] += count;
    source_runs += rows->runs;
  }
  for (const fs::path& path : targets) {
    auto rows = count_store_rows(path);
    if (!rows) return rows.error();
    for (const auto& [table, count] : rows->exact) target_rows[table] += count;
    if (rows->runs != source_runs) {
      return Error{path.string() + ": holds " + std::to_string(rows->runs) +
                   " runs, the old stores " + std::to_string(source_runs) +
                   "; nothing was changed"};
    }
  }
  for (const auto& [table, count] : source_rows) {
    if (target_rows[table] != count) {
      return Error{"table " + table + ": the new stores hold " +
                   std::to_string(target_rows[table]) + " rows, the old ones " +
                   std::to_string(count) + "; nothing was changed"};
    }
  }
  return Status::Ok();
}

std::string timestamp_for_names() {
  std::string now = utc_now_iso();  // 2026-11-22T13:45:07Z
  std::erase(now, ':');
  std::erase(now, '-');
  return now;
}

}  // namespace

Result<ReshardReport> reshard(const fs::path& base, std::uint32_t to, const StoreWriter& writer) {
  ReshardReport report;
  report.to = to;
  std::error_code error;
  // Held to the end: the base's lock first (every reshard takes it, so two never overlap).
  std::vector<StoreLock> locks;
  auto base_lock = StoreLock::acquire(base, writer);
  if (!base_lock) return base_lock.error();
  locks.push_back(std::move(base_lock).value());
  if (fs::exists(reshard_journal_path(base), error)) {
    if (auto finished = finish_swap(base); !finished) return finished.error();
    report.finished_interrupted = true;
  }
  auto layout = read_shard_layout(base);
  if (!layout) return layout.error();
  auto sources = find_sources(base, *layout);
  if (!sources) return sources.error();
  report.from = sources->count;
  for (std::uint32_t index = 0; index < to; ++index)
    report.stores.push_back(shard_path(base, Shard{index, to}));
  if (sources->paths.empty() || sources->count == to) {
    report.nothing_to_do = true;
    return report;
  }
  for (const fs::path& source : sources->paths) {
    auto source_lock = StoreLock::acquire(source, writer);
    if (!source_lock) return source_lock.error();
    locks.push_back(std::move(source_lock).value());
    if (auto settled = settle_source(source, writer); !settled) return settled.error();
  }

  std::vector<fs::path> temporaries;
  for (const fs::path& store : report.stores) {
    temporaries.push_back(with_suffix(store, ".resharding"));
    remove_with_sidecars(temporaries.back());
  }
  for (std::uint32_t index = 0; index < to; ++index) {
    auto filled =
        fill_target(temporaries[index], sources->paths, Shard{index, to}, report.rows, writer);
    if (!filled) {
      for (const fs::path& temporary : temporaries) remove_with_sidecars(temporary);
      return Error{"resharding into " + temporaries[index].string() + ": " +
                   filled.error().message};
    }
  }
  if (auto verified = verify_counts(sources->paths, temporaries); !verified) {
    for (const fs::path& temporary : temporaries) remove_with_sidecars(temporary);
    return verified.error();
  }
  for (const fs::path& temporary : temporaries) {
    if (auto synced = sync_file(temporary, false); !synced) return synced.error();
    // Its lock file (no longer held) would stay behind under the temporary's name.
    fs::remove(StoreLock::path_for(temporary), error);
  }

  report.backup =
      folder_of(base) / (base.filename().string() + ".before-reshard-" + timestamp_for_names());
  nlohmann::json journal;
  journal["to"] = to;
  journal["backup"] = report.backup.string();
  journal["old"] = nlohmann::json::array();
  for (const fs::path& source : sources->paths) journal["old"].push_back(source.string());
  if (sources->count > 1 && fs::exists(base, error)) journal["old"].push_back(base.string());
  journal["new"] = nlohmann::json::array();
  for (std::uint32_t index = 0; index < to; ++index)
    journal["new"].push_back({temporaries[index].string(), report.stores[index].string()});
  const fs::path journal_path = reshard_journal_path(base);
  const fs::path journal_temporary = with_suffix(journal_path, ".tmp");
  {
    std::ofstream out(journal_temporary, std::ios::trunc);
    out << journal.dump(2) << "\n";
    if (!out) return Error{journal_temporary.string() + ": cannot write the reshard journal"};
  }
  if (auto synced = sync_file(journal_temporary, false); !synced) return synced.error();
  fs::rename(journal_temporary, journal_path, error);
  if (error) return Error{journal_path.string() + ": cannot write: " + error.message()};
  if (auto finished = finish_swap(base); !finished) return finished.error();
  return report;
}

}  // namespace dun

// Which state stores exist beside a base path (`dun.db`): the unsharded file and the shard files
// `dun.K-of-N.db` (docs/scale-out.md). Every sharded verb checks the layout before it opens a
// store, so that a run with another number of shards than the stores were made for is refused
// instead of silently starting from nothing.
//
// Reads the folder and the base file (read-only, on a connection of its own that is closed before
// returning); writes nothing. Safe from any thread; what it reports may be stale by the time a
// store is opened if another process reshards meanwhile (the reshard journal guards that).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "engine/base/shard.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

struct ShardLayout {
  // Shard count N -> the indexes K whose file `STEM.K-of-N.EXT` exists.
  std::map<std::uint32_t, std::set<std::uint32_t>> shard_files;
  bool unsharded_has_state = false;  // the base file exists and holds runs or overrides
  bool reshard_pending = false;      // an interrupted `dun shards reshard` left its journal

  // "dun.0-of-4.db … dun.3-of-4.db (4 of 4 shards)" for the files of `count` shards.
  std::string describe(const std::filesystem::path& base, std::uint32_t count) const;
};

Result<ShardLayout> read_shard_layout(const std::filesystem::path& base);

// The journal an interrupted reshard leaves beside the base: "dun.db.reshard".
std::filesystem::path reshard_journal_path(const std::filesystem::path& base);

// Refuses `shard` when the stores beside `base` were made for another number of shards (or the
// unsharded file has state and shard is sharded, or the reverse), naming what exists and the
// command that moves the state: `dun shards reshard --to N --db BASE`.
Status check_shard_layout(const std::filesystem::path& base, const Shard& shard);

}  // namespace dun

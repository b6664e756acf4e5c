// `dun shards reshard --to N`: moves the whole state (every table keyed by customer or invoice)
// from the stores that exist beside a base path into N new shard stores (docs/scale-out.md).
//
// Atomic as a whole: the new stores are built under temporary names and their row counts checked
// against the sources before anything is swapped; the swap itself is driven by a journal
// (`dun.db.reshard`) written only once every new file is complete, so an interrupted swap is
// finished by running the command again, and every other command refuses to run while the
// journal exists. The old stores are kept in a backup folder, never deleted.
//
// Not to be run twice at once on the same base, nor while another dun command uses its stores:
// it is the only writer of every store beside `base` while it runs (it opens each on its own
// connection, one after the other). The report is a plain value.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/store/store_lock.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct ReshardReport {
  std::uint32_t from = 1;  // the number of shards before (1: the unsharded store)
  std::uint32_t to = 1;
  std::vector<std::filesystem::path> stores;  // the new stores, shard by shard
  std::filesystem::path backup;               // where the old stores were moved
  std::map<std::string, std::int64_t> rows;   // table -> rows moved (summed over the new stores)
  bool finished_interrupted = false;          // an earlier interrupted swap was completed first
  bool nothing_to_do = false;                 // already `to` shards, or no state at all
};

// The reshard is the one writer of the base store and of every source store from start to end: it
// holds their locks (engine/store/store_lock.hpp) as `writer`, so no run or delivery changes a
// source while its rows are copied.
// REQUIRES: to >= 1 (the CLI parses it with the same range as --shards).
Result<ReshardReport> reshard(const std::filesystem::path& base, std::uint32_t to,
                              const StoreWriter& writer = {});

}  // namespace dun

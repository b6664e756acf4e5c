// The snapshot sanity gate of the daily run (docs/reliability.md): before anything is committed,
// the day's snapshot is compared with what the state store follows, and a snapshot that looks
// broken (a damaged export, a stray quote, a truncated file) is refused instead of closing the
// portfolio's sequences and cancelling their tasks for good.
//
// A snapshot is refused when the store follows active (or paused) sequences and
// - it holds no invoice at all, or
// - the run would close more than [safety] max_close_share of those sequences, or
// - more than [safety] max_bad_share of its rows are quarantined;
// the two shares only once the store follows at least [safety] min_active_sequences sequences.
// `dun run --accept-snapshot` runs it all the same.
//
// Pure functions of their arguments; safe from any number of threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "engine/base/config.hpp"

namespace dun {

// What the gate looks at, counted by the run after recording the day (nothing committed yet).
struct SnapshotGateCounts {
  std::size_t active_sequences = 0;  // active or paused in the store before the run
  std::size_t closing = 0;           // of those, closed by this run
  std::size_t tasks_cancelled = 0;   // open tasks the run would cancel
  std::size_t invoices = 0;          // invoices loaded from the snapshot
  std::size_t rows = 0;              // rows read, loaded or quarantined, in every table
  std::size_t bad_rows = 0;          // rows quarantined
};

// Why the snapshot is refused (what was seen, the limit it passes, and how to accept it), or
// nullopt when it passes.
std::optional<std::string> snapshot_gate_refusal(const SnapshotGateCounts& counts,
                                                 const SafetyConfig& safety);

}  // namespace dun

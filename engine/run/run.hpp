// The daily run (language.md §3, data-model.md): load the snapshot, plan the day (DayPlan,
// engine/day/day_plan.hpp), evaluate every scenario's batch, record every state change and the
// actions they produce in ONE transaction, then hand the new actions to the jsonl adapter.
// Re-running a date emits nothing new; an earlier date than the last run is refused.
//
// Lifetimes: RunOptions refers to a Config that must outlive it and every run_day made with it.
// Thread safety: run_day keeps no state between calls and opens its own state store connection.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/config.hpp"
#include "engine/base/shard.hpp"
#include "engine/day/scenario_set.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/run/record.hpp"
#include "engine/snapshot/snapshot.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct RunOptions {
  explicit RunOptions(const Config& run_config) : config(run_config) {}

  const Config& config;
  Date date;
  std::filesystem::path snapshot;
  std::filesystem::path scenarios;
  std::optional<std::filesystem::path> templates;
  std::filesystem::path database;
  std::optional<std::filesystem::path> jsonl;
  bool dry_run = false;  // evaluate and report, write nothing
  bool strict = false;   // any bad input row fails the run
  // --accept-snapshot: run even on a snapshot the sanity gate refuses (snapshot_gate.hpp).
  bool accept_snapshot = false;
  BackendKind backend = BackendKind::jit;
  int opt_level = 2;  // the JIT's optimisation level, 0..3
  // --shard K/N: only this shard's customers are loaded and evaluated; `database` and `jsonl` are
  // then already the shard's own files (shard_path). Unsharded by default.
  Shard shard;
  // The command named as the store's writer while the run holds its lock (store_lock.hpp); it
  // waits for another writer as long as config.store.lock_wait_seconds says.
  std::string writer = "dun run";
  // Called as each phase starts, with the share of the run done (0..1); the CLI draws a progress
  // bar from it on a terminal. May be empty.
  std::function<void(std::string_view phase, double done)> progress;
  // The state store's sequences are read on a second thread while the snapshot loads
  // (docs/state-store.md, "The two loads side by side") when the process may use two CPUs or
  // more (usable_cpus(): on one CPU the second thread would only take turns with the first, and
  // hold both loads' memory at once). False loads them one after the other, as before: for the
  // tests that compare both ways (same results, same errors); the CLI never sets it.
  bool overlap_loads = true;
};

// A phase of the run and its wall time. A phase that ran at the same time as the one before it
// (the state load beside the snapshot's) says so: the phases' times then add up to more than the
// run took.
struct PhaseTiming {
  std::string phase;
  double seconds = 0;
  bool beside_previous = false;
};

// What the CLI reports of a run: the recorder's counts (actions per scenario, step and channel;
// steps fired, skipped, held; sequence changes; evaluation errors), then what the run adds.
struct RunSummary : RecordCounts {
  Date date;
  bool repeated_date = false;  // the same date as the last run: only changes since are acted on
  std::size_t invoices = 0;
  std::size_t handled = 0;  // invoices evaluated by a scenario
  std::size_t actions_created = 0;
  std::size_t actions_already_recorded = 0;
  std::size_t tasks_created = 0;
  std::size_t tasks_cancelled = 0;
  std::vector<QuarantinedRow> quarantine;
  std::vector<std::string> warnings;
  // Customers whose collection address bounced ("C1 Acme SAS: ap@acme.example"), from the
  // bounces `dun deliver --sync` read (docs/delivery.md, "Bounces").
  std::vector<std::string> bouncing;
  std::vector<PhaseTiming> timings;  // in the order of the run
  double total_seconds = 0;          // the run's wall time, from its start to its last phase
};

// The contact limit's lookup (engine/day/customer_day.hpp) answered by `store`, which must
// outlive the returned function. Shared by the run, `dun explain` and `dun status`.
ContactLookup store_contact_lookup(StateStore& store);

// Runs one day. Fails (nothing written) when the run cannot be done: unreadable snapshot or
// config, a scenario that does not check, an earlier date, a broken database, --strict with bad
// rows, a --jsonl file that cannot be appended to, a snapshot the sanity gate refuses (unless
// accept_snapshot; the gate applies to dry runs too, which report what the run would do).
// `diagnostics` receives the scenarios' diagnostics.
Result<RunSummary> run_day(const RunOptions& options, dsl::Diagnostics& diagnostics);

// A run done, with what it leaves open for the work that follows it in the same process: the
// state store it committed to and the snapshot it evaluated (`dun run` delivers the day's actions
// from them, so that neither is opened or loaded twice, nor its aggregates computed again). The
// store and the snapshot are set; the snapshot is the run's, so with RunOptions::shard it holds
// that shard's customers only. The aggregates are those of the run date, set once the day was
// planned (not when the run stopped before, e.g. on a date already run). Owns all three.
struct CompletedRun {
  RunSummary summary;
  std::unique_ptr<StateStore> store;
  std::unique_ptr<LoadedSnapshot> snapshot;
  std::shared_ptr<const CustomerAggregates> aggregates;
};

// run_day, keeping the store and the snapshot open for the caller. Fails as run_day does.
Result<CompletedRun> run_day_keeping_open(const RunOptions& options, dsl::Diagnostics& diagnostics);

}  // namespace dun

#include "engine/run/run.hpp"

#include <time.h>

#include "dsl/jit.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include <spdlog/spdlog.h>

#include "engine/base/fingerprint.hpp"
#include "engine/base/huge_pages.hpp"
#include "engine/base/library_pages.hpp"
#include "engine/base/usable_cpus.hpp"
#include "engine/day/assign.hpp"
#include "engine/day/day_plan.hpp"
#include "engine/model/action_json.hpp"
#include "engine/run/overlapped_load.hpp"
#include "engine/run/record.hpp"
#include "engine/run/run_state.hpp"
#include "engine/run/snapshot_gate.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "engine/store/state_store.hpp"

namespace dun {
namespace {

// The CPU time of the whole process (every thread), in seconds.
double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Times each phase for the summary, logs it, and reports progress. The shares are rough weights
// of the phases in a large run (on 1M invoices the commit dominates). The log also gives each
// phase's CPU time: on a machine shared with other work the wall time alone says little.
class PhaseTimer {
 public:
  PhaseTimer(RunSummary& summary, const RunOptions& options)
      : summary_(summary), options_(options) {}
  void lap(std::string phase, double done_after) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    const double cpu = process_cpu_seconds();
    log(phase, seconds, cpu - last_cpu_);
    summary_.timings.push_back(PhaseTiming{std::move(phase), seconds, false});
    finish_lap(now, cpu, done_after);
  }
  // The wall time since the last lap.
  double seconds_since_lap() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - last_).count();
  }
  // Two phases that ran side by side since the last lap: `first` on this thread, which took
  // `first_seconds` of wall time and the CPU time of the process but `second`'s (its own threads'
  // included); `second` on a thread of its own, with the times measured there. Each is logged
  // with its own times, then both as one section, "FIRST ‖ SECOND", with the section's.
  void lap_side_by_side(std::string first, double first_seconds, std::string second,
                        double second_seconds, double second_cpu, double done_after) {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    const double cpu = process_cpu_seconds();
    log(first, first_seconds, cpu - last_cpu_ - second_cpu);
    log(second, second_seconds, second_cpu);
    log(first + " ‖ " + second, seconds, cpu - last_cpu_);
    summary_.timings.push_back(PhaseTiming{std::move(first), first_seconds, false});
    summary_.timings.push_back(PhaseTiming{std::move(second), second_seconds, true});
    finish_lap(now, cpu, done_after);
  }

 private:
  // "run DATE: PHASE took W s (cpu C s)": bench/run.sh reads these lines.
  void log(const std::string& phase, double seconds, double cpu) const {
    spdlog::debug("run {}: {} took {:.3f}s (cpu {:.3f}s)", options_.date.to_string(), phase,
                  seconds, cpu);
  }
  void finish_lap(std::chrono::steady_clock::time_point now, double cpu, double done_after) {
    summary_.total_seconds = std::chrono::duration<double>(now - start_).count();
    last_ = now;
    last_cpu_ = cpu;
    if (options_.progress) options_.progress(summary_.timings.back().phase, done_after);
  }

  RunSummary& summary_;
  const RunOptions& options_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = start_;
  double last_cpu_ = process_cpu_seconds();
};

// The agenda upkeep of language.md §3.1: a run cancels every open task whose invoices have all
// left their sequences (closed or stopped), and marks the task's step skipped for them. The step
// events it adds view `open_tasks` and `sequences`, which must outlive `changes`.
std::vector<TaskClosing> settle_tasks(const std::vector<Task>& open_tasks,
                                      const SequenceTable& sequences, ChangeBatch& changes,
                                      Date today) {
  // The state after today's changes of only the invoices that have an open task.
  std::unordered_map<std::string_view, SequenceState> state;
  for (const Task& task : open_tasks) {
    for (const std::string& invoice : task.invoices) {
      const auto row = sequences.find(invoice);
      state[invoice] = row ? sequences.state[*row] : SequenceState::closed;
    }
  }
  if (state.empty()) return {};
  for (const SequenceUpdate& update : changes.sequences) {
    if (auto found = state.find(update.invoice_id); found != state.end())
      found->second = update.state;
  }
  std::vector<TaskClosing> closings;
  for (const Task& task : open_tasks) {
    bool all_left = true;
    bool all_stopped = true;
    for (const std::string& invoice : task.invoices) {
      const SequenceState s = state.at(invoice);
      all_left &= s == SequenceState::closed || s == SequenceState::stopped;
      all_stopped &= s == SequenceState::stopped;
    }
    if (!all_left) continue;
    const std::string_view note = all_stopped ? "stopped" : "settled";
    closings.push_back(
        TaskClosing{task.id, TaskStatus::cancelled, today, "dun run", std::string(note), {}});
    for (const std::string& invoice : task.invoices) {
      // The invoice's own step (a merged task may carry several, language.md §3.2).
      std::string_view step = task.step;
      if (const auto row = sequences.find(invoice);
          row && sequences.name(sequences.scenario[*row]) == task.scenario &&
          sequences.last_step[*row] != SequenceTable::kNoName) {
        step = sequences.name(sequences.last_step[*row]);
      }
      changes.step_events.push_back(StepEvent{invoice, task.scenario, step, StepStatus::skipped,
                                              note, today, task.action_id});
    }
  }
  return closings;
}

// The --jsonl file must take the run's lines: checked before anything is committed, so that a
// folder or an unwritable path fails the run instead of the jsonl step after the commit.
Status check_jsonl_target(const std::filesystem::path& jsonl) {
  std::error_code error;
  if (std::filesystem::is_directory(jsonl, error)) {
    return Error{jsonl.string() +
                 ": is a folder; --jsonl names a file the actions are appended to (e.g. " +
                 (jsonl / "actions.jsonl").string() + ")"};
  }
  const bool existed = std::filesystem::exists(jsonl, error);
  std::FILE* file = std::fopen(jsonl.c_str(), "a");
  if (file == nullptr) {
    return Error{jsonl.string() + ": cannot be opened for appending (" + std::strerror(errno) +
                 "); --jsonl names a file in an existing folder"};
  }
  std::fclose(file);
  // The probe leaves no empty file behind: the run creates it when it has a line to write.
  if (!existed) std::filesystem::remove(jsonl, error);
  return Status::Ok();
}

// The gate's counts: the store's sequences before the run, what the recorded day does to them,
// and the snapshot's rows.
SnapshotGateCounts gate_counts(const SequenceTable& sequences, const RunSummary& summary,
                               const LoadedSnapshot& snapshot) {
  SnapshotGateCounts counts;
  for (const SequenceState state : sequences.state)
    counts.active_sequences += state == SequenceState::active || state == SequenceState::paused;
  counts.closing = summary.closed;
  counts.tasks_cancelled = summary.tasks_cancelled;
  const Portfolio& portfolio = snapshot.portfolio;
  counts.invoices = portfolio.invoices.size();
  counts.bad_rows = snapshot.quarantine.size();
  counts.rows = portfolio.collectors.size() + portfolio.customers.size() +
                portfolio.contacts.size() + portfolio.invoices.size() + counts.bad_rows;
  return counts;
}

// The gate's refusal with the first quarantined rows, which usually show what broke.
Error snapshot_refused(std::string refusal, const LoadedSnapshot& snapshot) {
  constexpr std::size_t kShown = 10;
  const auto& rows = snapshot.quarantine;
  for (std::size_t i = 0; i < rows.size() && i < kShown; ++i)
    refusal += "\n  quarantined: " + rows[i].to_string();
  if (rows.size() > kShown)
    refusal += "\n  … and " + std::to_string(rows.size() - kShown) + " more quarantined rows";
  return Error{std::move(refusal)};
}

}  // namespace

ContactLookup store_contact_lookup(StateStore& store) {
  return [&store](std::span<const std::string_view> customers, Channel channel, Date first,
                  Date last) { return store.contact_dates(customers, channel, first, last); };
}

Result<RunSummary> run_day(const RunOptions& options, dsl::Diagnostics& diagnostics) {
  auto run = run_day_keeping_open(options, diagnostics);
  if (!run) return run.error();
  return std::move(run).value().summary;
}

Result<CompletedRun> run_day_keeping_open(const RunOptions& options,
                                          dsl::Diagnostics& diagnostics) {
  CompletedRun completed;
  RunSummary& summary = completed.summary;
  summary.date = options.date;
  PhaseTimer timer(summary, options);
  const Config& config = options.config;
  const std::string started_at = utc_now_iso();
  if (options.jsonl && !options.dry_run) {
    if (auto usable = check_jsonl_target(*options.jsonl); !usable.ok()) return usable.error();
  }

  // The JIT's object cache sits beside the state store (docs/jit.md); a dry run writes nothing.
  JitSettings jit;
  jit.opt_level = options.opt_level;
  if (!options.dry_run) jit.cache_dir = dsl::jit_cache_dir_for(options.database);
  auto scenarios = ScenarioSet::load(options.scenarios, options.templates, config.company.language,
                                     options.backend, diagnostics, jit, config.fields);
  if (!scenarios) return scenarios.error();
  // The scenarios are compiled: LLVM's code, which its start-up and the compilation left resident
  // (~40 MB), is not run again. Its pages go back to the page cache (library_pages.hpp), out of
  // the run's peak memory.
  const std::size_t released = release_library_pages("libLLVM");
  spdlog::debug("run {}: the compiler's code given back: {:.1f} MB", options.date.to_string(),
                static_cast<double>(released) / 1e6);
  timer.lap("scenarios", 0.02);
  // A typo in the default scenario stops the run before the store is even opened.
  if (auto chosen = check_chosen_scenarios(**scenarios, config.engine.default_scenario, {});
      !chosen) {
    return chosen.error();
  }

  auto opened = StateStore::open(options.database, store_writer(config, options.writer));
  if (!opened) return opened.error();
  completed.store = std::make_unique<StateStore>(std::move(opened).value());
  StateStore& store = *completed.store;
  spdlog::debug("run {}: SQLite's memory statistics {}", options.date.to_string(),
                StateStore::sqlite_memory_statistics_kept() ? "kept" : "off");
  spdlog::debug("run {}: the heap's huge pages: {}", options.date.to_string(),
                heap_huge_page_request());
  // Lines a crashed earlier command left queued are written first, in their order.
  if (auto flushed = store.flush_jsonl(); !flushed) return flushed.error();
  auto start = store.begin_run(options.date);
  if (!start) return start.error();
  summary.repeated_date = start->repeats_last_date;

  // The two loads are independent: the store's state is read on a second thread while this one
  // loads the snapshot. Until the join the store's connection is that thread's alone: nothing
  // below touches `store` before it. An early return waits for the thread (~OverlappedLoad).
  const bool overlap = options.overlap_loads && usable_cpus() >= 2;
  OverlappedLoad<Result<RunState>> state_load(overlap, [&store, &scenarios, &config] {
    return load_run_state(store, **scenarios, config.engine.default_scenario);
  });
  LoadOptions load_options;
  load_options.strict = options.strict;
  load_options.shard = options.shard;
  load_options.max_field_bytes = static_cast<std::size_t>(config.snapshot.max_field_bytes);
  load_options.max_field_lines = config.snapshot.max_field_lines;
  load_options.custom_fields = config.fields;
  auto loaded_snapshot = load_snapshot(options.snapshot, load_options);
  // A snapshot that cannot be loaded is the run's error even when the state's load fails too, as
  // when the state was read after it.
  if (!loaded_snapshot) return loaded_snapshot.error();
  completed.snapshot = std::make_unique<LoadedSnapshot>(std::move(loaded_snapshot).value());
  const LoadedSnapshot* snapshot = completed.snapshot.get();
  const Portfolio& portfolio = snapshot->portfolio;
  summary.quarantine = snapshot->quarantine;
  for (const QuarantinedRow& row : snapshot->quarantine)
    spdlog::debug("quarantined {}", row.to_string());
  summary.warnings = snapshot->warnings;
  summary.invoices = portfolio.invoices.size();
  // As when the loads ran one after the other, the snapshot's phase includes opening the store.
  const double snapshot_seconds = timer.seconds_since_lap();
  if (!state_load.overlapped()) timer.lap("load snapshot", 0.15);

  auto loaded_state = state_load.join();
  if (!loaded_state.value) return loaded_state.value.error();
  const RunState& state = *loaded_state.value;
  if (state_load.overlapped()) {
    timer.lap_side_by_side("load snapshot", snapshot_seconds, "load state", loaded_state.seconds,
                           loaded_state.cpu_seconds, 0.25);
  } else {
    timer.lap("load state", 0.25);
  }

  // The day's plan, decisions and recorder live in this block only, so that their memory is freed
  // before the commit: the recorded rows view the portfolio, the sequence table, the open tasks
  // and the scenarios, not these. Within it, what only evaluation and the actions read is freed
  // before the per-invoice rows are recorded, when the day's memory is at its highest (~0.3 GB
  // of plan at 10M invoices would otherwise sit beside the whole batch).
  RecordedDay recorded;
  {
    DayPlan plan = DayPlan::build(DaySources{portfolio, **scenarios, config, state.sequences,
                                             state.overrides, options.date, &state.delivery});
    // Read through the plan, not kept in a reference: release_evaluation_inputs() frees them.
    summary.warnings.insert(summary.warnings.end(), plan.assignment().warnings.begin(),
                            plan.assignment().warnings.end());
    completed.aggregates = plan.aggregates();
    summary.handled = plan.handled();
    summary.bouncing = bouncing_customers(portfolio, plan.delivery());
    timer.lap("day plan", 0.28);

    std::vector<std::vector<dsl::Decision>> decisions = plan.evaluate();
    timer.lap("evaluate", 0.4);

    // language.md §3.2: per customer, the firing steps' actions are merged, then limited; only
    // then is anything recorded.
    auto limited = plan_customer_day(plan, portfolio, decisions, store_contact_lookup(store));
    if (!limited) return limited.error();
    CustomerDay customer_day = std::move(limited).value();
    timer.lap("contact limits", 0.42);

    DayRecorder recorder(portfolio, state.sequences, config, options.date);
    for (const ScenarioBatch& batch : plan.batches()) {
      recorder.add_batch(
          {batch.scenario, &batch.input, batch.rows, batch.sequence_rows, batch.sequences.flags});
    }
    recorder.reserve(decisions, plan.closings().size(), customer_day);
    recorder.build_actions(customer_day);
    customer_day = CustomerDay{};
    plan.release_evaluation_inputs();
    for (const SequenceClosing& closing : plan.closings())
      recorder.close_sequence(closing.sequence_row, closing.detail);
    for (std::size_t k = 0; k < plan.batches().size(); ++k) {
      recorder.record(k, decisions[k]);
      decisions[k] = std::vector<dsl::Decision>();  // freed, not only cleared
    }
    recorded = recorder.finish();
  }
  ChangeBatch& changes = recorded.changes;
  static_cast<RecordCounts&>(summary) = std::move(recorded.counts);
  summary.warnings.insert(summary.warnings.end(), summary.recipient_warnings.begin(),
                          summary.recipient_warnings.end());
  const std::vector<TaskClosing> closings =
      settle_tasks(state.open_tasks, state.sequences, changes, options.date);
  changes.quarantine = snapshot->quarantine;
  summary.actions_created = changes.actions.size();
  summary.tasks_created = changes.tasks.size();
  summary.tasks_cancelled = closings.size();
  timer.lap("record", 0.5);

  if (!options.accept_snapshot) {
    if (auto refusal = snapshot_gate_refusal(gate_counts(state.sequences, summary, *snapshot),
                                             config.safety)) {
      return snapshot_refused(std::move(*refusal), *snapshot);
    }
  }
  if (options.dry_run) return completed;

  RunRecord record;
  record.date = options.date;
  auto fingerprint = snapshot_fingerprint(options.snapshot);
  if (!fingerprint) return fingerprint.error();
  record.snapshot_fingerprint = *fingerprint;
  for (const LoadedScenario& scenario : (*scenarios)->scenarios()) {
    record.scenario_fingerprints.emplace_back(scenario.ir->name, scenario.fingerprint);
  }
  record.started_at = started_at;
  if (options.shard.sharded()) record.shard = options.shard.flag_text();
  record.counts.invoices = static_cast<std::int64_t>(summary.invoices);
  record.counts.actions = static_cast<std::int64_t>(changes.actions.size());
  record.counts.events = static_cast<std::int64_t>(changes.events.size());
  record.counts.tasks = static_cast<std::int64_t>(changes.tasks.size());
  record.counts.quarantined = static_cast<std::int64_t>(changes.quarantine.size());
  record.counts.evaluation_errors = static_cast<std::int64_t>(summary.errors.size());

  // The batch goes to the store: each table's rows are freed once written.
  auto report = store.commit_run(record, std::move(changes), closings, options.jsonl);
  if (!report) return report.error();
  summary.actions_already_recorded = report->duplicate_action_ids.size();
  summary.actions_created -= summary.actions_already_recorded;
  timer.lap("commit", 0.95);
  // The batch is in the store: its rows and text (~155 MB on a first day at 1M invoices) are not
  // held while the jsonl lines are read back and written.
  recorded = RecordedDay{};

  if (auto flushed = store.flush_jsonl(); !flushed) return flushed.error();
  if (options.jsonl) timer.lap("jsonl", 1.0);
  return completed;
}

}  // namespace dun

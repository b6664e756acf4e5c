// `dun run`: the daily run (architecture.md, engine/run/run.hpp).
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>

#include "adapters/delivery_pass.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/output/delivery_output.hpp"
#include "engine/run/run.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun run [--config dun.toml] [--snapshot PATH] [--scenarios DIR] [--templates DIR]\n"
    "               [--db FILE] [--date YYYY-MM-DD] [--jsonl FILE] [--dry-run] [--strict]\n"
    "               [--backend jit|interp] [--opt 0..3] [--shard K/N] [--allow-date]\n"
    "               [--accept-snapshot]\n"
    "\n"
    "The daily run: loads the day's snapshot, evaluates every scenario against its invoices,\n"
    "records state, events, actions and tasks in the state store in one transaction, and appends\n"
    "the new actions to --jsonl. Then, after that transaction, delivers the day's emails and\n"
    "letters through the adapters of dun.toml ([adapters.email], [adapters.letter]) and retries\n"
    "the failed ones whose next attempt is due (docs/delivery.md). Flags override dun.toml.\n"
    "\n"
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "  --snapshot PATH   a folder of CSV files or a SQLite .db\n"
    "  --scenarios DIR   the *.dun files\n"
    "  --templates DIR   the NAME.LANG.txt templates\n"
    "  --db FILE         the state store (created when missing)\n"
    "  --date D          the run date (default today); earlier than the last run is refused\n"
    "  --allow-date      accept a --date more than [safety] max_date_skew_days (7) after the "
    "later\n"
    "                    of today and the last completed run\n"
    "                    (without it such a date is refused: a typo would lock the store ahead)\n"
    "  --jsonl FILE      append one JSON line per action created or changed\n"
    "  --dry-run         evaluate and print the summary; write and deliver nothing\n"
    "  --strict          any bad input row fails the run (nothing is emitted)\n"
    "  --accept-snapshot run on a snapshot the sanity gate refuses: one that holds no invoice\n"
    "                    while sequences are active, would close more than [safety]\n"
    "                    max_close_share of them (default 20 %), or quarantines more than\n"
    "                    [safety] max_bad_share of its rows (default 1 %) (docs/reliability.md)\n"
    "  --backend B       jit (compiled native code, the default) or interp (the reference\n"
    "                    interpreter); both decide alike\n"
    "  --opt N           the JIT's optimisation level 0..3 (default 2); compiled code is cached\n"
    "                    in jit-cache/ beside the --db file\n"
    "  --shard K/N       only the customers of shard K of N (K = 0..N-1): the state store is\n"
    "                    dun.K-of-N.db beside --db, the jsonl file FILE.K-of-N.jsonl; a number\n"
    "                    of shards other than the stores were made for is refused (see `dun\n"
    "                    shards reshard`; docs/scale-out.md)\n"
    "  --verbose         log every phase with its time on stderr (else a progress bar on a\n"
    "                    terminal)\n"
    "\n"
    "Another command changing the same state store (a delivery, an agenda change) is waited for\n"
    "up to [store] lock_wait_seconds, then the run stops naming it (docs/reliability.md).\n"
    "\n"
    "exit status: 0 when the run was done (even with quarantined rows or evaluation errors),\n"
    "1 when it could not be done (nothing is committed; a refused snapshot says what it saw),\n"
    "2 for a usage error.\n"
    "\n"
    "example:\n"
    "  dun run --snapshot demo/snapshot --scenarios scenarios --templates scenarios/templates \\\n"
    "          --db demo/dun.db --date 2026-01-19 --jsonl demo/actions.jsonl\n";

void print_summary(const RunSummary& summary, const RunOptions& options) {
  std::printf("dun run %s%s%s\n", summary.date.to_string().c_str(),
              options.shard.sharded() ? (" (shard " + options.shard.flag_text() + ")").c_str() : "",
              options.dry_run ? " (dry run: nothing written)" : "");
  if (summary.repeated_date) {
    std::printf("  this date was already run: only what changed since is acted on\n");
  }
  std::printf("  invoices: %zu in the snapshot, %zu followed up\n", summary.invoices,
              summary.handled);
  std::printf("  actions: %zu new", summary.actions_created);
  if (summary.actions_already_recorded > 0) {
    std::printf(", %zu already recorded (not emitted again)", summary.actions_already_recorded);
  }
  std::printf("\n");
  if (!summary.actions.empty()) {
    std::printf("    %-24s %-20s %-8s %8s\n", "scenario", "step", "channel", "actions");
    for (const auto& [key, count] : summary.actions) {
      const auto& [scenario, step, channel] = key;
      std::printf("    %-24s %-20s %-8s %8zu\n", scenario.c_str(), step.c_str(), channel.c_str(),
                  count);
    }
  }
  std::printf(
      "  steps: %zu fired (%zu repetitions), %zu skipped, %zu held by `wait until`, %zu "
      "held by the contact limit (%zu actions)\n",
      summary.fired, summary.repetitions, summary.skipped,
      summary.held - summary.held_by_limit_invoices, summary.held_by_limit_invoices,
      summary.held_by_limit);
  std::printf(
      "  sequences: %zu started, %zu paused, %zu resumed, %zu closed, %zu reopened, %zu stopped\n",
      summary.started, summary.paused, summary.resumed, summary.closed, summary.reopened,
      summary.stopped);
  std::printf("  agenda: %zu tasks created, %zu cancelled by the run\n", summary.tasks_created,
              summary.tasks_cancelled);
  std::printf("  quarantined rows: %zu\n", summary.quarantine.size());
  for (std::size_t i = 0; i < summary.quarantine.size() && i < 20; ++i) {
    std::printf("    %s\n", summary.quarantine[i].to_string().c_str());
  }
  if (summary.quarantine.size() > 20)
    std::printf("    … and %zu more\n", summary.quarantine.size() - 20);
  std::printf("  evaluation errors: %zu\n", summary.errors.size());
  for (std::size_t i = 0; i < summary.errors.size() && i < 20; ++i) {
    const EvaluationErrorRecord& e = summary.errors[i];
    std::printf("    invoice %s (%s, %s): %s\n", e.invoice.c_str(), e.scenario.c_str(),
                e.clause.c_str(), e.message.c_str());
  }
  if (summary.errors.size() > 20) std::printf("    … and %zu more\n", summary.errors.size() - 20);
  for (const std::string& warning : summary.warnings)
    std::printf("  warning: %s\n", warning.c_str());
  if (!summary.bouncing.empty()) {
    std::printf(
        "  bouncing collection addresses: %zu (correct them in the snapshot; scenarios "
        "read customer.email_bounced)\n",
        summary.bouncing.size());
    for (std::size_t i = 0; i < summary.bouncing.size() && i < 20; ++i) {
      std::printf("    %s\n", summary.bouncing[i].c_str());
    }
    if (summary.bouncing.size() > 20)
      std::printf("    … and %zu more\n", summary.bouncing.size() - 20);
  }
  // Phases that ran side by side are joined by "‖" ("load snapshot 0.6s ‖ load state 0.5s;"):
  // their times add up to more than they took, so the total is the run's own wall time.
  std::printf("  timings:");
  for (std::size_t i = 0; i < summary.timings.size(); ++i) {
    const PhaseTiming& timing = summary.timings[i];
    const bool beside_next =
        i + 1 < summary.timings.size() && summary.timings[i + 1].beside_previous;
    std::printf(" %s %.3fs%s", timing.phase.c_str(), timing.seconds, beside_next ? " ‖" : ";");
  }
  std::printf(" total %.3fs\n", summary.total_seconds);
  if (!options.dry_run) {
    std::printf("  state store: %s\n", options.database.string().c_str());
    if (options.jsonl) std::printf("  actions (jsonl): %s\n", options.jsonl->string().c_str());
  }
}

// A one-line progress bar on stderr, redrawn in place: "[#####.....]  50% evaluate".
void draw_progress(std::string_view phase, double done) {
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(done * kWidth);
  std::fprintf(stderr, "\r\033[K[%s%s] %3d%% %.*s done", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(), static_cast<int>(done * 100),
               static_cast<int>(phase.size()), phase.data());
  std::fflush(stderr);
}

// After the run's transaction: the day's actions and the due retries. The run is recorded whatever
// happens here; a failure says how to finish the delivery.
int delivery_failed(const Error& error) {
  std::fprintf(stderr,
               "dun run: the run is recorded but delivery failed: %s\n"
               "  `dun deliver` delivers what is left\n",
               error.message.c_str());
  return 1;
}

// The run hands over its open store and the snapshot it evaluated: the documents are rendered
// from that snapshot, nothing is opened or loaded a second time.
int deliver_after_run(const Inputs& inputs, CompletedRun& run,
                      const adapters::AdapterSet& adapter_set, Date date) {
  auto documents = snapshot_documents(inputs.config, run.snapshot->portfolio, inputs.snapshot,
                                      inputs.templates, date, run.aggregates);
  adapters::DeliveryRequest request;
  request.date = date;
  auto pass = adapters::deliver_outbox(*run.store, adapter_set, inputs.config, *documents, request);
  if (!pass) return delivery_failed(pass.error());
  const adapters::DeliverySummary& delivered = *pass;
  const bool nothing = delivered.sent + delivered.failed + delivered.uncertain +
                           delivered.exhausted + delivered.waiting + delivered.not_rendered ==
                       0;
  if (!nothing || !delivered.no_adapter.empty() || !delivered.problems.empty()) {
    print_delivery_summary(delivered);
  }
  return 0;
}

}  // namespace

int run_run(Args args) {
  InputFlags inputs_flags;
  ShardFlag shard_flag;
  std::optional<std::string> date, jsonl;
  bool dry_run = false, strict = false, verbose = false, allow_date = false,
       accept_snapshot = false;
  FlagParser flags("run", kHelp);
  inputs_flags.add_to(flags);
  shard_flag.add_to(flags);
  flags.value("date", date);
  flags.value("jsonl", jsonl);
  flags.flag("dry-run", dry_run);
  flags.flag("strict", strict);
  flags.flag("accept-snapshot", accept_snapshot);
  flags.flag("verbose", verbose);
  flags.flag("allow-date", allow_date);
  if (auto exit_code = flags.parse(args)) return *exit_code;

  Inputs inputs;
  if (auto exit_code = resolve_inputs(inputs_flags, flags, "run", inputs)) return *exit_code;
  if (auto exit_code = resolve_shard(shard_flag, flags, "run", inputs)) return *exit_code;
  auto run_date = parse_run_date(date);
  if (!run_date) return flags.usage_error(run_date.error().message);
  if (auto skew = check_date_skew(*run_date, skew_reference(inputs.database, today_utc()),
                                  inputs.config.safety);
      !skew && !allow_date) {
    std::fprintf(stderr, "dun run: %s\n", skew.error().message.c_str());
    return 1;
  }

  RunOptions options = inputs.run_options(*run_date);
  if (jsonl) options.jsonl = shard_path(*jsonl, inputs.shard);
  options.dry_run = dry_run;
  options.strict = strict;
  options.accept_snapshot = accept_snapshot;

  // Logs (spdlog) go to stderr: warnings by default, every phase with --verbose.
  // Created once per process: `dun demo` runs several days in one.
  auto logger = spdlog::get("dun");
  spdlog::set_default_logger(logger ? logger : spdlog::stderr_logger_st("dun"));
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  if (terminal && !verbose) options.progress = draw_progress;

  // A mistake in an adapter's table stops the run before anything is written.
  auto adapter_set = adapters::build_adapters(inputs.config);
  if (!adapter_set) {
    std::fprintf(stderr, "dun run: %s\n", adapter_set.error().message.c_str());
    return 1;
  }

  dsl::Diagnostics diagnostics;
  auto run = run_day_keeping_open(options, diagnostics);
  if (options.progress) std::fputs("\r\033[K", stderr);
  print_diagnostics(diagnostics);
  if (!run) {
    std::fprintf(stderr, "dun run: %s\n", run.error().message.c_str());
    return 1;
  }
  print_summary(run->summary, options);
  if (dry_run) return 0;
  return deliver_after_run(inputs, run.value(), *adapter_set, *run_date);
}

}  // namespace dun::cli

// `dun simulate`: the actions of the next N days if nobody pays (engine/analyst/simulate.hpp), as a
// per-day table with totals, or JSON (docs/analyst-tools.md).
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdio>
#include <string>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/output/simulate_output.hpp"
#include "engine/analyst/simulate.hpp"

namespace dun::cli {
namespace {

constexpr int kMaxDays = 366 * 3;

std::string help_text() {
  return std::string(
             "usage: dun simulate --days N [--from YYYY-MM-DD] [--json] [--config dun.toml]\n"
             "                    [--snapshot PATH] [--scenarios DIR] [--templates DIR] [--db "
             "FILE]\n"
             "                    [--backend interp|jit]\n"
             "\n"
             "Forecasts the actions of the next N days if nobody pays, every confirm-task is\n"
             "confirmed and every task completed on its day: the real daily run, played day after\n"
             "day on today's snapshot against a private copy of the state store. The state store\n"
             "itself is only read: not a byte of it changes. Without a state store the simulation\n"
             "starts from nothing (as a first `dun run` would).\n"
             "\n"
             "  --days N          how many days to simulate (1 to 1098)\n"
             "  --from D          the first day (default: the day after the last run in the state\n"
             "                    store, or today when there is none); not before the last run\n"
             "  --json            one JSON object (docs/analyst-tools.md) instead of the "
             "tables\n") +
         std::string(kInputFlagsHelp) + std::string(kShardFlagHelp) +
         "\n"
         "exit status: 0 when the simulation was done, 1 when it could not be, 2 for a usage "
         "error.\n"
         "\n"
         "example:\n"
         "  dun simulate --days 30 --snapshot demo/snapshot --scenarios scenarios \\\n"
         "               --templates scenarios/templates --db demo/dun.db\n";
}

}  // namespace

int run_simulate(Args args) {
  InputFlags input_flags;
  ShardFlag shard_flag;
  std::optional<std::string> days_text, from_text;
  bool json = false;
  const std::string help = help_text();
  FlagParser flags("simulate", help);
  input_flags.add_to(flags);
  shard_flag.add_to(flags);
  flags.value("days", days_text);
  flags.value("from", from_text);
  flags.flag("json", json);
  if (auto exit_code = flags.parse(args)) return *exit_code;

  if (!days_text) return flags.usage_error("--days N is required (e.g. --days 30)");
  int days = 0;
  const char* end = days_text->data() + days_text->size();
  const auto parsed = std::from_chars(days_text->data(), end, days);
  if (parsed.ec != std::errc() || parsed.ptr != end || days < 1 || days > kMaxDays) {
    return flags.usage_error("--days '" + *days_text + "': give a whole number from 1 to " +
                             std::to_string(kMaxDays));
  }
  std::optional<Date> from;
  if (from_text) {
    from = Date::parse(*from_text);
    if (!from) {
      return flags.usage_error("--from '" + *from_text +
                               "' is not a date: write it YYYY-MM-DD, like 2026-01-19");
    }
  }
  Inputs inputs;
  if (auto exit_code = resolve_inputs(input_flags, flags, "simulate", inputs)) return *exit_code;
  if (auto exit_code = resolve_shard(shard_flag, flags, "simulate", inputs)) return *exit_code;
  auto today = parse_run_date(std::nullopt);
  if (!today) return flags.usage_error(today.error().message);

  const SimulateOptions options{inputs.run_options(*today), days, from};

  spdlog::set_default_logger(spdlog::stderr_logger_st("dun"));
  spdlog::set_pattern("%^%l%$: %v");
  spdlog::set_level(spdlog::level::warn);
  dsl::Diagnostics diagnostics;
  auto simulation = simulate(options, diagnostics);
  print_diagnostics(diagnostics);
  if (!simulation) {
    std::fprintf(stderr, "dun simulate: %s\n", simulation.error().message.c_str());
    return 1;
  }
  const std::string text = json ? simulation_json(*simulation, inputs.database)
                                : simulation_text(*simulation, inputs.database);
  std::fputs(text.c_str(), stdout);
  return 0;
}

}  // namespace dun::cli

// What the verbs that evaluate scenarios share: the config with the flags that override it, the
// run date, the back end, and how diagnostics are printed.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cli/args/flags.hpp"
#include "cli/args/verb_config.hpp"
#include "dsl/diagnostics.hpp"
#include "engine/base/config.hpp"
#include "engine/base/shard.hpp"
#include "engine/day/scenario_set.hpp"
#include "engine/run/run.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::cli {

// The inputs every verb that evaluates scenarios takes, with the same names and meaning as
// `dun run`: each overrides the config's [engine] setting.
struct InputFlags {
  std::optional<std::string> config, snapshot, scenarios, templates, db, backend, opt;
  void add_to(FlagParser& flags);
};

// Their lines for a verb's --help.
inline constexpr std::string_view kInputFlagsHelp =
    "  --config FILE     the configuration (default ./dun.toml when present)\n"
    "  --snapshot PATH   a folder of CSV files or a SQLite .db\n"
    "  --scenarios DIR   the *.dun files\n"
    "  --templates DIR   the NAME.LANG.txt templates\n"
    "  --db FILE         the state store\n"
    "  --backend B       jit (the default, compiled with LLVM) or interp (the reference)\n"
    "  --opt N           the JIT's optimisation level, 0..3 (default 2)\n";

// The config with the flags applied.
struct Inputs {
  Config config;
  std::filesystem::path snapshot;
  std::filesystem::path scenarios;
  std::filesystem::path templates;
  std::filesystem::path database;
  BackendKind backend = BackendKind::jit;
  int opt_level = 2;
  // --shard K/N (resolve_shard): `database` is then already the shard's own file.
  Shard shard;

  // A RunOptions for `date` reading these inputs (pointing at this->config: keep *this alive).
  RunOptions run_options(Date date) const;
};

// Reads the config and applies the flags. On failure prints the message as `dun VERB: …` and
// returns the exit code (1 for an unusable config, 2 for a bad flag value).
std::optional<int> resolve_inputs(const InputFlags& flags, const FlagParser& parser,
                                  std::string_view verb, Inputs& out);

// --shard K/N, for the verbs that work on one shard's customers and state store (run, simulate,
// deliver). A verb adds it with `ShardFlag::add_to`, its help line kShardFlagHelp, and calls
// resolve_shard after resolve_inputs.
struct ShardFlag {
  std::optional<std::string> text;
  void add_to(FlagParser& flags);
};

inline constexpr std::string_view kShardFlagHelp =
    "  --shard K/N       only the customers of shard K of N (K = 0..N-1), with the state store\n"
    "                    dun.K-of-N.db beside --db (docs/scale-out.md)\n";

// Applies --shard to `inputs`: parses it (a bad value is a usage error, exit 2), refuses a
// layout of stores made for another number of shards (exit 1, naming the reshard command), and
// points inputs.database at the shard's own store. Without --shard the layout is checked for an
// unsharded run.
std::optional<int> resolve_shard(const ShardFlag& flag, const FlagParser& parser,
                                 std::string_view verb, Inputs& inputs);

// The same for a verb that opens the state store itself (dun deliver): `db` becomes the shard's
// store, from --db or the config's [engine] database.
std::optional<int> resolve_shard_store(const ShardFlag& flag, const FlagParser& parser,
                                       std::string_view verb,
                                       const std::optional<std::string>& config_path,
                                       std::optional<std::string>& db);

// "2026-01-19", or today's date (UTC) when absent.
Result<Date> parse_run_date(const std::optional<std::string>& text);

// Today's date by the UTC clock: the default of --date.
Date today_utc();

// `dun run --date D` with D more than [safety] max_date_skew_days after `reference` is refused
// unless --allow-date: a date typed years ahead would make every later real date "before the last
// completed run". `reference` is the later of today and the store's last completed run
// (skew_reference), so runs that step day by day past today (a backfill, a forecast, a test) need
// no flag while a jump does. Earlier dates need no flag: a date before the last run is refused by
// the store, and the rest only repeats or catches up (docs/reliability.md).
Status check_date_skew(Date date, Date reference, const SafetyConfig& safety);
// The later of `today` and the last completed run recorded in `database` (read-only; today when
// the store does not exist yet or cannot be read: the run itself then says why).
Date skew_reference(const std::filesystem::path& database, Date today);
// --backend interp|jit; absent means jit (the reference interpreter is for checking it).
Result<BackendKind> parse_backend(const std::optional<std::string>& text);
// The back ends this build evaluates with, in the order `dun test` runs them: the one list to
// extend when a back end lands.
std::span<const BackendKind> available_backends();
// "interp", "jit": the value of --backend.
std::string_view backend_name(BackendKind backend);
// --opt 0..3, the JIT's optimisation level; absent means 2.
Result<int> parse_opt_level(const std::optional<std::string>& text);
void print_diagnostics(const dsl::Diagnostics& diagnostics);

}  // namespace dun::cli

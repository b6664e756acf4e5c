#include "cli/args/run_common.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "dsl/diagnostic_text.hpp"
#include "engine/shard/shard_layout.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/read_file.hpp"

namespace dun::cli {

Date today_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return Date::from_days(static_cast<std::int32_t>(days));
}

Status check_date_skew(Date date, Date reference, const SafetyConfig& safety) {
  const std::int64_t ahead = static_cast<std::int64_t>(date.days()) - reference.days();
  if (ahead <= safety.max_date_skew_days) return Status::Ok();
  return Error{"--date " + date.to_string() + " is " + std::to_string(ahead) + " days after " +
               reference.to_string() +
               " (the later of today and the last completed run): a run date more than [safety] "
               "max_date_skew_days (" +
               std::to_string(safety.max_date_skew_days) +
               ") ahead needs --allow-date, because every later date before it would then be "
               "refused as earlier than the last run. Check the date; if it is right, add "
               "--allow-date"};
}

Date skew_reference(const std::filesystem::path& database, Date today) {
  std::error_code missing;
  if (!std::filesystem::exists(database, missing)) return today;
  auto store = StateStore::open_read_only(database);
  if (!store) return today;
  auto last = store.value().last_completed_run_date();
  if (!last || !*last) return today;
  return std::max(today, **last);
}

Result<Date> parse_run_date(const std::optional<std::string>& text) {
  if (!text) return today_utc();
  if (auto date = Date::parse(*text)) return *date;
  return Error{"--date '" + *text + "' is not a date: write it YYYY-MM-DD, like 2026-01-19"};
}

Result<BackendKind> parse_backend(const std::optional<std::string>& text) {
  if (!text || *text == "jit") return BackendKind::jit;
  if (*text == "interp") return BackendKind::interp;
  return Error{"--backend '" + *text + "': choose jit (the default) or interp"};
}

Result<int> parse_opt_level(const std::optional<std::string>& text) {
  if (!text) return 2;
  if (text->size() == 1 && (*text)[0] >= '0' && (*text)[0] <= '3') return (*text)[0] - '0';
  return Error{"--opt '" + *text + "': choose an optimisation level 0, 1, 2 or 3 (default 2)"};
}

std::span<const BackendKind> available_backends() {
  static constexpr BackendKind kAvailable[] = {BackendKind::jit, BackendKind::interp};
  return kAvailable;
}

std::string_view backend_name(BackendKind backend) {
  switch (backend) {
    case BackendKind::interp:
      return "interp";
    case BackendKind::jit:
      return "jit";
  }
  return "interp";
}

void InputFlags::add_to(FlagParser& flags) {
  flags.value("config", config);
  flags.value("snapshot", snapshot);
  flags.value("scenarios", scenarios);
  flags.value("templates", templates);
  flags.value("db", db);
  flags.value("backend", backend);
  flags.value("opt", opt);
}

void ShardFlag::add_to(FlagParser& flags) { flags.value("shard", text); }

std::optional<int> resolve_shard(const ShardFlag& flag, const FlagParser& parser,
                                 std::string_view verb, Inputs& inputs) {
  if (flag.text) {
    auto shard = parse_shard(*flag.text);
    if (!shard) return parser.usage_error(shard.error().message);
    inputs.shard = *shard;
  }
  if (auto layout = check_shard_layout(inputs.database, inputs.shard); !layout) {
    std::fprintf(stderr, "dun %.*s: %s\n", static_cast<int>(verb.size()), verb.data(),
                 layout.error().message.c_str());
    return 1;
  }
  inputs.database = shard_path(inputs.database, inputs.shard);
  return std::nullopt;
}

std::optional<int> resolve_shard_store(const ShardFlag& flag, const FlagParser& parser,
                                       std::string_view verb,
                                       const std::optional<std::string>& config_path,
                                       std::optional<std::string>& db) {
  Inputs inputs;
  if (db) {
    inputs.database = *db;
  } else {
    auto config = load_verb_config_or_report(verb, config_path);
    if (!config) return 1;
    inputs.database = config->engine.database;
  }
  if (auto exit_code = resolve_shard(flag, parser, verb, inputs)) return exit_code;
  db = inputs.database.string();
  return std::nullopt;
}

RunOptions Inputs::run_options(Date date) const {
  RunOptions options(config);
  options.date = date;
  options.snapshot = snapshot;
  options.scenarios = scenarios;
  options.templates = templates;
  options.database = database;
  options.backend = backend;
  options.opt_level = opt_level;
  options.shard = shard;
  return options;
}

std::optional<int> resolve_inputs(const InputFlags& flags, const FlagParser& parser,
                                  std::string_view verb, Inputs& out) {
  auto config = load_verb_config_or_report(verb, flags.config,
                                           {.snapshot = flags.snapshot,
                                            .scenarios = flags.scenarios,
                                            .templates = flags.templates,
                                            .db = flags.db});
  if (!config) return 1;
  auto backend = parse_backend(flags.backend);
  if (!backend) return parser.usage_error(backend.error().message);
  out.config = std::move(config).value();
  const EngineConfig& engine = out.config.engine;
  out.snapshot = engine.snapshot;
  out.scenarios = engine.scenarios;
  out.templates = engine.templates;
  out.database = engine.database;
  out.backend = *backend;
  auto opt_level = parse_opt_level(flags.opt);
  if (!opt_level) return parser.usage_error(opt_level.error().message);
  out.opt_level = *opt_level;
  return std::nullopt;
}

void print_diagnostics(const dsl::Diagnostics& diagnostics) {
  // The same layout as `dun check` (docs/diagnostics.md): each file is read again for its source
  // lines, which only happens when a scenario has a problem.
  std::map<std::string, std::unique_ptr<dsl::SourceFile>> sources;
  for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
    auto& source = sources[diagnostic.file];
    if (!source) {
      if (auto text = read_file(diagnostic.file))
        source = std::make_unique<dsl::SourceFile>(diagnostic.file, std::move(text).value());
    }
    std::fputs(dsl::render_text(diagnostic, source.get()).c_str(), stderr);
  }
}

}  // namespace dun::cli

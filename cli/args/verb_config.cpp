#include "cli/args/verb_config.hpp"

#include <cstdio>
#include <filesystem>

namespace dun::cli {

Result<Config> load_verb_config(const std::optional<std::string>& config_path,
                                const EngineOverrides& overrides) {
  auto config = load_config_or_default(
      config_path ? std::optional<std::filesystem::path>(*config_path) : std::nullopt);
  if (!config) return config.error();
  EngineConfig& engine = config.value().engine;
  if (overrides.snapshot) engine.snapshot = *overrides.snapshot;
  if (overrides.scenarios) engine.scenarios = *overrides.scenarios;
  if (overrides.templates) engine.templates = *overrides.templates;
  if (overrides.db) engine.database = *overrides.db;
  return config;
}

std::optional<Config> load_verb_config_or_report(std::string_view verb,
                                                 const std::optional<std::string>& config_path,
                                                 const EngineOverrides& overrides) {
  auto config = load_verb_config(config_path, overrides);
  if (!config) {
    std::fprintf(stderr, "dun %.*s: %s\n", static_cast<int>(verb.size()), verb.data(),
                 config.error().message.c_str());
    return std::nullopt;
  }
  return std::move(config).value();
}

}  // namespace dun::cli

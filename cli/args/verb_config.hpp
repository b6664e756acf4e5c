// The one way a verb loads its configuration: `--config FILE` when given (it must exist), else
// ./dun.toml when present, else the defaults; then the flags that name a file or folder
// (--snapshot, --scenarios, --templates, --db) override its [engine] settings.
//
// `dun check` alone reads the file its own lenient way (cli/args/check_config.hpp): it checks
// scenarios, and must not refuse them for a config problem it does not need to look at.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/base/config.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

// The path flags of a verb; an absent one keeps the config's setting.
struct EngineOverrides {
  std::optional<std::string> snapshot{};
  std::optional<std::string> scenarios{};
  std::optional<std::string> templates{};
  std::optional<std::string> db{};
};

Result<Config> load_verb_config(const std::optional<std::string>& config_path,
                                const EngineOverrides& overrides = {});

// The same; on failure prints "dun VERB: why" on stderr and returns nullopt (the verb then
// exits 1).
std::optional<Config> load_verb_config_or_report(std::string_view verb,
                                                 const std::optional<std::string>& config_path,
                                                 const EngineOverrides& overrides = {});

}  // namespace dun::cli

// What `dun check` needs from the configuration: where the message templates are, their
// default language and the custom fields (data-model.md, "Configuration", "Custom fields"). Read
// leniently, by design, not through load_verb_config (cli/args/verb_config.hpp): a scenario check
// must not fail for a config mistake in a part it does not use (an adapter's settings, a rate).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "dsl/field_table.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

struct TemplateConfig {
  std::optional<std::filesystem::path> templates_dir;  // `[engine] templates`, resolved
  std::string default_language = "en";                 // `[company] language`
  // `[fields]`, read strictly: the checker resolves names against them.
  dsl::FieldTable fields;
};

// Reads `config_path` (from --config; it must exist), else ./dun.toml when present, else
// returns the defaults. A relative `templates` is relative to the config file's folder. A
// mistake in `[fields]` is an error (FILE:LINE:COL: …).
Result<TemplateConfig> read_template_config(
    const std::optional<std::filesystem::path>& config_path);

// The templates folder for one scenario file: `flag`, else the config's, else a `templates/`
// folder beside the file, else none.
std::optional<std::filesystem::path> templates_for(const std::filesystem::path& scenario_file,
                                                   const std::optional<std::filesystem::path>& flag,
                                                   const TemplateConfig& config);

}  // namespace dun::cli

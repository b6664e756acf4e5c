// The dun.toml parts that concern printed letters: the `[letters]` table (window position,
// margins, fold marks; engine/base/letter_layout.hpp) and the check of `[company] logo`. Errors
// carry the position of the offending key, like the rest of engine/base/config.cpp.
// Functions of their arguments only (the logo check reads the file): safe from any thread.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <string>

#include "engine/base/letter_layout.hpp"

namespace dun {

struct ConfigProblem {
  toml::source_region where;
  std::string message;
};

// Reads `[letters]`: `window` picks a preset, the other keys override its values.
std::optional<ConfigProblem> read_letters_config(const toml::table& table, LetterLayout& layout);

// `logo` as written in dun.toml (relative to the folder of `config_file`): it must stay inside
// that folder (no `..` escape) and be a readable PNG. Returns what is wrong, if anything.
std::optional<std::string> logo_path_problem(const std::filesystem::path& config_file,
                                             const std::string& written);

}  // namespace dun

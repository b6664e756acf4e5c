#include "cli/args/check_config.hpp"

#include <toml++/toml.h>
#include <system_error>

#include "engine/base/config_fields.hpp"

namespace dun::cli {

namespace fs = std::filesystem;

Result<TemplateConfig> read_template_config(const std::optional<fs::path>& config_path) {
  fs::path path = config_path.value_or("dun.toml");
  std::error_code ignored;
  if (!config_path && !fs::exists(path, ignored)) return TemplateConfig{};
  if (!fs::is_regular_file(path, ignored)) {
    return Error{"cannot read the configuration '" + path.string() +
                 "': no such file; check the path given to --config"};
  }
  toml::table table;
  try {  // toml++ reports a malformed file by exception: keep it inside this function
    table = toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return Error{path.string() + ":" + std::to_string(where.line) + ":" +
                 std::to_string(where.column) + ": " + std::string(error.description()) +
                 "; fix the configuration or pass another with --config"};
  }
  TemplateConfig config;
  if (const auto language = table["company"]["language"].value<std::string>()) {
    config.default_language = *language;
  }
  if (const auto templates = table["engine"]["templates"].value<std::string>()) {
    const fs::path folder(*templates);
    config.templates_dir = folder.is_absolute() ? folder : path.parent_path() / folder;
  }
  if (const toml::table* fields = table["fields"].as_table()) {
    std::vector<CustomFieldDeclaration> declared;
    if (auto problem = read_fields_config(*fields, declared)) {
      return Error{path.string() + ":" + std::to_string(problem->where.begin.line) + ":" +
                   std::to_string(problem->where.begin.column) + ": " + problem->message};
    }
    auto table_of_fields = dsl::FieldTable::with_custom(declared);
    if (!table_of_fields) return table_of_fields.error();
    config.fields = std::move(table_of_fields).value();
  }
  return config;
}

std::optional<fs::path> templates_for(const fs::path& scenario_file,
                                      const std::optional<fs::path>& flag,
                                      const TemplateConfig& config) {
  if (flag) return flag;
  if (config.templates_dir) return config.templates_dir;
  const fs::path beside = scenario_file.parent_path() / "templates";
  std::error_code ignored;
  if (fs::is_directory(beside, ignored)) return beside;
  return std::nullopt;
}

}  // namespace dun::cli

#include "engine/day/scenario_set.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dsl/jit.hpp"
#include "dsl/parse.hpp"
#include "engine/base/fingerprint.hpp"
#include "stdlib/read_file.hpp"

namespace dun {

Result<std::unique_ptr<ScenarioSet>> ScenarioSet::load(
    const std::filesystem::path& folder, const std::optional<std::filesystem::path>& templates,
    const std::string& default_language, BackendKind backend, dsl::Diagnostics& diagnostics,
    const JitSettings& jit, std::span<const CustomFieldDeclaration> custom_fields) {
  auto fields = dsl::FieldTable::with_custom(custom_fields);
  if (!fields) return fields.error();
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    return Error{folder.string() +
                 ": not a folder of scenarios (pass --scenarios DIR, or set [engine] scenarios in "
                 "dun.toml)"};
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".dun") files.push_back(entry.path());
  }
  if (error) return Error{folder.string() + ": " + error.message()};
  std::sort(files.begin(), files.end());
  if (files.empty()) return Error{folder.string() + ": no *.dun scenario files"};

  auto set = std::unique_ptr<ScenarioSet>(new ScenarioSet());
  dsl::CheckOptions options;
  options.templates_dir = templates;
  options.default_language = default_language;
  options.fields = std::move(fields).value();
  for (const auto& path : files) {
    auto text = read_file(path);
    if (!text) return Error{path.string() + ": cannot be read"};
    set->sources_.push_back(
        std::make_unique<dsl::SourceFile>(path.string(), std::move(text).value()));
    const dsl::SourceFile& source = *set->sources_.back();
    const dsl::ast::File ast = dsl::parse(source, diagnostics);
    set->checked_.push_back(dsl::check(ast, source, options, diagnostics));
  }
  if (diagnostics.has_errors()) {
    return Error{"the scenarios have " + std::to_string(diagnostics.error_count()) +
                 " error(s): fix them (`dun check " + folder.string() + "/*.dun`) and run again"};
  }
  for (std::size_t f = 0; f < set->checked_.size(); ++f) {
    const std::string fingerprint = sha256_hex(set->sources_[f]->text());
    for (const dsl::ir::Scenario& scenario : set->checked_[f].scenarios) {
      if (set->find(scenario.name)) {
        return Error{set->sources_[f]->name() + ": scenario '" + scenario.name +
                     "' is defined in two files; scenario names must be unique"};
      }
      auto interpreter = dsl::Interpreter::create(scenario);
      if (!interpreter) return Error{set->sources_[f]->name() + ": " + interpreter.error().message};
      LoadedScenario loaded;
      loaded.ir = &scenario;
      loaded.fingerprint = fingerprint;
      loaded.file = set->sources_[f]->name();
      loaded.interpreter = std::make_unique<dsl::Interpreter>(std::move(interpreter).value());
      loaded.evaluator = loaded.interpreter.get();
      if (backend == BackendKind::jit) {
        dsl::JitOptions jit_options;
        jit_options.opt_level = jit.opt_level;
        jit_options.cache_dir = jit.cache_dir;
        jit_options.cache_key = fingerprint;  // compile_jit adds the scenario's name
        auto compiled = dsl::compile_jit(scenario, jit_options);
        if (!compiled) {
          return Error{set->sources_[f]->name() + ": " + compiled.error().message +
                       " (run with --backend interp meanwhile, and report it)"};
        }
        loaded.compiled = std::move(compiled).value();
        loaded.evaluator = loaded.compiled.get();
      }
      set->scenarios_.push_back(std::move(loaded));
    }
  }
  return set;
}

std::optional<std::size_t> ScenarioSet::find(std::string_view name) const {
  for (std::size_t i = 0; i < scenarios_.size(); ++i) {
    if (scenarios_[i].ir->name == name) return i;
  }
  return std::nullopt;
}

}  // namespace dun

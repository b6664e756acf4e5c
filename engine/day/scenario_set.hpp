// The scenarios a run evaluates: every *.dun file of the scenarios folder, parsed and checked
// (with the templates folder), each with its evaluation back end. A run with a scenario that does
// not check is refused as a whole: evaluating half a portfolio under a broken plan would be worse
// than not running (the diagnostics say what to fix).
//
// Ownership: a ScenarioSet owns the scenario files' text, their checked IR, and each scenario's
// interpreter and compiled code; LoadedScenario's pointers point into it, so it must outlive every
// LoadedScenario pointer, DayPlan and batch made from it. It is never copied or moved once loaded
// (hence the unique_ptr). Evaluating is const and thread-safe; loading is not shared.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/backend.hpp"
#include "dsl/check.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/interp.hpp"
#include "dsl/source.hpp"
#include "stdlib/result.hpp"

namespace dun {

enum class BackendKind { interp, jit };

// How the JIT back end compiles (dsl/jit.hpp): ignored by the interpreter.
struct JitSettings {
  int opt_level = 2;                // --opt 0..3
  std::filesystem::path cache_dir;  // the object cache (dsl::jit_cache_dir_for); empty: none
};

struct LoadedScenario {
  const dsl::ir::Scenario* ir = nullptr;
  std::string fingerprint;  // SHA-256 of the file's text: changes with any edit of the file
  std::string file;
  std::unique_ptr<dsl::Interpreter> interpreter;     // always: explain, payloads, task texts
  std::unique_ptr<dsl::CompiledScenario> compiled;   // the JIT's code, with --backend jit
  const dsl::CompiledScenario* evaluator = nullptr;  // the chosen back end for decisions
};

class ScenarioSet {
 public:
  // Parses and checks every *.dun under `folder` (sorted by name). Diagnostics of every file go
  // to `diagnostics`; any error fails the load. With BackendKind::jit each scenario is compiled
  // (or loaded from the object cache of `jit`) and evaluated by native code. `custom_fields` are
  // dun.toml's [fields] (Config::fields): the scenarios and templates may read them, and the
  // portfolio they are evaluated on must be loaded with the same declarations.
  static Result<std::unique_ptr<ScenarioSet>> load(
      const std::filesystem::path& folder, const std::optional<std::filesystem::path>& templates,
      const std::string& default_language, BackendKind backend, dsl::Diagnostics& diagnostics,
      const JitSettings& jit = {}, std::span<const CustomFieldDeclaration> custom_fields = {});

  const std::vector<LoadedScenario>& scenarios() const { return scenarios_; }
  // Index in scenarios() of the scenario named `name`.
  std::optional<std::size_t> find(std::string_view name) const;

 private:
  ScenarioSet() = default;
  std::vector<std::unique_ptr<dsl::SourceFile>> sources_;
  std::vector<dsl::CheckedFile> checked_;
  std::vector<LoadedScenario> scenarios_;
};

}  // namespace dun

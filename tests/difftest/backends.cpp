#include "tests/difftest/backends.hpp"

#include <vector>

#include "dsl/interp.hpp"
#include "dsl/jit.hpp"

namespace dun::difftest {

Result<std::unique_ptr<dsl::CompiledScenario>> compile_interpreter(
    const dsl::ir::Scenario& scenario) {
  Result<dsl::Interpreter> interpreter = dsl::Interpreter::create(scenario);
  if (!interpreter.ok()) return interpreter.error();
  return std::unique_ptr<dsl::CompiledScenario>(
      std::make_unique<dsl::Interpreter>(std::move(interpreter).value()));
}

std::span<const BackendFactory> backend_factories() {
  static const std::vector<BackendFactory> factories = {
      {"interp", compile_interpreter},
      {"jit O0",
       [](const dsl::ir::Scenario& s) {
         dsl::JitOptions options;
         options.opt_level = 0;
         return dsl::compile_jit(s, options);
       }},
      {"jit O2",
       [](const dsl::ir::Scenario& s) {
         dsl::JitOptions options;
         options.opt_level = 2;
         return dsl::compile_jit(s, options);
       }},
  };
  return factories;
}

}  // namespace dun::difftest

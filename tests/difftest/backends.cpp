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

template <int kOptLevel>
Result<std::unique_ptr<dsl::CompiledScenario>> compile_jit_at(const dsl::ir::Scenario& scenario) {
  dsl::JitOptions options;
  options.opt_level = kOptLevel;
  return dsl::compile_jit(scenario, options);
}

std::span<const BackendFactory> backend_factories() {
  // --opt 3 is listed for its wider first pass (docs/jit.md, "Two passes"): strings, lets and
  // `send on business days`, which the shipped scenarios use.
  static const std::vector<BackendFactory> factories = {
      {"interp", compile_interpreter},
      {"jit O0", compile_jit_at<0>},
      {"jit O2", compile_jit_at<2>},
      {"jit O3", compile_jit_at<3>},
  };
  return factories;
}

}  // namespace dun::difftest

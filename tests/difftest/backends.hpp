// The evaluation back ends the differential tests and the evaluation benchmarks compare: the one
// list to extend when a back end lands. The first entry is the reference (the interpreter,
// architecture.md: "simple enough to trust"); every other entry must make identical Decisions.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string_view>

#include "dsl/backend.hpp"
#include "dsl/ir.hpp"
#include "stdlib/result.hpp"

namespace dun::difftest {

using CompileFunction =
    std::function<Result<std::unique_ptr<dsl::CompiledScenario>>(const dsl::ir::Scenario&)>;

struct BackendFactory {
  std::string_view name;  // "interp", "jit O0", "jit O2", "jit O3"
  CompileFunction compile;
};

// Every back end built into this binary, the reference first.
std::span<const BackendFactory> backend_factories();

// The reference interpreter as a factory (also the base of the tests' deliberately broken one).
Result<std::unique_ptr<dsl::CompiledScenario>> compile_interpreter(
    const dsl::ir::Scenario& scenario);

}  // namespace dun::difftest

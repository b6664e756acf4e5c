// The interface of an evaluation back end (architecture.md: the reference interpreter and the
// LLVM JIT), so that the engine and the differential tests pick one with `--backend` and treat
// both alike.
#pragma once

#include <span>

#include "dsl/batch.hpp"

namespace dun::dsl {

class CompiledScenario {
 public:
  virtual ~CompiledScenario() = default;
  // One Decision per row of the batch (decisions.size() == batch.row_count), computed exactly
  // as docs/run-semantics.md says. Never throws: evaluation errors are Outcome::error decisions.
  // Thread safety: const, and keeps no state between calls, so several threads may evaluate
  // disjoint batches with one CompiledScenario at once.
  virtual void evaluate(const BatchInput& batch, std::span<Decision> decisions) const = 0;
};

}  // namespace dun::dsl

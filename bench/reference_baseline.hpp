// The hand-written C++ baseline of the evaluation benchmarks: bench/reference.dun's decision
// procedure (docs/run-semantics.md) written directly over the batch columns, compiled into the
// benchmark at -O2. It is the ceiling a back end could reach for that scenario, and must make
// exactly the interpreter's Decisions (eval_bench checks that before timing it).
#pragma once

#include <span>

#include "dsl/batch.hpp"

namespace dun::bench {

inline constexpr std::size_t kReferenceSteps = 5;

// Precondition: batch.sequences.step_dates has kReferenceSteps columns of batch.row_count dates.
void decide_reference_baseline(const dsl::BatchInput& batch, std::span<dsl::Decision> decisions);

}  // namespace dun::bench

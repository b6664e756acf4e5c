// The second half of `dun explain` (engine/analyst/explain.hpp): given the invoice's one-row batch
// and the back end's decision, the values of the clauses the decision procedure went through
// (docs/run-semantics.md), the lets they read, and the decision in words.
//
// WalkInput only borrows: the scenario, the batch and the source text must outlive the call, and
// nothing of them is kept in `out` but copies. The batch's own columns are not written (the walk
// copies the step dates it updates).
#pragma once

#include <string_view>

#include "dsl/batch.hpp"
#include "engine/analyst/explain.hpp"
#include "engine/day/scenario_set.hpp"

namespace dun {

struct WalkInput {
  const LoadedScenario* scenario = nullptr;
  const dsl::BatchInput* batch = nullptr;  // one row: the invoice
  dsl::Decision decision;
  std::string_view source;   // the scenario file's text
  int repetitions_done = 0;  // of the last step's `repeat`: the repetitions already fired
};

// REQUIRES: input.scenario and input.batch are set and the batch has exactly one row, the one
// the decision was made for; out.paused_until is set when a collector's pause holds.
void explain_walk(const WalkInput& input, Explanation& out);

}  // namespace dun

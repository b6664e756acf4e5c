// The second half of `dun explain` (engine/analyst/explain.hpp): given the invoice's one-row batch
// and the back end's decision, the values of the clauses the decision procedure went through
// (docs/run-semantics.md), the lets they read, and the decision in words.
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
  std::string_view source;  // the scenario file's text
};

void explain_walk(const WalkInput& input, Explanation& out);

}  // namespace dun

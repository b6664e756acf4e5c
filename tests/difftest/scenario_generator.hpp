// Random well-typed scenarios (language.md §2–§5) as source text, from a seed. A scenario uses
// the options (calendar, send on business days, catch up) in any order, `applies`, `pause`,
// `stop`, lets of every type, and steps with `at` (fields, earlier steps, `previous`, general
// date expressions), `until`, `when`, `wait until` and every action kind with its options.
// Templates are named but not checked (the checker runs without a templates folder).
//
// Deterministic: the same seed and options give the same text on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace dun::difftest {

struct GeneratorOptions {
  int max_depth = 3;  // operators nested in one expression
  std::size_t max_lets = 4;
  std::size_t max_steps = 6;
  // Now and then a long scenario of 20 to 32 (dsl::kMaxSteps) steps, so that a day's skips fill
  // the whole of Decision::skip_reasons.
  unsigned long_scenario_percent = 5;
};

struct GeneratedScenario {
  std::string source;
  std::size_t step_count = 0;
};

GeneratedScenario generate_scenario(std::uint64_t seed, const GeneratorOptions& options = {});

}  // namespace dun::difftest

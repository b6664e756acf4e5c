// One differential case: a generated scenario and a random batch from one seed, evaluated by the
// reference back end and every other one; any difference in any field of any Decision is a
// failure, reported with everything needed to reproduce it (seed, scenario source, the row's
// inputs, both decisions). Shared by tests/difftest_test.cpp and tests/fuzz/difftest_fuzz.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>

#include "dsl/batch.hpp"
#include "tests/difftest/backends.hpp"
#include "tests/difftest/scenario_generator.hpp"

namespace dun::difftest {

// What the cases exercised, to show (and assert) that the generator reaches every path.
struct Coverage {
  std::uint64_t cases = 0;
  std::uint64_t decisions = 0;
  std::array<std::uint64_t, 4> outcomes{};       // by dsl::Outcome
  std::array<std::uint64_t, 8> errors{};         // by dsl::EvalError
  std::array<std::uint64_t, 4> skips{};          // by dsl::SkipReason
  std::array<std::uint64_t, 6> flags{};          // by bit of dsl::DecisionFlag
  std::array<std::uint64_t, 9> error_clauses{};  // by dsl::ClauseKind
  std::uint64_t most_skips_in_a_day = 0;

  void count(const dsl::Decision& decision);
  std::string summary() const;
};

struct CaseResult {
  bool agreed = true;
  std::string report;  // when !agreed: the reproducer
};

// Random batches evaluated per generated scenario, and the seed distance between them (scenario
// seeds are consecutive, so batch seeds must not collide with the next scenario's).
inline constexpr std::uint64_t kBatchesPerScenario = 5;
inline constexpr std::uint64_t kBatchSeedStride = 0x9E3779B97F4A7C15ull;

// Runs scenario `seed` over kBatchesPerScenario batches (Coverage::cases counts each batch): the
// first factory is the reference, the others are compared with it. A
// generated scenario that fails to parse or check, or a back end that refuses a checked
// scenario, is a failure too (a generator or back-end bug).
CaseResult run_case(std::uint64_t seed, std::span<const BackendFactory> factories,
                    const GeneratorOptions& options, Coverage* coverage = nullptr);

// "flags started|resumed, fire s2, skipped s0 late, s1 condition" and the like.
std::string describe_decision(const dsl::Decision& decision);

}  // namespace dun::difftest

// Helpers of the hand-written differential suites (custom fields, delivery facts): a scenario
// compiled on every back end, and one batch's decisions compared with the reference back end's.
// The generated cases of tests/difftest/differential.hpp do the same without GoogleTest (the
// fuzz target links them); these report through GoogleTest's assertions.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "tests/difftest/backends.hpp"
#include "tests/difftest/random_batch.hpp"

namespace dun::difftest::testing {

// `scenario` compiled by every factory of backend_factories(), in their order (the first is the
// reference). A back end that refuses it fails the test and is missing from the result.
inline std::vector<std::unique_ptr<dsl::CompiledScenario>> compile_on_every_backend(
    const dsl::ir::Scenario& scenario) {
  std::vector<std::unique_ptr<dsl::CompiledScenario>> backends;
  for (const BackendFactory& factory : backend_factories()) {
    auto compiled = factory.compile(scenario);
    EXPECT_TRUE(compiled.ok()) << factory.name << ": " << compiled.error().message;
    if (compiled.ok()) backends.push_back(std::move(compiled).value());
  }
  return backends;
}

// The reference back end's decisions for `input`. Every other back end's must equal them row by
// row; a difference fails the test, naming the back end, the seed, the row, the row's inputs
// (from `batch`) and the scenario's `text`.
// REQUIRES: `backends` is compile_on_every_backend's complete result.
inline std::vector<dsl::Decision> expect_backends_agree(
    const std::vector<std::unique_ptr<dsl::CompiledScenario>>& backends,
    const dsl::BatchInput& input, const RandomBatch& batch, std::uint64_t seed,
    std::string_view text) {
  std::vector<dsl::Decision> reference(input.row_count);
  backends[0]->evaluate(input, reference);
  for (std::size_t b = 1; b < backends.size(); ++b) {
    std::vector<dsl::Decision> decisions(input.row_count);
    backends[b]->evaluate(input, decisions);
    for (std::uint32_t row = 0; row < input.row_count; ++row) {
      if (decisions[row] == reference[row]) continue;
      ADD_FAILURE() << backend_factories()[b].name << " differs from the reference on seed " << seed
                    << ", row " << row << ":\n"
                    << batch.describe_row(row) << "\n"
                    << text;
      break;  // the first differing row of a back end says enough
    }
  }
  return reference;
}

}  // namespace dun::difftest::testing

// Runs one scenario test (language.md §6) through the real engine: each day from the first day
// the test needs to its last `on` date, the test's portfolio is written as a CSV snapshot, the
// daily run (run.hpp) evaluates it against a state store of the test's own, the day's payments
// and agenda changes are applied, and the actions emitted that day are compared with the day's
// `expect` lines. docs/scenario-tests.md is the user's description.
//
// run_scenario_test keeps nothing between calls; it writes only into options.work_dir, so tests
// with different work folders may run at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dsl/test_case.hpp"
#include "engine/base/config.hpp"
#include "engine/day/scenario_set.hpp"
#include "engine/scenario_tests/test_outcome.hpp"

namespace dun {

struct ScenarioTestOptions {
  explicit ScenarioTestOptions(const Config& test_config) : config(test_config) {}

  const Config& config;  // must outlive the options
  // The scenario file's text, run as the only file of the test's scenarios folder (so other
  // files beside it cannot change the test), under this file name.
  std::string scenario_text;
  std::string scenario_file_name;
  std::optional<std::filesystem::path> templates;
  BackendKind backend = BackendKind::interp;
  // An empty folder the test writes its snapshots, state store and jsonl file into; the caller
  // removes it (or keeps it to look at).
  std::filesystem::path work_dir;
};

struct ScenarioTestResult {
  std::vector<TestFailure> failures;  // in day order
  Date first_day;
  Date last_day;
  bool passed() const { return failures.empty(); }
};

// The days a test runs: from the earliest of its invoices' issue dates and its first `on` date,
// to its last `on` date. nullopt when the test has no `on` line.
struct TestSpan {
  Date first;
  Date last;
};
std::optional<TestSpan> test_span(const dsl::TestCase& test);

ScenarioTestResult run_scenario_test(const dsl::TestCase& test, const ScenarioTestOptions& options);

}  // namespace dun

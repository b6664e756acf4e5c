// How `dun test` reports: one line per test and back end (`ok` / `FAIL`), each failure under its
// test at the file:line to look at, and a summary; or the same as one JSON document (--json).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario_tests/scenario_test.hpp"

namespace dun::cli {

struct TestReport {
  std::string file;
  std::uint32_t line = 0;
  std::string name;
  std::string scenario;
  std::string backend;
  ScenarioTestResult result;
  std::string kept_dir;  // --keep: where the test's snapshots, state store and jsonl are
};

// The text lines of one test, printed as soon as the test has run.
std::string report_text(const TestReport& report);
// "3 tests, 2 passed, 1 failed (back ends: interp)"
std::string summary_text(std::span<const TestReport> reports,
                         std::span<const std::string_view> backends);
std::string report_json(std::span<const TestReport> reports,
                        std::span<const std::string_view> backends);

}  // namespace dun::cli

#include "cli/output/test_report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace dun::cli {

std::string report_text(const TestReport& report) {
  std::string text = report.result.passed() ? "ok   " : "FAIL ";
  text += report.file + ":" + std::to_string(report.line) + " test \"" + report.name + "\" [" +
          report.backend + "]\n";
  for (const TestFailure& failure : report.result.failures) {
    text +=
        "     " + report.file + ":" + std::to_string(failure.line) + ": " + failure.message + "\n";
  }
  if (!report.kept_dir.empty()) text += "     kept: " + report.kept_dir + "\n";
  return text;
}

std::string summary_text(std::span<const TestReport> reports,
                         std::span<const std::string_view> backends) {
  const auto passed = static_cast<std::size_t>(std::count_if(
      reports.begin(), reports.end(), [](const TestReport& r) { return r.result.passed(); }));
  std::string names;
  for (std::string_view backend : backends) {
    if (!names.empty()) names += ", ";
    names += backend;
  }
  return std::to_string(reports.size()) + (reports.size() == 1 ? " test run, " : " tests run, ") +
         std::to_string(passed) + " passed, " + std::to_string(reports.size() - passed) +
         " failed (back ends: " + names + ")\n";
}

std::string report_json(std::span<const TestReport> reports,
                        std::span<const std::string_view> backends) {
  using Json = nlohmann::ordered_json;
  Json tests = Json::array();
  std::size_t passed = 0;
  for (const TestReport& report : reports) {
    Json failures = Json::array();
    for (const TestFailure& failure : report.result.failures) {
      Json item;
      item["file"] = report.file;
      item["line"] = failure.line;
      item["date"] = failure.date ? Json(failure.date->to_string()) : Json(nullptr);
      item["message"] = failure.message;
      failures.push_back(std::move(item));
    }
    Json test;
    test["file"] = report.file;
    test["line"] = report.line;
    test["name"] = report.name;
    test["scenario"] = report.scenario;
    test["backend"] = report.backend;
    test["passed"] = report.result.passed();
    test["failures"] = std::move(failures);
    tests.push_back(std::move(test));
    passed += report.result.passed() ? 1 : 0;
  }
  Json document;
  document["tests"] = std::move(tests);
  document["backends"] = Json(std::vector<std::string>(backends.begin(), backends.end()));
  document["passed"] = passed;
  document["failed"] = reports.size() - passed;
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace dun::cli

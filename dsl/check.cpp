// The checker's entry point: checks every scenario and test of a file and collects the typed
// scenarios of those without errors.
#include "dsl/check.hpp"

#include <string>

#include "dsl/check_context.hpp"

namespace dun::dsl {
namespace check_detail {

bool Checker::has_error_within(SourceRange range) const {
  for (const Diagnostic& diagnostic : diagnostics_.items()) {
    if (diagnostic.severity == Severity::error && diagnostic.file == source_.name() &&
        diagnostic.pos.offset >= range.begin.offset && diagnostic.pos.offset <= range.end.offset) {
      return true;
    }
  }
  return false;
}

std::string_view Checker::text_of(SourceRange range) const {
  const std::string_view text = source_.text();
  if (range.begin.offset >= range.end.offset || range.end.offset > text.size()) return {};
  return text.substr(range.begin.offset, range.end.offset - range.begin.offset);
}

namespace {

void check_duplicate_scenarios(Checker& checker, const std::vector<ast::Scenario>& scenarios) {
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (scenarios[i].name.text.empty()) continue;  // a name the parser could not read
    for (std::size_t j = 0; j < i; ++j) {
      if (scenarios[j].name.text == scenarios[i].name.text) {
        checker.error(scenarios[i].name.range.begin,
                      "duplicate scenario '" + scenarios[i].name.text +
                          "' (first declared at line " +
                          std::to_string(scenarios[j].name.range.begin.line) + ")");
        break;
      }
    }
  }
}

}  // namespace

// Defined in check_tests.cpp: the ast index of the scenario a test exercises.
std::optional<std::size_t> test_scenario(Checker& checker, const ast::Test& test,
                                         const std::vector<ast::Scenario>& scenarios);

}  // namespace check_detail

const ir::Scenario* CheckedFile::find(std::string_view name) const {
  for (const ir::Scenario& scenario : scenarios) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

CheckedFile check(const ast::File& file, const SourceFile& source, const CheckOptions& options,
                  Diagnostics& diagnostics) {
  check_detail::Checker checker(source, options, diagnostics);
  CheckedFile result;
  check_detail::check_duplicate_scenarios(checker, file.scenarios);
  std::vector<std::optional<std::size_t>> checked_index(file.scenarios.size());
  for (std::size_t i = 0; i < file.scenarios.size(); ++i) {
    if (auto scenario = checker.check_scenario(file.scenarios[i])) {
      checked_index[i] = result.scenarios.size();
      result.scenarios.push_back(std::move(*scenario));
    }
  }
  for (const ast::Test& test : file.tests) {
    const std::optional<std::size_t> scenario =
        check_detail::test_scenario(checker, test, file.scenarios);
    result.test_scenarios.push_back(scenario ? checked_index[*scenario] : std::nullopt);
  }
  return result;
}

}  // namespace dun::dsl

// What the parser carries while it runs: the errors it has recovered from and the little context
// its messages need ("expected 'end' to close scenario 'x'", "')' to close the condition").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dun::dsl {

struct SyntaxError {
  std::size_t offset = 0;  // byte offset of the unexpected token (or of the end of the file)
  std::string message;
};

struct ParseState {
  std::string_view scenario_name;           // the scenario being parsed, for its `end`
  std::string_view context = "expression";  // what a '(' opened inside: "condition", …
  std::size_t depth = 0;                    // nesting of expressions, bounded by kMaxDepth
  std::string_view end_of_input = "the end of the file";  // "'}'" inside a placeholder
  bool skip_error_token = false;  // the last error stands on a word recovery should pass over
  std::vector<SyntaxError> errors;

  // Deeper nesting is a syntax error rather than a stack overflow (fuzzers find 10,000 '(').
  static constexpr std::size_t kMaxDepth = 100;
};

// The ParseState among a rule's states (PEGTL's parse tree puts its own state first).
template <typename... States>
ParseState& find_parse_state(States&... states) {
  ParseState* found = nullptr;
  (
      [&](auto& state) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(state)>, ParseState>) {
          found = &state;
        }
      }(states),
      ...);
  return *found;
}

}  // namespace dun::dsl

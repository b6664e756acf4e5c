#include "lsp/scope_at.hpp"

namespace dun::lsp {
namespace {

// The word of a token that opens a level when it starts its line.
std::optional<dsl::Level> level_opened(const Analysis& analysis, std::size_t index) {
  const dsl::Token& token = analysis.tokens[index];
  if (token.kind != dsl::TokenKind::word) return std::nullopt;
  const bool starts_line = index == 0 || token.newlines_before > 0;
  const std::string_view word = token.text(analysis.source.text());
  if (word == "end") return dsl::Level::top;
  if (!starts_line) return std::nullopt;
  if (word == "scenario") return dsl::Level::scenario;
  if (word == "step") return dsl::Level::step;
  if (word == "test") return dsl::Level::test;
  return std::nullopt;
}

}  // namespace

ScopeAt scope_at(const Analysis& analysis, std::size_t offset) {
  ScopeAt scope;
  for (std::size_t i = 0; i < analysis.tokens.size() && analysis.tokens[i].end() < offset; ++i) {
    if (const std::optional<dsl::Level> level = level_opened(analysis, i)) scope.level = *level;
  }
  for (const dsl::ast::Scenario& scenario : analysis.file.scenarios) {
    if (scenario.range.begin.offset > offset) break;
    if (scope.level == dsl::Level::top || scope.level == dsl::Level::test) {
      if (scenario.range.end.offset < offset) continue;
    }
    scope.scenario = &scenario;
  }
  if (scope.scenario != nullptr) {
    for (std::size_t i = 0; i < scope.scenario->steps.size(); ++i) {
      if (scope.scenario->steps[i].range.begin.offset <= offset) scope.step = i;
    }
  }
  return scope;
}

}  // namespace dun::lsp

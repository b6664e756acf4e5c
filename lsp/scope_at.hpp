// Where a position stands in a document, for completion, hover and definition: the scenario and
// step around it (from the parsed file) and the clause level (from the tokens, so that it also
// works while the line being typed does not parse yet). Pure functions over an Analysis.
#pragma once

#include <optional>

#include "dsl/keywords.hpp"
#include "lsp/analysis.hpp"

namespace dun::lsp {

struct ScopeAt {
  dsl::Level level = dsl::Level::top;
  const dsl::ast::Scenario* scenario = nullptr;
  std::optional<std::size_t> step;  // index in scenario->steps
};

ScopeAt scope_at(const Analysis& analysis, std::size_t offset);

}  // namespace dun::lsp

// The parser: scenario source text → AST (ast.hpp), with every syntax error reported in
// `diagnostics` (language.md §7). It recovers after an error at the next step, scenario, test or
// clause, so the returned File holds everything that did parse; parts that were skipped are
// flagged `incomplete` so the checker does not report their consequences again.
// Never throws, whatever the input.
#pragma once

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace dun::dsl {

ast::File parse(const SourceFile& file, Diagnostics& diagnostics);

// The expression between `begin` and `end` (byte offsets in `file`): a task text's `{…}`
// placeholder. nullptr after a syntax error (reported).
ast::ExprPtr parse_placeholder(const SourceFile& file, std::size_t begin, std::size_t end,
                               Diagnostics& diagnostics);

}  // namespace dun::dsl

// `dun fmt`: the one canonical layout of a scenario file (docs/formatting.md).
//
// The layout follows the grammar's structure, not a list of keywords: every item of a list the
// grammar recovers in (top-level blocks, scenario members, step clauses, test lines) starts its own
// line, indented two spaces per level; a block's closing word (`end`) goes back to the block's
// level. So a clause added to the grammar as one more alternative of a scenario member or of a
// step clause is laid out like the others with no change here. Inside a clause, tokens are
// separated by one space (none inside parentheses and brackets, before a comma, after a unary
// minus, between a function and its '('), and the line breaks the author put inside a long
// clause are kept as continuation lines. Comments stay where they are: a comment on its own line
// stays before the same token, a comment after code stays at the end of that line (trailing
// comments of consecutive lines are aligned). Blank lines: none at the start, one between
// top-level blocks and around a block such as a step, none before a block's first item or its
// `end`, and elsewhere a run of blank lines becomes one.
//
// Formatting never changes what the file means (the tokens, and so the AST and the IR, are the
// same) and is idempotent. Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>

#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace dun::dsl {

// The formatted text of `file`, or nullopt when the file has a syntax error (reported in
// `diagnostics`): a file that does not parse is left as it is.
std::optional<std::string> format_source(const SourceFile& file, Diagnostics& diagnostics);

}  // namespace dun::dsl

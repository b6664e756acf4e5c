// Turns a failed grammar rule into the plain-words message of language.md §7: each rule that may
// fail under `must` states what it expected (`Rule::expected`), with `{scenario}` and `{context}`
// filled in from the parse state, and rules that meet a stray word suggest the closest keyword.
#pragma once

#include <string>
#include <string_view>

#include "dsl/keywords.hpp"
#include "dsl/parse_state.hpp"

namespace dun::dsl {

// The token at the start of `rest` as the user wrote it (a word, a quoted string up to the end
// of its line, or one character), for "unexpected 'stpe'".
std::string token_at(std::string_view rest);

// "expected " + `expected` with its {scenario}/{context} placeholders filled in; with
// `suggest`, a "did you mean" for a near-miss keyword of `level` at the start of `rest`.
std::string expected_message(std::string_view expected, std::string_view rest,
                             const ParseState& state, bool suggest, Level level);
// For a word that cannot be a name: "expected a name after 'let'; 'step' is a keyword".
std::string name_message(std::string_view expected, std::string_view rest, const ParseState& state);
// For a word that cannot stand where it is: "unexpected 'stpe'; did you mean 'step'?", else
// "expected <expected>, found 'x'".
std::string stray_message(std::string_view expected, std::string_view rest, const ParseState& state,
                          Level level);

// How many bytes of `rest` to skip to resume parsing after a syntax error: up to the next
// keyword of `level` that starts a clause (outside strings, comments and field names). With
// `skip_first`, the token at the start is skipped even if it is such a keyword, so that
// recovery always moves forward.
std::size_t resume_distance(std::string_view rest, Level level, bool skip_first);

}  // namespace dun::dsl

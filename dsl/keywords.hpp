// The words of the scenario language: which are reserved (never identifiers), and which may
// start a clause at each level of a file, for "did you mean 'step'?" suggestions and for the
// points where the parser resumes after a syntax error.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dun::dsl {

// Keywords that cannot name a `let`, a step or a scenario (language.md §1).
bool is_reserved(std::string_view word);

// Length of the identifier `[a-z_][a-z0-9_]*` at the start of `text`, 0 if there is none or if
// it runs on into other word characters (`bigAccount`).
std::size_t identifier_length(std::string_view text);
// Length of the word `[A-Za-z0-9_]+` at the start of `text`.
std::size_t word_length(std::string_view text);

// Where the parser is when it meets a word it cannot place.
enum class Level { top, scenario, step, test };

// The keywords that may start something at `level` (for suggestions).
std::span<const std::string_view> keywords_at(Level level);
// Keywords where recovery at `level` stops skipping.
std::span<const std::string_view> resume_words(Level level);

// "did you mean 'step'?" when `word` is a near miss of a keyword valid at `level`.
std::optional<std::string> suggest_keyword(std::string_view word, Level level);

}  // namespace dun::dsl

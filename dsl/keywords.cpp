#include "dsl/keywords.hpp"

#include <algorithm>
#include <array>

#include "stdlib/suggest.hpp"

namespace dun::dsl {
namespace {

// Sorted, for binary search.
constexpr std::array<std::string_view, 54> kReserved = {
    "and",     "applies",    "assign",  "at",      "business", "calendar",   "cancel",  "catch",
    "company", "complete",   "confirm", "copy",    "customer", "day",        "days",    "dispute",
    "due",     "electronic", "else",    "email",   "end",      "expect",     "false",   "for",
    "grouped", "if",         "in",      "invoice", "let",      "letter",     "not",     "nothing",
    "on",      "or",         "pause",   "pay",     "promise",  "registered", "resolve", "scenario",
    "send",    "standard",   "step",    "stop",    "task",     "test",       "then",    "to",
    "true",    "until",      "wait",    "week",    "weeks",    "when",
};

constexpr std::string_view kTopWords[] = {"scenario", "test"};
constexpr std::string_view kScenarioWords[] = {"step",     "end",     "scenario", "test",
                                               "let",      "applies", "pause",    "stop",
                                               "calendar", "send",    "catch",    "group"};
constexpr std::string_view kStepSuggestions[] = {
    "step",       "end",    "scenario", "test",  "let",     "applies", "pause",    "stop",
    "calendar",   "send",   "catch",    "at",    "until",   "when",    "wait",     "email",
    "letter",     "task",   "to",       "copy",  "grouped", "confirm", "standard", "registered",
    "electronic", "assign", "due",      "group", "repeat",  "postage"};
constexpr std::string_view kStepResume[] = {
    "step",  "end", "scenario", "test", "let",  "applies", "pause",  "stop", "calendar", "send",
    "catch", "at",  "until",    "when", "wait", "email",   "letter", "task", "group",    "repeat"};
constexpr std::string_view kTestWords[] = {
    "on",       "customer", "invoice",  "test",         "scenario",   "expect",   "nothing",
    "email",    "letter",   "task",     "pay",          "confirm",    "complete", "cancel",
    "dispute",  "resolve",  "promise",  "due",          "balance",    "amount",   "issued",
    "disputed", "promised", "number",   "credit_note",  "no_dunning", "name",     "segment",
    "language", "country",  "currency", "credit_limit", "for"};
constexpr std::string_view kTestResume[] = {"on", "customer", "invoice", "test", "scenario"};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool is_reserved(std::string_view word) {
  return std::binary_search(kReserved.begin(), kReserved.end(), word);
}

std::size_t identifier_length(std::string_view text) {
  if (text.empty() || !((text[0] >= 'a' && text[0] <= 'z') || text[0] == '_')) return 0;
  std::size_t length = 1;
  while (length < text.size() &&
         ((text[length] >= 'a' && text[length] <= 'z') ||
          (text[length] >= '0' && text[length] <= '9') || text[length] == '_')) {
    ++length;
  }
  if (length < text.size() && is_word_char(text[length])) return 0;
  return length;
}

std::size_t word_length(std::string_view text) {
  std::size_t length = 0;
  while (length < text.size() && is_word_char(text[length])) ++length;
  return length;
}

// Per Level (in enum order): the keywords to suggest, and where recovery resumes.
struct LevelWords {
  std::span<const std::string_view> suggestions;
  std::span<const std::string_view> resume;
};
constexpr LevelWords kLevelWords[] = {
    {kTopWords, kTopWords},              // top
    {kStepSuggestions, kScenarioWords},  // scenario
    {kStepSuggestions, kStepResume},     // step
    {kTestWords, kTestResume},           // test
};

std::span<const std::string_view> keywords_at(Level level) {
  return kLevelWords[static_cast<std::size_t>(level)].suggestions;
}

std::span<const std::string_view> resume_words(Level level) {
  return kLevelWords[static_cast<std::size_t>(level)].resume;
}

std::optional<std::string> suggest_keyword(std::string_view word, Level level) {
  if (word.empty()) return std::nullopt;
  return closest_match(word, keywords_at(level));
}

}  // namespace dun::dsl

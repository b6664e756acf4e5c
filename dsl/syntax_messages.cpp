#include "dsl/syntax_messages.hpp"

#include <algorithm>

namespace dun::dsl {
namespace {

std::string fill_in(std::string_view text, const ParseState& state) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i).starts_with("{scenario}")) {
      out += state.scenario_name;
      i += std::string_view("{scenario}").size() - 1;
    } else if (text.substr(i).starts_with("{context}")) {
      out += state.context;
      i += std::string_view("{context}").size() - 1;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Bytes of the UTF-8 character starting with `lead` (1 for a stray continuation byte).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

bool is_valid_utf8(std::string_view bytes) {
  if (bytes.empty()) return false;
  for (std::size_t i = 1; i < bytes.size(); ++i) {
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) return false;
  }
  return true;
}

// Skips a token that recovery must not look into: a string (to its closing quote or the end of
// its line) or a comment. Returns 0 when `rest` starts with neither.
std::size_t opaque_length(std::string_view rest) {
  if (rest.empty()) return 0;
  if (rest[0] == '#') return std::min(rest.find('\n'), rest.size());
  if (rest[0] != '"') return 0;
  std::size_t i = 1;
  while (i < rest.size() && rest[i] != '"' && rest[i] != '\n') i += rest[i] == '\\' ? 2 : 1;
  return std::min(i + 1, rest.size());
}

bool is_resume_word(std::string_view word, Level level) {
  const auto words = resume_words(level);
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

std::string token_at(std::string_view rest) {
  if (rest.empty()) return {};
  if (const std::size_t word = word_length(rest); word > 0)
    return std::string(rest.substr(0, word));
  if (rest[0] == '"')
    return std::string(rest.substr(0, std::min(opaque_length(rest), rest.find('\n'))));
  const unsigned char lead = static_cast<unsigned char>(rest[0]);
  if (lead < 0x20 || lead == 0x7F) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("\\x") + kHex[lead >> 4] + kHex[lead & 0xF];
  }
  const std::string_view character = rest.substr(0, utf8_length(lead));
  if (!is_valid_utf8(character) || (lead >= 0x80 && character.size() == 1)) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("\\x") + kHex[lead >> 4] + kHex[lead & 0xF];
  }
  return std::string(character);
}

std::string expected_message(std::string_view expected, std::string_view rest,
                             const ParseState& state, bool suggest, Level level) {
  std::string message = "expected " + fill_in(expected, state);
  if (rest.empty()) return message + ", found " + std::string(state.end_of_input);
  if (suggest) {
    const std::string found = token_at(rest);
    if (!is_reserved(found)) {
      if (const auto keyword = suggest_keyword(found, level)) {
        message += "; did you mean '" + *keyword + "'?";
      }
    }
  }
  return message;
}

std::string name_message(std::string_view expected, std::string_view rest,
                         const ParseState& state) {
  std::string message = expected_message(expected, rest, state, false, Level::top);
  const std::string found = token_at(rest);
  if (is_reserved(found)) {
    message += ": '" + found + "' is a keyword";
  } else if (word_length(found) > 0 && identifier_length(found) == 0) {
    message += ": '" + found + "' is not lower case";
  }
  return message;
}

std::string stray_message(std::string_view expected, std::string_view rest, const ParseState& state,
                          Level level) {
  if (rest.empty()) {
    return "expected " + fill_in(expected, state) + ", found " + std::string(state.end_of_input);
  }
  const std::string found = token_at(rest);
  if (const auto keyword = suggest_keyword(found, level); keyword && *keyword != found) {
    return "unexpected '" + found + "'; did you mean '" + *keyword + "'?";
  }
  return "expected " + fill_in(expected, state) + ", found '" + found + "'";
}

std::size_t resume_distance(std::string_view rest, Level level, bool skip_first) {
  std::size_t i = 0;
  bool first = true;
  while (i < rest.size()) {
    const char c = rest[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (const std::size_t opaque = opaque_length(rest.substr(i)); opaque > 0) {
      i += opaque;
    } else if (const std::size_t word = word_length(rest.substr(i)); word > 0) {
      const bool after_dot = i > 0 && rest[i - 1] == '.';
      const bool before_dot = i + word < rest.size() && rest[i + word] == '.';
      if (!(first && skip_first) && !after_dot && !before_dot &&
          is_resume_word(rest.substr(i, word), level)) {
        return i;
      }
      i += word;
    } else {
      i += utf8_length(static_cast<unsigned char>(c));
    }
    first = false;
  }
  return rest.size();
}

}  // namespace dun::dsl

#include "dsl/lexer.hpp"

#include <algorithm>

namespace dun::dsl {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_word_char(char c) { return is_word_start(c) || is_digit(c); }

std::size_t word_end(std::string_view text, std::size_t i) {
  while (i < text.size() && is_word_char(text[i])) ++i;
  return i;
}

// `dddd-dd-dd` not followed by a word character.
bool date_at(std::string_view text, std::size_t i) {
  static constexpr std::string_view kShape = "dddd-dd-dd";
  if (i + kShape.size() > text.size()) return false;
  for (std::size_t k = 0; k < kShape.size(); ++k) {
    const char c = text[i + k];
    if (kShape[k] == 'd' ? !is_digit(c) : c != '-') return false;
  }
  return i + kShape.size() == text.size() || !is_word_char(text[i + kShape.size()]);
}

std::size_t digits_end(std::string_view text, std::size_t i) {
  while (i < text.size() &&
         (is_digit(text[i]) || (text[i] == '_' && i + 1 < text.size() && is_digit(text[i + 1])))) {
    ++i;
  }
  return i;
}

std::size_t number_end(std::string_view text, std::size_t i) {
  i = digits_end(text, i);
  if (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) i = digits_end(text, i + 1);
  return i;
}

std::size_t string_end(std::string_view text, std::size_t i) {
  ++i;  // the opening quote
  while (i < text.size() && text[i] != '\n' && text[i] != '\r') {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
      i += 2;
      continue;
    }
    if (text[i++] == '"') break;
  }
  return std::min(i, text.size());
}

std::size_t operator_length(std::string_view text, std::size_t i) {
  const char c = text[i];
  const bool two =
      i + 1 < text.size() && text[i + 1] == '=' && (c == '=' || c == '!' || c == '<' || c == '>');
  return two ? 2 : 1;
}

}  // namespace

std::vector<Token> lex(std::string_view source) {
  std::vector<Token> tokens;
  std::uint32_t newlines = 0;
  std::size_t i = 0;
  while (i < source.size()) {
    const char c = source[i];
    if (c == '\n') {
      ++newlines;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    Token token;
    token.offset = static_cast<std::uint32_t>(i);
    token.newlines_before = newlines;
    std::size_t end = i + 1;
    if (c == '#') {
      token.kind = TokenKind::comment;
      end = source.find('\n', i);
      if (end == std::string_view::npos) end = source.size();
      if (end > i && source[end - 1] == '\r') --end;
    } else if (c == '"') {
      token.kind = TokenKind::string;
      end = string_end(source, i);
    } else if (is_digit(c)) {
      token.kind = date_at(source, i) ? TokenKind::date : TokenKind::number;
      end = token.kind == TokenKind::date ? i + 10 : number_end(source, i);
    } else if (is_word_start(c)) {
      token.kind = TokenKind::word;
      end = word_end(source, i);
      if (end + 1 < source.size() && source[end] == '.' && is_word_start(source[end + 1])) {
        token.kind = TokenKind::field;
        end = word_end(source, end + 1);
      }
    } else if (std::string_view("()[],.{}").find(c) != std::string_view::npos) {
      token.kind = TokenKind::punctuation;
    } else if (std::string_view("=!<>+-*/").find(c) != std::string_view::npos) {
      token.kind = TokenKind::op;
      end = i + operator_length(source, i);
    } else {
      token.kind = TokenKind::other;
    }
    token.length = static_cast<std::uint32_t>(end - i);
    tokens.push_back(token);
    newlines = 0;
    i = end;
  }
  return tokens;
}

const Token* token_at_offset(const std::vector<Token>& tokens, std::size_t offset) {
  auto after = std::upper_bound(tokens.begin(), tokens.end(), offset,
                                [](std::size_t at, const Token& t) { return at < t.offset; });
  if (after == tokens.begin()) return nullptr;
  const Token& candidate = *std::prev(after);
  return offset < candidate.end() || (offset == candidate.offset) ? &candidate : nullptr;
}

}  // namespace dun::dsl

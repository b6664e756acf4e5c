// The tokens of a scenario file as an editor and the formatter see them: words (keywords and
// names), `object.field` references, numbers, dates, strings, comments and punctuation, each with
// its byte range. The grammar (grammar*.hpp) decides what the tokens mean; this only cuts the
// text, never fails and accepts any bytes (an unknown character is a one-byte `other` token), so
// that `dun fmt` (what it moves) and `dun lsp` (diagnostic ranges, the word under the cursor)
// agree on where each token starts and ends. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dun::dsl {

enum class TokenKind : std::uint8_t {
  word,         // `step`, `invoice`, `big_account`, `EUR`, `days`
  field,        // `invoice.balance`: an object, a dot and a field, with no blank between
  number,       // `12`, `1_000`, `0.5`
  date,         // `2026-01-31`
  string,       // `"text"` (to its closing quote, or to the end of its line when unclosed)
  comment,      // `# …` to the end of the line
  punctuation,  // ( ) [ ] , . { }
  op,           // == != <= >= < > = + - * /
  other,        // any other byte
};

struct Token {
  TokenKind kind = TokenKind::other;
  std::uint32_t offset = 0;  // byte offset of the first byte
  std::uint32_t length = 0;  // in bytes
  // How many line breaks stand between the previous token (or the start of the file) and this
  // one: 0 on the same line, 1 on the next line, 2 after one blank line…
  std::uint32_t newlines_before = 0;

  std::uint32_t end() const { return offset + length; }
  std::string_view text(std::string_view source) const { return source.substr(offset, length); }
};

std::vector<Token> lex(std::string_view source);

// The token containing byte `offset` (or starting there), if any; comments included.
const Token* token_at_offset(const std::vector<Token>& tokens, std::size_t offset);

}  // namespace dun::dsl

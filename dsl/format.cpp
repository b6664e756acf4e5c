// The canonical layout (format.hpp): the lexer's tokens placed on the lines the grammar's layout
// gives them, with the spacing, comment and blank-line rules of format.hpp.
#include "dsl/format.hpp"

#include <algorithm>

#include "dsl/format_layout.hpp"
#include "dsl/keywords.hpp"
#include "dsl/lexer.hpp"
#include "dsl/parse.hpp"

namespace dun::dsl {
namespace {

constexpr std::uint32_t kIndentWidth = 2;
constexpr std::uint32_t kContinuationLevels = 2;  // a continued clause: two levels deeper

// How one code token starts: on a new item line, a block's closing line, a continuation line,
// or on the current line.
enum class Start { item, closing, continuation, same_line };

struct Placement {
  Start start = Start::same_line;
  std::uint32_t depth = 0;          // the line's level (continuations: the item's level)
  std::optional<std::size_t> item;  // the item whose line this is (item and closing starts)
};

struct OutputLine {
  std::string code;     // indentation and tokens, or a whole comment line
  std::string comment;  // a trailing comment
  bool blank_before = false;
};

class Printer {
 public:
  Printer(std::string_view text, const std::vector<Token>& tokens, const Layout& layout)
      : text_(text), tokens_(tokens), layout_(layout) {}

  std::string print();

 private:
  std::vector<Placement> place() const;
  std::optional<bool> blank_forced(const Placement& placement) const;
  bool space_between(const Token& before, const Token& token) const;
  std::string render() const;

  std::string_view text_;
  const std::vector<Token>& tokens_;
  const Layout& layout_;
  std::vector<OutputLine> lines_;
};

// Each code token's placement, from the innermost layout item around it.
std::vector<Placement> Printer::place() const {
  std::vector<Placement> placements(tokens_.size());
  std::vector<std::size_t> open;  // the items around the current token, innermost last
  std::size_t next_item = 0;
  std::vector<bool> closed(layout_.items.size(), false);
  for (std::size_t t = 0; t < tokens_.size(); ++t) {
    const Token& token = tokens_[t];
    if (token.kind == TokenKind::comment) continue;
    while (!open.empty() && layout_.items[open.back()].end <= token.offset) open.pop_back();
    while (next_item < layout_.items.size() && layout_.items[next_item].begin <= token.offset) {
      open.push_back(next_item++);
    }
    Placement& placement = placements[t];
    if (open.empty()) {
      placement = {token.newlines_before > 0 ? Start::continuation : Start::same_line, 0, {}};
      continue;
    }
    const std::size_t item = open.back();
    const LayoutItem& info = layout_.items[item];
    if (token.offset == info.begin) {
      placement = {Start::item, info.depth, item};
    } else if (info.list_end && token.offset >= *info.list_end && !closed[item]) {
      closed[item] = true;
      placement = {Start::closing, info.depth, item};
    } else if (token.newlines_before > 0) {
      placement = {Start::continuation, info.depth, item};
    }
  }
  return placements;
}

// The item before `item` in the same list, if any.
std::optional<std::size_t> previous_sibling(const Layout& layout, std::size_t item) {
  const std::optional<std::size_t> parent = layout.items[item].parent;
  for (std::size_t i = item; i-- > 0;) {
    if (parent && i == *parent) return std::nullopt;
    if (layout.items[i].parent == parent) return i;
  }
  return std::nullopt;
}

// true/false: whether a blank line comes before this line; nullopt: keep the author's. A block
// (an item with a list of its own) stands apart: one blank line before it and one before the
// item after it; the first item of a list and a closing word follow their line directly.
std::optional<bool> Printer::blank_forced(const Placement& placement) const {
  if (placement.start == Start::closing) return false;
  if (placement.start != Start::item) return std::nullopt;
  const std::optional<std::size_t> previous = previous_sibling(layout_, *placement.item);
  if (!previous) return false;
  if (layout_.items[*placement.item].list_end || layout_.items[*previous].list_end) return true;
  return std::nullopt;
}

bool is_open(std::string_view token) { return token == "(" || token == "["; }
bool is_close(std::string_view token) { return token == ")" || token == "]" || token == ","; }

bool Printer::space_between(const Token& before, const Token& token) const {
  const std::string_view previous = before.text(text_);
  const std::string_view current = token.text(text_);
  if (is_open(previous) || is_close(current)) return false;
  if (layout_.unary_minus.contains(before.offset)) return false;
  // A '-' written against a word or number stays so: inside a test's bare invoice id
  // (`invoice S6-1 due …`) it is part of the id, and spacing it would change the meaning.
  if ((previous == "-" || current == "-") && before.end() == token.offset) return false;
  // A function call: its name, then '(' (a keyword before '(' opens a parenthesised value).
  if (current == "(" && before.kind == TokenKind::word && !is_reserved(previous)) return false;
  return true;
}

std::string Printer::print() {
  const std::vector<Placement> placements = place();
  std::optional<bool> pending_forced;  // the blank-line rule of the next code line
  std::vector<std::size_t> pending_comments;
  const Token* last_code = nullptr;
  bool first_line = true;

  const auto indent = [](std::uint32_t depth) { return std::string(depth * kIndentWidth, ' '); };
  const auto new_line = [&](std::string code, bool source_blank, std::optional<bool> forced) {
    OutputLine line;
    line.code = std::move(code);
    line.blank_before = !first_line && forced.value_or(source_blank);
    first_line = false;
    lines_.push_back(std::move(line));
  };
  // The own-line comments before a code line go at that line's indentation; the first of them
  // takes the code line's blank-line rule.
  const auto flush_comments = [&](std::uint32_t depth, std::optional<bool> forced) {
    for (std::size_t k = 0; k < pending_comments.size(); ++k) {
      const Token& comment = tokens_[pending_comments[k]];
      new_line(indent(depth) + std::string(comment.text(text_)), comment.newlines_before > 1,
               k == 0 ? forced : std::nullopt);
    }
    const bool had_comments = !pending_comments.empty();
    pending_comments.clear();
    return had_comments;
  };

  for (std::size_t t = 0; t < tokens_.size(); ++t) {
    const Token& token = tokens_[t];
    const std::string_view written = token.text(text_);
    if (token.kind == TokenKind::comment) {
      if (token.newlines_before == 0 && last_code != nullptr && !lines_.empty()) {
        lines_.back().comment = std::string(written);
      } else {
        pending_comments.push_back(t);
      }
      continue;
    }
    const Placement& placement = placements[t];
    const bool source_blank = token.newlines_before > 1;
    if (placement.start == Start::same_line && last_code != nullptr && pending_comments.empty()) {
      if (space_between(*last_code, token)) lines_.back().code += ' ';
      lines_.back().code += written;
    } else {
      std::uint32_t depth = placement.depth;
      if (placement.start == Start::continuation || placement.start == Start::same_line) {
        depth += kContinuationLevels;
      }
      // Comments before a block's closing word belong to the block's items.
      const std::uint32_t comment_depth = placement.start == Start::closing ? depth + 1 : depth;
      const std::optional<bool> forced = blank_forced(placement);
      const bool had_comments = flush_comments(comment_depth, forced);
      new_line(indent(depth) + std::string(written), source_blank,
               had_comments ? std::nullopt : forced);
    }
    last_code = &token;
  }
  flush_comments(0, std::nullopt);
  return render();
}

// The lines, with the trailing comments of consecutive lines aligned one column apart from the
// longest code among them.
std::string Printer::render() const {
  std::string out;
  std::size_t i = 0;
  while (i < lines_.size()) {
    std::size_t run_end = i + 1;
    std::size_t width = lines_[i].code.size();
    if (!lines_[i].comment.empty()) {
      while (run_end < lines_.size() && !lines_[run_end].comment.empty() &&
             !lines_[run_end].blank_before) {
        width = std::max(width, lines_[run_end].code.size());
        ++run_end;
      }
    }
    for (std::size_t k = i; k < run_end; ++k) {
      const OutputLine& line = lines_[k];
      if (line.blank_before) out += '\n';
      out += line.code;
      if (!line.comment.empty()) {
        out.append(width - line.code.size() + 2, ' ');
        out += line.comment;
      }
      out += '\n';
    }
    i = run_end;
  }
  return out;
}

}  // namespace

std::optional<std::string> format_source(const SourceFile& file, Diagnostics& diagnostics) {
  Diagnostics parse_diagnostics;
  parse(file, parse_diagnostics);
  if (parse_diagnostics.has_errors()) {
    for (const Diagnostic& diagnostic : parse_diagnostics.items()) diagnostics.add(diagnostic);
    return std::nullopt;
  }
  const std::vector<Token> tokens = lex(file.text());
  const Layout layout = layout_of(file.text());
  Printer printer(file.text(), tokens, layout);
  return printer.print();
}

}  // namespace dun::dsl

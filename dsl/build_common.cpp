// Positions, names, strings, dates and integers of parse-tree nodes.
#include <charconv>

#include "dsl/grammar.hpp"
#include "dsl/tree_builder.hpp"
#include "stdlib/date.hpp"

namespace dun::dsl {

namespace {

// A token node keeps the blanks after it; its text stops at the first blank or comment (strings
// are raw nodes, which never include blanks after them).
std::size_t token_length(std::string_view content) {
  if (!content.empty() && content[0] == '"') return content.size();
  const std::size_t blank = content.find_first_of(" \t\r\n\f\v#");
  return blank == std::string_view::npos ? content.size() : blank;
}

const Node& first_leaf(const Node& node) {
  const Node* leaf = &node;
  while (!leaf->children.empty()) leaf = leaf->children.front().get();
  return *leaf;
}

}  // namespace

std::size_t TreeBuilder::end_offset(const Node& node) const {
  if (!node.children.empty()) return end_offset(*node.children.back());
  if (!node.has_content()) return node.m_begin.byte;
  return node.m_begin.byte + token_length(node.string_view());
}

SourceRange TreeBuilder::range(const Node& node) const {
  return {pos(node.m_begin.byte), pos(end_offset(node))};
}

ast::Name TreeBuilder::name(const Node& node) const {
  const Node& leaf = first_leaf(node);
  const std::string_view content = leaf.has_content() ? leaf.string_view() : std::string_view();
  return {std::string(content.substr(0, token_length(content))), range(leaf)};
}

ast::Text TreeBuilder::text(const Node& node) {
  const Node* raw =
      node.is_type<grammar::string_raw>() ? &node : child_of<grammar::string_raw>(node);
  if (raw == nullptr) return {};
  const std::string_view quoted = raw->string_view();
  const std::string_view inside = quoted.substr(1, quoted.size() >= 2 ? quoted.size() - 2 : 0);
  std::string value;
  value.reserve(inside.size());
  for (std::size_t i = 0; i < inside.size(); ++i) {
    if (inside[i] != '\\' || i + 1 == inside.size()) {
      value += inside[i];
      continue;
    }
    switch (inside[++i]) {
      case 'n':
        value += '\n';
        break;
      case 't':
        value += '\t';
        break;
      default:  // \" \\ \{ \}: the character itself
        value += inside[i];
    }
  }
  return {std::move(value), range(*raw)};
}

std::optional<std::int32_t> TreeBuilder::date_days(const Node& node) {
  const Node& leaf = first_leaf(node);
  const std::string_view written = leaf.string_view().substr(0, 10);
  if (const auto date = Date::parse(written)) return date->days();
  const int year = std::stoi(std::string(written.substr(0, 4)));
  const int month = std::stoi(std::string(written.substr(5, 2)));
  std::string why = "dates are written YYYY-MM-DD";
  if (month >= 1 && month <= 12 && year >= 1) {
    static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December"};
    why = std::string(kMonths[month - 1]) + " " + std::to_string(year) + " has " +
          std::to_string(days_in_month(year, month)) + " days";
  } else if (year >= 1) {
    why = "there is no month " + std::to_string(month);
  }
  error_at(leaf, "'" + std::string(written) + "' is not a valid date (" + why + ")");
  return std::nullopt;
}

std::optional<std::int64_t> TreeBuilder::integer(const Node& node) {
  const Node& leaf = first_leaf(node);
  std::string digits;
  for (const char c : leaf.string_view().substr(0, token_length(leaf.string_view()))) {
    if (c != '_') digits += c;
  }
  std::int64_t value = 0;
  const auto [end, failure] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (failure != std::errc() || end != digits.data() + digits.size()) {
    error_at(leaf, "the number " + digits + " is too large (at most 9223372036854775807)");
    return std::nullopt;
  }
  return value;
}

void TreeBuilder::error(std::size_t offset, std::string message) {
  diagnostics_.error(file_, pos(offset), std::move(message));
}

void TreeBuilder::error_at(const Node& node, std::string message) {
  error(node.m_begin.byte, std::move(message));
}

void TreeBuilder::report_twice(const Node& second, std::string_view what,
                               std::uint32_t first_line) {
  error_at(second, std::string(what) + " is given twice (first at line " +
                       std::to_string(first_line) + "); keep one");
}

ast::ExprPtr TreeBuilder::value_expr(const Node& clause) {
  const Node* value = last_child(clause);
  return value ? expr(*value) : nullptr;
}

bool TreeBuilder::once(std::optional<SourcePos>& seen, const Node& node, std::string_view what) {
  if (seen) {
    report_twice(node, what, seen->line);
    return false;
  }
  seen = pos(node.m_begin.byte);
  return true;
}

}  // namespace dun::dsl

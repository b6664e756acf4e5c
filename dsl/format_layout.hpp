// Internal to the formatter (format.cpp): where the grammar puts the lines of a file. Runs the
// real grammar (grammar.hpp) and reads its structure: the items of every list of recovered
// items (`star<…, recover<…>>`: top-level blocks, scenario members, step clauses, test lines),
// how they nest, where each item's own list ends (its closing word follows), and which '-' are
// unary. REQUIRES: the file parses without a syntax error (the formatter checks it first).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace dun::dsl {

struct LayoutItem {
  std::uint32_t begin = 0;                // byte offset of its first token
  std::uint32_t end = 0;                  // one past its last byte (blanks after it included)
  std::uint32_t depth = 0;                // 0 for top-level blocks
  std::optional<std::size_t> parent;      // index of the enclosing item
  std::optional<std::uint32_t> list_end;  // a block: where its list of items ends
};

struct Layout {
  std::vector<LayoutItem> items;        // in file order, a parent before its children
  std::set<std::uint32_t> unary_minus;  // offsets of the '-' that negate
};

Layout layout_of(std::string_view text);

}  // namespace dun::dsl

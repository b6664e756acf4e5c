// The grammar's structure for the formatter: PEGTL's parse tree keeps three kinds of nodes only,
// chosen by the shape of the rules rather than by their names, so that a new clause is covered
// as soon as it is one more alternative of a recovered item.
#include "dsl/format_layout.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/grammar.hpp"

namespace dun::dsl {

namespace g = grammar;
namespace pegtl = tao::pegtl;
namespace pt = tao::pegtl::parse_tree;

namespace {

enum class NodeKind { other, recovered_item, item_list, negation };

template <typename Rule>
struct is_recover : std::false_type {};
template <typename Rule, Level L>
struct is_recover<g::recover<Rule, L>> : std::true_type {};

template <typename Rule>
struct is_item_list : std::false_type {};
// A repetition whose body holds a recovery point: each repetition is one item of a list.
template <typename... Rules>
struct is_item_list<pegtl::star<Rules...>> : std::bool_constant<(is_recover<Rules>::value || ...)> {
};

template <typename Rule>
constexpr NodeKind kind_of() {
  if constexpr (is_recover<Rule>::value) return NodeKind::recovered_item;
  if constexpr (is_item_list<Rule>::value) return NodeKind::item_list;
  if constexpr (std::is_same_v<Rule, g::negation>) return NodeKind::negation;
  return NodeKind::other;
}

template <typename Rule>
struct selector : std::bool_constant<kind_of<Rule>() != NodeKind::other> {};

struct LayoutNode : pt::basic_node<LayoutNode> {
  NodeKind kind = NodeKind::other;

  template <typename Rule, typename ParseInput, typename... States>
  void start(const ParseInput& in, States&&... states) {
    pt::basic_node<LayoutNode>::template start<Rule>(in, states...);
    kind = kind_of<Rule>();
  }
};

std::uint32_t begin_of(const LayoutNode& node) {
  return static_cast<std::uint32_t>(node.m_begin.byte);
}
std::uint32_t end_of(const LayoutNode& node) { return static_cast<std::uint32_t>(node.m_end.byte); }

// `item`: the index of the innermost item around `node`; `in_list`: `node`'s parent is a list.
void walk(const LayoutNode& node, std::optional<std::size_t> item, bool in_list, Layout& layout) {
  if (node.kind == NodeKind::negation) layout.unary_minus.insert(begin_of(node));
  if (node.kind == NodeKind::item_list && item && !layout.items[*item].list_end) {
    layout.items[*item].list_end = end_of(node);
  }
  if (node.kind == NodeKind::recovered_item && in_list) {
    LayoutItem added;
    added.begin = begin_of(node);
    added.end = end_of(node);
    added.depth = item ? layout.items[*item].depth + 1 : 0;
    added.parent = item;
    layout.items.push_back(added);
    item = layout.items.size() - 1;
  }
  for (const auto& child : node.children) {
    walk(*child, item, node.kind == NodeKind::item_list, layout);
  }
}

}  // namespace

Layout layout_of(std::string_view text) {
  Layout layout;
  pegtl::memory_input<> in(text.data(), text.size(), "");
  ParseState state;
  std::unique_ptr<LayoutNode> root;
  try {
    root = pt::parse<g::file, LayoutNode, selector, pegtl::nothing, g::error_control>(in, state);
  } catch (const pegtl::parse_error&) {
    return layout;  // not reached for a file that parses (the REQUIRES of format_layout.hpp)
  }
  if (root) walk(*root, std::nullopt, true, layout);
  return layout;
}

}  // namespace dun::dsl

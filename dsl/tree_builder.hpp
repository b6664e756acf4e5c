// Builds the AST from PEGTL's parse tree (internal to the parser). The tree holds only the nodes
// parse.cpp selects; every builder function reads one kind of node. It also reports what the
// grammar alone cannot: impossible dates, numbers that overflow, duplicate clauses and options,
// empty task placeholders.
#pragma once

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/ast.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace dun::dsl {

using Node = tao::pegtl::parse_tree::node;

class TreeBuilder {
 public:
  TreeBuilder(const SourceFile& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  ast::File file(const Node& root);
  ast::ExprPtr expr(const Node& node);

 private:
  // build_scenario.cpp
  ast::Scenario scenario(const Node& node);
  void scenario_member(const Node& node, ast::Scenario& scenario);
  ast::Step step(const Node& node);
  ast::Action action(const Node& node, Channel channel);
  ast::ContactLimit contact_limit(const Node& node);
  ast::Repeat repeat(const Node& node);
  void action_option(const Node& node, ast::Action& action);
  void task_placeholders(const Node& text_node, ast::Action& action);
  // build_test.cpp
  ast::Test test(const Node& node);
  ast::TestCustomer test_customer(const Node& node);
  ast::TestInvoice test_invoice(const Node& node);
  ast::TestEvent test_event(const Node& node);
  // build_expr.cpp
  ast::ExprPtr binary_chain(const Node& node);
  ast::ExprPtr numeric(const Node& node);
  ast::ExprPtr make(const Node& node, decltype(ast::Expr::node) value);

  // build_common.cpp
 public:
  SourcePos pos(std::size_t offset) const { return file_.position_at(offset); }
  SourceRange range(const Node& node) const;
  std::size_t end_offset(const Node& node) const;
  ast::Name name(const Node& node) const;
  ast::Text text(const Node& node);
  std::optional<std::int32_t> date_days(const Node& date_node);
  std::optional<std::int64_t> integer(const Node& node);
  void error(std::size_t offset, std::string message);
  void error_at(const Node& node, std::string message);
  // False (and "'grouped' is given twice…" reported) when `seen` is already set; else sets it.
  bool once(std::optional<SourcePos>& seen, const Node& node, std::string_view what);
  void report_twice(const Node& second, std::string_view what, std::uint32_t first_line);
  // The expression of a clause node (`at EXPR`, `to EXPR`: its last child), or nullptr.
  ast::ExprPtr value_expr(const Node& clause);

 private:
  const SourceFile& file_;
  Diagnostics& diagnostics_;
};

inline const Node* last_child(const Node& node) {
  return node.children.empty() ? nullptr : node.children.back().get();
}

// The first child of `node` whose rule is `Rule`, or nullptr.
template <typename Rule>
const Node* child_of(const Node& node) {
  for (const auto& child : node.children) {
    if (child->is_type<Rule>()) return child.get();
  }
  return nullptr;
}

}  // namespace dun::dsl

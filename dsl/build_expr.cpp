// Expressions: parse-tree nodes of grammar_expr.hpp → ast::Expr.
#include "dsl/grammar.hpp"
#include "dsl/tree_builder.hpp"

namespace dun::dsl {

namespace g = grammar;

namespace {

std::optional<ast::BinaryOp> binary_op(const Node& node) {
  if (node.is_type<g::kw_or_raw>()) return ast::BinaryOp::logical_or;
  if (node.is_type<g::kw_and_raw>()) return ast::BinaryOp::logical_and;
  if (node.is_type<g::equal_raw>()) return ast::BinaryOp::equal;
  if (node.is_type<g::not_equal_raw>()) return ast::BinaryOp::not_equal;
  if (node.is_type<g::less_raw>()) return ast::BinaryOp::less;
  if (node.is_type<g::less_equal_raw>()) return ast::BinaryOp::less_equal;
  if (node.is_type<g::greater_raw>()) return ast::BinaryOp::greater;
  if (node.is_type<g::greater_equal_raw>()) return ast::BinaryOp::greater_equal;
  if (node.is_type<g::kw_in_raw>()) return ast::BinaryOp::in;
  if (node.is_type<g::plus_raw>()) return ast::BinaryOp::add;
  if (node.is_type<g::minus_raw>()) return ast::BinaryOp::subtract;
  if (node.is_type<g::times_raw>()) return ast::BinaryOp::multiply;
  if (node.is_type<g::divide_raw>()) return ast::BinaryOp::divide;
  return std::nullopt;
}

bool is_binary_chain(const Node& node) {
  return node.is_type<g::or_expr>() || node.is_type<g::and_expr>() ||
         node.is_type<g::comparison>() || node.is_type<g::additive>() ||
         node.is_type<g::multiplicative>();
}

std::string without_underscores(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != '_') out += c;
  }
  return out;
}

}  // namespace

ast::ExprPtr TreeBuilder::make(const Node& node, decltype(ast::Expr::node) value) {
  auto expr = std::make_unique<ast::Expr>();
  expr->range = range(node);
  expr->node = std::move(value);
  return expr;
}

// operand (operator operand)*, folded to the left: a - b - c is (a - b) - c.
ast::ExprPtr TreeBuilder::binary_chain(const Node& node) {
  ast::ExprPtr lhs = expr(*node.children.front());
  for (std::size_t i = 1; i + 1 < node.children.size(); i += 2) {
    const Node& op_node = *node.children[i];
    ast::ExprPtr rhs = expr(*node.children[i + 1]);
    auto binary = std::make_unique<ast::Expr>();
    binary->range = {lhs ? lhs->range.begin : pos(node.m_begin.byte),
                     rhs ? rhs->range.end : range(op_node).end};
    binary->node = ast::Binary{binary_op(op_node).value_or(ast::BinaryOp::add), std::move(lhs),
                               std::move(rhs), range(op_node)};
    lhs = std::move(binary);
  }
  return lhs;
}

ast::ExprPtr TreeBuilder::numeric(const Node& node) {
  const Node& number = *node.children.front();
  const std::string digits = without_underscores(number.string_view());
  const bool is_decimal = digits.find('.') != std::string::npos;
  if (node.children.size() == 1) {
    if (is_decimal) return make(node, ast::DecimalLiteral{digits});
    const auto value = integer(number);
    return make(node, ast::IntLiteral{value.value_or(0)});
  }
  const Node& suffix = *node.children.back();
  if (suffix.is_type<g::currency_code_raw>()) {
    return make(node, ast::MoneyLiteral{digits, std::string(suffix.string_view())});
  }
  if (is_decimal) {
    error_at(number, "a duration counts whole days or weeks: write " +
                         digits.substr(0, digits.find('.')) + ", not " + digits);
  }
  const auto count = is_decimal ? std::optional<std::int64_t>(0) : integer(number);
  ast::DurationUnit unit = ast::DurationUnit::days;
  if (suffix.is_type<g::unit_week_raw>()) unit = ast::DurationUnit::weeks;
  if (child_of<g::kw_business_raw>(node) != nullptr) unit = ast::DurationUnit::business_days;
  return make(node, ast::DurationLiteral{count.value_or(0), unit});
}

ast::ExprPtr TreeBuilder::expr(const Node& node) {
  if (is_binary_chain(node)) return binary_chain(node);
  if (node.is_type<g::numeric_literal>()) return numeric(node);
  if (node.is_type<g::date_raw>()) {
    return make(node, ast::DateLiteral{date_days(node).value_or(0)});
  }
  if (node.is_type<g::string_raw>()) return make(node, ast::StringLiteral{text(node).value});
  if (node.is_type<g::kw_true_raw>()) return make(node, ast::BoolLiteral{true});
  if (node.is_type<g::kw_false_raw>()) return make(node, ast::BoolLiteral{false});
  if (node.is_type<g::identifier_raw>()) return make(node, ast::NameRef{name(node).text});
  if (node.is_type<g::field_ref>()) {
    const Node& object = *node.children.front();
    const Node& field = *node.children.back();
    return make(node, ast::FieldRef{std::string(object.string_view()),
                                    std::string(field.string_view()), range(field)});
  }
  if (node.is_type<g::call>()) {
    ast::Call call{name(*node.children.front()).text, range(*node.children.front()), {}};
    for (std::size_t i = 1; i + 1 < node.children.size(); ++i) {
      call.args.push_back(expr(*node.children[i]));
    }
    return make(node, std::move(call));
  }
  if (node.is_type<g::list_literal>()) {
    ast::ListLiteral list;
    for (std::size_t i = 0; i + 1 < node.children.size(); ++i) {
      list.items.push_back(expr(*node.children[i]));
    }
    return make(node, std::move(list));
  }
  if (node.is_type<g::parenthesized>()) {
    ast::ExprPtr inner = expr(*node.children.front());
    if (inner) inner->range = range(node);  // the parentheses belong to the value they wrap
    return inner;
  }
  if (node.is_type<g::logical_not>()) {
    return make(node, ast::Unary{ast::UnaryOp::logical_not, expr(*node.children.back())});
  }
  if (node.is_type<g::negation>()) {
    return make(node, ast::Unary{ast::UnaryOp::negate, expr(*node.children.back())});
  }
  if (node.is_type<g::if_expr>() && node.children.size() == 3) {
    return make(node, ast::IfElse{expr(*node.children[0]), expr(*node.children[1]),
                                  expr(*node.children[2])});
  }
  return nullptr;  // not an expression node: the grammar never hands one here
}

}  // namespace dun::dsl

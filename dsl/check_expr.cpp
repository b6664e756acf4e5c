// Expression typing: the dispatch over expression kinds, literals, lists and `if`.
#include <limits>
#include <string>
#include <type_traits>

#include "dsl/check_context.hpp"

namespace dun::dsl::check_detail {
namespace {

ir::DurationUnit to_ir(ast::DurationUnit unit) {
  switch (unit) {
    case ast::DurationUnit::days:
      return ir::DurationUnit::days;
    case ast::DurationUnit::weeks:
      return ir::DurationUnit::weeks;
    case ast::DurationUnit::business_days:
      return ir::DurationUnit::business_days;
  }
  return ir::DurationUnit::days;
}

// A list outside `in`: only lists of strings are values (`let segments = ["sme", "public"]`).
ir::ExprPtr check_string_list(Checker& checker, const ast::Expr& expr, const ast::ListLiteral& list,
                              const Scope& scope) {
  ir::StringList result;
  bool ok = true;
  for (const ast::ExprPtr& item : list.items) {
    ir::ExprPtr checked = checker.check_expr(item.get(), scope);
    if (checked->type == Type::error) {
      ok = false;
    } else if (checked->type != Type::string) {
      checker.error(checked->range.begin, "a list must hold strings (or stand after 'in'), got " +
                                              std::string(type_name(checked->type)));
      ok = false;
    }
    result.items.push_back(std::move(checked));
  }
  if (!ok) return make_error(expr.range);
  return make_expr(Type::string_list, expr.range, std::move(result));
}

ir::ExprPtr check_if(Checker& checker, const ast::Expr& expr, const ast::IfElse& if_else,
                     const Scope& scope) {
  ir::ExprPtr condition =
      checker.check_typed(if_else.condition.get(), scope, Type::boolean, "the condition of 'if'");
  ir::ExprPtr then_value = checker.check_expr(if_else.then_value.get(), scope);
  ir::ExprPtr else_value = checker.check_expr(if_else.else_value.get(), scope);
  if (condition->type == Type::error || then_value->type == Type::error ||
      else_value->type == Type::error) {
    return make_error(expr.range);
  }
  Type type = then_value->type;
  if (then_value->type != else_value->type) {
    if (is_number(then_value->type) && is_number(else_value->type)) {
      type = Type::decimal;
      then_value = promote_to_decimal(std::move(then_value));
      else_value = promote_to_decimal(std::move(else_value));
    } else {
      checker.error(else_value->range.begin,
                    "the branches of 'if' must have one type: 'then' gives " +
                        std::string(type_name(then_value->type)) + ", 'else' gives " +
                        std::string(type_name(else_value->type)));
      return make_error(expr.range);
    }
  }
  return make_expr(
      type, expr.range,
      ir::Conditional{std::move(condition), std::move(then_value), std::move(else_value)});
}

}  // namespace

ir::ExprPtr promote_to_decimal(ir::ExprPtr expr) {
  if (expr->type != Type::integer) return expr;
  const SourceRange range = expr->range;
  if (const auto* constant = std::get_if<ir::IntConst>(&expr->node)) {
    // Folded so that `0.5 * 2` compiles to two constants; overflow cannot happen for ints that
    // fit the decimal range, and larger ones keep the run-time conversion (which reports it).
    if (constant->value > std::numeric_limits<std::int64_t>::min() / ir::kDecimalScale &&
        constant->value < std::numeric_limits<std::int64_t>::max() / ir::kDecimalScale) {
      return make_expr(Type::decimal, range, ir::DecimalConst{constant->value * ir::kDecimalScale});
    }
  }
  return make_expr(Type::decimal, range, ir::IntToDecimal{std::move(expr)});
}

ir::ExprPtr Checker::check_typed(const ast::Expr* expr, const Scope& scope, Type expected,
                                 std::string_view clause) {
  ir::ExprPtr checked = check_expr(expr, scope);
  if (checked->type == Type::error || checked->type == expected) return checked;
  error(checked->range.begin, std::string(clause) + " needs a " + std::string(type_name(expected)) +
                                  ", got " + std::string(type_name(checked->type)));
  return make_error(checked->range);
}

ir::ExprPtr Checker::check_expr(const ast::Expr* expr, const Scope& scope) {
  if (expr == nullptr) return make_error({});
  return std::visit(
      [&](const auto& node) -> ir::ExprPtr {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ast::BoolLiteral>) {
          return make_expr(Type::boolean, expr->range, ir::BoolConst{node.value});
        } else if constexpr (std::is_same_v<Node, ast::IntLiteral>) {
          return make_expr(Type::integer, expr->range, ir::IntConst{node.value});
        } else if constexpr (std::is_same_v<Node, ast::DecimalLiteral>) {
          return check_decimal_literal(*expr, node);
        } else if constexpr (std::is_same_v<Node, ast::MoneyLiteral>) {
          return check_money_literal(*expr, node);
        } else if constexpr (std::is_same_v<Node, ast::DateLiteral>) {
          return make_expr(Type::date, expr->range, ir::DateConst{node.days});
        } else if constexpr (std::is_same_v<Node, ast::DurationLiteral>) {
          return make_expr(Type::duration, expr->range,
                           ir::DurationConst{{node.count, to_ir(node.unit)}});
        } else if constexpr (std::is_same_v<Node, ast::StringLiteral>) {
          return make_expr(Type::string, expr->range, ir::StringConst{node.value});
        } else if constexpr (std::is_same_v<Node, ast::ListLiteral>) {
          return check_string_list(*this, *expr, node, scope);
        } else if constexpr (std::is_same_v<Node, ast::NameRef>) {
          return check_name(*expr, node, scope);
        } else if constexpr (std::is_same_v<Node, ast::FieldRef>) {
          return check_field(*expr, node, scope);
        } else if constexpr (std::is_same_v<Node, ast::Unary>) {
          return check_unary(*expr, node, scope);
        } else if constexpr (std::is_same_v<Node, ast::Binary>) {
          return check_binary(*expr, node, scope);
        } else if constexpr (std::is_same_v<Node, ast::IfElse>) {
          return check_if(*this, *expr, node, scope);
        } else {
          static_assert(std::is_same_v<Node, ast::Call>);
          return check_call(*expr, node, scope);
        }
      },
      expr->node);
}

}  // namespace dun::dsl::check_detail

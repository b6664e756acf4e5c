#include "engine/analyst/explain_expr.hpp"

#include <type_traits>

#include "dsl/builtins.hpp"
#include "dsl/fields.hpp"

namespace dun {
namespace {

namespace ir = dsl::ir;

bool is_constant(const ir::Expr& expr) {
  return std::holds_alternative<ir::BoolConst>(expr.node) ||
         std::holds_alternative<ir::IntConst>(expr.node) ||
         std::holds_alternative<ir::DecimalConst>(expr.node) ||
         std::holds_alternative<ir::MoneyConst>(expr.node) ||
         std::holds_alternative<ir::DateConst>(expr.node) ||
         std::holds_alternative<ir::DurationConst>(expr.node) ||
         std::holds_alternative<ir::StringConst>(expr.node);
}

std::string_view arith_symbol(ir::ArithOp op) {
  switch (op) {
    case ir::ArithOp::add_int:
    case ir::ArithOp::add_decimal:
    case ir::ArithOp::add_money:
    case ir::ArithOp::add_date_duration:
      return "+";
    case ir::ArithOp::subtract_int:
    case ir::ArithOp::subtract_decimal:
    case ir::ArithOp::subtract_money:
    case ir::ArithOp::subtract_date_duration:
    case ir::ArithOp::subtract_date_date:
      return "-";
    case ir::ArithOp::multiply_int:
    case ir::ArithOp::multiply_decimal:
    case ir::ArithOp::multiply_money_int:
    case ir::ArithOp::multiply_money_decimal:
      return "*";
    case ir::ArithOp::divide_int:
    case ir::ArithOp::divide_decimal:
    case ir::ArithOp::divide_money_int:
    case ir::ArithOp::divide_money_decimal:
      return "/";
  }
  return "?";
}

// The relation that actually holds: a false `a >= b` is shown as `a < b`.
std::string_view compare_symbol(ir::CompareOp op, bool holds) {
  using enum ir::CompareOp;
  if (!holds) {
    switch (op) {
      case equal:
        op = not_equal;
        break;
      case not_equal:
        op = equal;
        break;
      case less:
        op = greater_equal;
        break;
      case less_equal:
        op = greater;
        break;
      case greater:
        op = less_equal;
        break;
      case greater_equal:
        op = less;
        break;
    }
  }
  switch (op) {
    case equal:
      return "==";
    case not_equal:
      return "!=";
    case less:
      return "<";
    case less_equal:
      return "<=";
    case greater:
      return ">";
    case greater_equal:
      return ">=";
  }
  return "?";
}

}  // namespace

std::string ExprDescriber::text(const ir::Expr& expr) const {
  const std::size_t begin = expr.range.begin.offset;
  const std::size_t end = expr.range.end.offset;
  if (begin >= end || end > source.size()) return "";
  return std::string(source.substr(begin, end - begin));
}

// How an operand is named: invoice fields by their short name (the example of the issue:
// `due_date 2026-01-12`), other fields, lets and steps by their names, anything longer by its
// text in parentheses.
std::string ExprDescriber::named(const ir::Expr& expr, const dsl::Value& value) const {
  const std::string shown = dsl::format_value(value);
  if (is_constant(expr)) return shown;
  if (const auto* field = std::get_if<ir::FieldRead>(&expr.node)) {
    const dsl::FieldInfo& info = dsl::field_info(field->field);
    const std::string name =
        info.object == "invoice" ? std::string(info.name) : dsl::field_display_name(field->field);
    return name + " " + shown;
  }
  if (const auto* custom = std::get_if<ir::CustomFieldRead>(&expr.node)) {
    return custom->name + " " + shown;
  }
  if (const auto* let = std::get_if<ir::LetRead>(&expr.node)) {
    return scenario->lets[let->let_index].name + " " + shown;
  }
  if (const auto* step = std::get_if<ir::StepDate>(&expr.node)) {
    return scenario->steps[step->step_index].name + " " + shown;
  }
  if (std::holds_alternative<ir::Today>(expr.node)) return "today " + shown;
  const std::string written = text(expr);
  // A parenthesised operand's range already holds its parentheses.
  const bool parenthesised = written.size() >= 2 && written.front() == '(' && written.back() == ')';
  return (parenthesised ? written : "(" + written + ")") + " " + shown;
}

std::string ExprDescriber::operand(const ir::Expr& expr) const {
  // The int -> decimal conversion the checker inserted is not something the analyst wrote.
  if (const auto* conversion = std::get_if<ir::IntToDecimal>(&expr.node)) {
    return operand(*conversion->operand);
  }
  return named(expr, evaluate(expr));
}

std::string ExprDescriber::operands(const ir::Expr& expr, const dsl::Value& value) const {
  const bool holds = !value.failed() && value.type() == dsl::Type::boolean && value.boolean();
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::Arith>) {
          return operand(*node.lhs) + " " + std::string(arith_symbol(node.op)) + " " +
                 operand(*node.rhs);
        } else if constexpr (std::is_same_v<Node, ir::Compare>) {
          if (value.failed()) return operand(*node.lhs) + " ? " + operand(*node.rhs);
          return operand(*node.lhs) + " " + std::string(compare_symbol(node.op, holds)) + " " +
                 operand(*node.rhs);
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          if (value.failed()) return operand(*node.money) + " ? 0";
          return operand(*node.money) + " " + std::string(compare_symbol(node.op, holds)) + " 0";
        } else if constexpr (std::is_same_v<Node, ir::Logic>) {
          const bool is_and = node.op == ir::LogicOp::logical_and;
          const dsl::Value left = evaluate(*node.lhs);
          std::string shown = named(*node.lhs, left) + (is_and ? " and " : " or ");
          const bool decided = left.failed() || (is_and ? !left.boolean() : left.boolean());
          if (decided) return shown + "(" + text(*node.rhs) + ") not evaluated";
          return shown + operand(*node.rhs);
        } else if constexpr (std::is_same_v<Node, ir::Unary>) {
          return std::string(node.op == ir::UnaryOp::logical_not ? "not " : "-") +
                 operand(*node.operand);
        } else if constexpr (std::is_same_v<Node, ir::Conditional>) {
          const dsl::Value condition = evaluate(*node.condition);
          std::string shown = "if " + named(*node.condition, condition);
          if (condition.failed()) return shown;
          return shown + " then " +
                 operand(condition.boolean() ? *node.then_value : *node.else_value);
        } else if constexpr (std::is_same_v<Node, ir::Call>) {
          std::string shown = std::string(dsl::builtin_signature(node.function).name) + "(";
          for (std::size_t i = 0; i < node.args.size(); ++i) {
            if (i > 0) shown += ", ";
            shown += operand(*node.args[i]);
          }
          return shown + ")";
        } else if constexpr (std::is_same_v<Node, ir::InList>) {
          std::string shown = operand(*node.needle) + (holds ? " in [" : " not in [");
          for (std::size_t i = 0; i < node.items.size(); ++i) {
            if (i > 0) shown += ", ";
            shown += text(*node.items[i]);
          }
          return shown + "]";
        } else if constexpr (std::is_same_v<Node, ir::IntToDecimal>) {
          return operands(*node.operand, evaluate(*node.operand));
        } else {
          return "";  // a constant or a plain read: its value says it all
        }
      },
      expr.node);
}

void collect_lets(const ir::Expr& expr, const ir::Scenario& scenario, std::vector<bool>& used) {
  const auto visit_child = [&](const ir::ExprPtr& child) {
    if (child != nullptr) collect_lets(*child, scenario, used);
  };
  std::visit(
      [&](const auto& node) {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::LetRead>) {
          if (node.let_index < used.size() && !used[node.let_index]) {
            used[node.let_index] = true;
            visit_child(scenario.lets[node.let_index].value);
          }
        } else if constexpr (std::is_same_v<Node, ir::Unary> ||
                             std::is_same_v<Node, ir::IntToDecimal>) {
          visit_child(node.operand);
        } else if constexpr (std::is_same_v<Node, ir::Arith> || std::is_same_v<Node, ir::Compare> ||
                             std::is_same_v<Node, ir::Logic>) {
          visit_child(node.lhs);
          visit_child(node.rhs);
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          visit_child(node.money);
        } else if constexpr (std::is_same_v<Node, ir::InList>) {
          visit_child(node.needle);
          for (const auto& item : node.items) visit_child(item);
        } else if constexpr (std::is_same_v<Node, ir::Conditional>) {
          visit_child(node.condition);
          visit_child(node.then_value);
          visit_child(node.else_value);
        } else if constexpr (std::is_same_v<Node, ir::Call>) {
          for (const auto& arg : node.args) visit_child(arg);
        } else if constexpr (std::is_same_v<Node, ir::StringList>) {
          for (const auto& item : node.items) visit_child(item);
        }
      },
      expr.node);
}

}  // namespace dun

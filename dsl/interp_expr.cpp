// The dispatch over IR node kinds, and the kinds that need no arithmetic: literals, reads of
// today / lets / step dates, `and` `or` `if` (left to right, stopping early), string lists.
#include <algorithm>
#include <type_traits>

#include "dsl/interp_eval.hpp"

namespace dun::dsl::interp {
namespace {

Value read_let(std::uint32_t index, RowContext& context) {
  if (context.let_computed[index] == 0) {
    Value value = evaluate(*context.scenario->lets[index].value, context);
    value.attribute_to(clause_site(ClauseKind::let, static_cast<std::uint16_t>(index)));
    context.let_values[index] = std::move(value);
    context.let_computed[index] = 1;
  }
  return context.let_values[index];
}

Value read_step_date(std::uint32_t step, const RowContext& context) {
  const std::int32_t date = context.step_dates[step];
  return date == kNoDate ? Value::failure(EvalError::missing_step_date) : Value::of_date(date);
}

Value evaluate_logic(const ir::Logic& node, RowContext& context) {
  Value lhs = evaluate(*node.lhs, context);
  if (lhs.failed()) return lhs;
  // `a and b` is decided by a false a, `a or b` by a true a: b is then never read.
  const bool decided_by_lhs = node.op == ir::LogicOp::logical_and ? !lhs.boolean() : lhs.boolean();
  if (decided_by_lhs) return lhs;
  return evaluate(*node.rhs, context);
}

Value evaluate_conditional(const ir::Conditional& node, RowContext& context) {
  const Value condition = evaluate(*node.condition, context);
  if (condition.failed()) return condition;
  return evaluate(condition.boolean() ? *node.then_value : *node.else_value, context);
}

Value evaluate_string_list(const ir::StringList& node, RowContext& context) {
  std::vector<std::string_view> items;
  items.reserve(node.items.size());
  for (const ir::ExprPtr& item : node.items) {
    Value value = evaluate(*item, context);
    if (value.failed()) return value;
    items.push_back(value.string());
  }
  return Value::of_list(std::move(items));
}

}  // namespace

void start_row(RowContext& context, std::uint32_t position) {
  const BatchInput& batch = *context.batch;
  context.invoice = batch.rows[position];
  context.customer = batch.portfolio->invoice_customer[context.invoice];
  const std::size_t step_count = context.step_dates.size();
  if (batch.sequences.step_dates != nullptr) {
    for (std::size_t k = 0; k < step_count; ++k) {  // one column per step
      context.step_dates[k] =
          batch.sequences.step_dates[step_date_index(k, batch.row_count, position)];
    }
  } else {
    std::fill(context.step_dates.begin(), context.step_dates.end(), kNoDate);
  }
  std::fill(context.let_computed.begin(), context.let_computed.end(), std::uint8_t{0});
}

Value evaluate(const ir::Expr& expr, RowContext& context) {
  return std::visit(
      [&](const auto& node) -> Value {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, ir::BoolConst>) {
          return Value::of_bool(node.value);
        } else if constexpr (std::is_same_v<Node, ir::IntConst>) {
          return Value::of_int(node.value);
        } else if constexpr (std::is_same_v<Node, ir::DecimalConst>) {
          return Value::of_decimal(node.scaled);
        } else if constexpr (std::is_same_v<Node, ir::MoneyConst>) {
          return Value::of_money(node.value);
        } else if constexpr (std::is_same_v<Node, ir::DateConst>) {
          return Value::of_date(node.days);
        } else if constexpr (std::is_same_v<Node, ir::DurationConst>) {
          return Value::of_duration(node.value);
        } else if constexpr (std::is_same_v<Node, ir::StringConst>) {
          return Value::of_string(node.value);
        } else if constexpr (std::is_same_v<Node, ir::StringList>) {
          return evaluate_string_list(node, context);
        } else if constexpr (std::is_same_v<Node, ir::Today>) {
          return Value::of_date(context.today());
        } else if constexpr (std::is_same_v<Node, ir::FieldRead>) {
          return read_field(node.field, context);
        } else if constexpr (std::is_same_v<Node, ir::CustomFieldRead>) {
          return read_custom_field(node, expr.type, context);
        } else if constexpr (std::is_same_v<Node, ir::LetRead>) {
          return read_let(node.let_index, context);
        } else if constexpr (std::is_same_v<Node, ir::StepDate>) {
          return read_step_date(node.step_index, context);
        } else if constexpr (std::is_same_v<Node, ir::Unary>) {
          return evaluate_unary(node, context);
        } else if constexpr (std::is_same_v<Node, ir::IntToDecimal>) {
          return evaluate_int_to_decimal(node, context);
        } else if constexpr (std::is_same_v<Node, ir::Arith>) {
          return evaluate_arith(node, context);
        } else if constexpr (std::is_same_v<Node, ir::Compare>) {
          return evaluate_compare(node, context);
        } else if constexpr (std::is_same_v<Node, ir::MoneySign>) {
          return evaluate_money_sign(node, context);
        } else if constexpr (std::is_same_v<Node, ir::Logic>) {
          return evaluate_logic(node, context);
        } else if constexpr (std::is_same_v<Node, ir::InList>) {
          return evaluate_in_list(node, context);
        } else if constexpr (std::is_same_v<Node, ir::Conditional>) {
          return evaluate_conditional(node, context);
        } else {
          static_assert(std::is_same_v<Node, ir::Call>, "every IR node kind is evaluated");
          return evaluate_call(node, context);
        }
      },
      expr.node);
}

}  // namespace dun::dsl::interp

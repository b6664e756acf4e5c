// Compare, MoneySign and InList. Money of two currencies is compared with the stdlib's
// dun_money_compare (both sides to the rate table's base currency, half-even), so a missing rate
// is an evaluation error of the invoice, as language.md §4 requires.
#include "dsl/interp_eval.hpp"
#include "stdlib/functions.hpp"

namespace dun::dsl::interp {
namespace {

template <typename T>
int three_way(T lhs, T rhs) {
  return lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
}

// -1/0/1 as a Value of type int, or a failure.
Value order_values(Type type, const Value& lhs, const Value& rhs, const RowContext& context) {
  if (type == Type::money) return money_order(lhs, rhs, context);
  return Value::of_int(order_of(type, lhs, rhs));
}

}  // namespace

int order_of(Type type, const Value& lhs, const Value& rhs) {
  switch (type) {
    case Type::boolean:
      return three_way(lhs.boolean(), rhs.boolean());
    case Type::string:
      return three_way(lhs.string().compare(rhs.string()), 0);
    case Type::date:
      return three_way(lhs.date(), rhs.date());
    default:
      // int, decimal (both int64, scaled alike) and duration counts.
      return three_way(lhs.integer(), rhs.integer());
  }
}

Value money_order(const Value& lhs, const Value& rhs, const RowContext& context) {
  std::int32_t order = 0;
  const std::int32_t status = dun_money_compare(lhs.minor(), lhs.currency(), rhs.minor(),
                                                rhs.currency(), context.rates(), &order);
  if (status != kStatusOk) return Value::failure(error_of_status(status));
  return Value::of_int(order);
}

bool holds(ir::CompareOp op, int order) {
  switch (op) {
    case ir::CompareOp::equal:
      return order == 0;
    case ir::CompareOp::not_equal:
      return order != 0;
    case ir::CompareOp::less:
      return order < 0;
    case ir::CompareOp::less_equal:
      return order <= 0;
    case ir::CompareOp::greater:
      return order > 0;
    case ir::CompareOp::greater_equal:
      return order >= 0;
  }
  return false;
}

Value evaluate_compare(const ir::Compare& node, RowContext& context) {
  Value lhs = evaluate(*node.lhs, context);
  if (lhs.failed()) return lhs;
  Value rhs = evaluate(*node.rhs, context);
  if (rhs.failed()) return rhs;
  const Value order = order_values(node.operand_type, lhs, rhs, context);
  if (order.failed()) return order;
  return Value::of_bool(holds(node.op, static_cast<int>(order.integer())));
}

Value evaluate_money_sign(const ir::MoneySign& node, RowContext& context) {
  Value money = evaluate(*node.money, context);
  if (money.failed()) return money;
  return Value::of_bool(holds(node.op, three_way(money.minor(), std::int64_t{0})));
}

// Items are evaluated left to right and the search stops at the first equal one, like `or`.
Value evaluate_in_list(const ir::InList& node, RowContext& context) {
  Value needle = evaluate(*node.needle, context);
  if (needle.failed()) return needle;
  for (const ir::ExprPtr& item_expr : node.items) {
    Value item = evaluate(*item_expr, context);
    if (item.failed()) return item;
    const Value order = order_values(node.operand_type, needle, item, context);
    if (order.failed()) return order;
    if (order.integer() == 0) return Value::of_bool(true);
  }
  return Value::of_bool(false);
}

}  // namespace dun::dsl::interp

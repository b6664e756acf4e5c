// Operator typing (language.md §4): `and or not`, comparisons, arithmetic and unary minus, each
// specialised to its operand types in the IR.
#include <limits>
#include <string>

#include "dsl/check_context.hpp"
#include "dsl/compare_op.hpp"

namespace dun::dsl::check_detail {
namespace {

std::string_view op_text(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::logical_or:
      return "or";
    case ast::BinaryOp::logical_and:
      return "and";
    case ast::BinaryOp::equal:
      return "==";
    case ast::BinaryOp::not_equal:
      return "!=";
    case ast::BinaryOp::less:
      return "<";
    case ast::BinaryOp::less_equal:
      return "<=";
    case ast::BinaryOp::greater:
      return ">";
    case ast::BinaryOp::greater_equal:
      return ">=";
    case ast::BinaryOp::in:
      return "in";
    case ast::BinaryOp::add:
      return "+";
    case ast::BinaryOp::subtract:
      return "-";
    case ast::BinaryOp::multiply:
      return "*";
    case ast::BinaryOp::divide:
      return "/";
  }
  return "?";
}

std::string name_of(Type type) { return std::string(type_name(type)); }

SourcePos op_pos(const ast::Binary& binary, const ir::Expr& rhs) {
  const bool known = binary.op_range.end.offset > binary.op_range.begin.offset;
  return known ? binary.op_range.begin : rhs.range.begin;
}

bool is_number_literal(const ast::Expr* expr) {
  return expr != nullptr && (std::holds_alternative<ast::IntLiteral>(expr->node) ||
                             std::holds_alternative<ast::DecimalLiteral>(expr->node));
}

bool is_zero_literal(const ast::Expr* expr) {
  const auto* literal = expr == nullptr ? nullptr : std::get_if<ast::IntLiteral>(&expr->node);
  return literal != nullptr && literal->value == 0;
}

ir::CompareOp compare_op(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::not_equal:
      return ir::CompareOp::not_equal;
    case ast::BinaryOp::less:
      return ir::CompareOp::less;
    case ast::BinaryOp::less_equal:
      return ir::CompareOp::less_equal;
    case ast::BinaryOp::greater:
      return ir::CompareOp::greater;
    case ast::BinaryOp::greater_equal:
      return ir::CompareOp::greater_equal;
    default:
      return ir::CompareOp::equal;
  }
}

const Money* money_constant(const ir::Expr& expr) {
  const auto* constant = std::get_if<ir::MoneyConst>(&expr.node);
  return constant == nullptr ? nullptr : &constant->value;
}

}  // namespace

// The suggestion for a bare number where money is needed: the number as written, with the
// currency of the other operand when it is a literal ("did you mean '50 EUR'?").
static std::string money_suggestion(const Checker& checker, const ir::Expr& number,
                                    const ir::Expr& money) {
  const Money* constant = money_constant(money);
  const std::string currency = constant != nullptr ? std::string(constant->currency.code())
                                                   : checker.options().suggested_currency;
  return "did you mean '" + std::string(checker.text_of(number.range)) + " " + currency + "'?";
}

static ir::ExprPtr check_logic(Checker& checker, const ast::Expr& expr, const ast::Binary& binary,
                               ir::ExprPtr lhs, ir::ExprPtr rhs) {
  const std::string op(op_text(binary.op));
  auto require_bool = [&](const ir::Expr& operand, std::string_view side) {
    if (operand.type == Type::boolean || operand.type == Type::error) return;
    checker.error(operand.range.begin, "expected a bool on the " + std::string(side) + " of '" +
                                           op + "', got " + name_of(operand.type));
  };
  require_bool(*lhs, "left");
  require_bool(*rhs, "right");
  if (lhs->type != Type::boolean || rhs->type != Type::boolean) return make_error(expr.range);
  const ir::LogicOp logic =
      binary.op == ast::BinaryOp::logical_and ? ir::LogicOp::logical_and : ir::LogicOp::logical_or;
  return make_expr(Type::boolean, expr.range, ir::Logic{logic, std::move(lhs), std::move(rhs)});
}

static ir::ExprPtr check_comparison(Checker& checker, const ast::Expr& expr,
                                    const ast::Binary& binary, ir::ExprPtr lhs, ir::ExprPtr rhs) {
  if (lhs->type == Type::error || rhs->type == Type::error) return make_error(expr.range);
  const std::string op(op_text(binary.op));
  ir::CompareOp compare = compare_op(binary.op);
  // Money against the literal 0 is a sign test: 0 has no currency to convert.
  if (lhs->type == Type::money && is_zero_literal(binary.rhs.get())) {
    return make_expr(Type::boolean, expr.range, ir::MoneySign{compare, std::move(lhs)});
  }
  if (rhs->type == Type::money && is_zero_literal(binary.lhs.get())) {
    return make_expr(Type::boolean, expr.range,
                     ir::MoneySign{ir::flipped(compare), std::move(rhs)});
  }
  const bool lhs_money_rhs_number = lhs->type == Type::money && is_number(rhs->type);
  const bool rhs_money_lhs_number = rhs->type == Type::money && is_number(lhs->type);
  if (lhs_money_rhs_number || rhs_money_lhs_number) {
    const ir::Expr& number = lhs_money_rhs_number ? *rhs : *lhs;
    const ir::Expr& money = lhs_money_rhs_number ? *lhs : *rhs;
    const ast::Expr* written = lhs_money_rhs_number ? binary.rhs.get() : binary.lhs.get();
    if (is_number_literal(written)) {
      checker.error(number.range.begin, "cannot compare money with a bare number; " +
                                            money_suggestion(checker, number, money));
    } else {
      checker.error(op_pos(binary, *rhs),
                    "cannot compare " + name_of(lhs->type) + " with " + name_of(rhs->type));
    }
    return make_error(expr.range);
  }
  if (is_number(lhs->type) && is_number(rhs->type) && lhs->type != rhs->type) {
    lhs = promote_to_decimal(std::move(lhs));
    rhs = promote_to_decimal(std::move(rhs));
  }
  if (lhs->type != rhs->type) {
    checker.error(op_pos(binary, *rhs),
                  "cannot compare " + name_of(lhs->type) + " with " + name_of(rhs->type));
    return make_error(expr.range);
  }
  const Type type = lhs->type;
  const bool equality = compare == ir::CompareOp::equal || compare == ir::CompareOp::not_equal;
  const bool orderable =
      type == Type::integer || type == Type::decimal || type == Type::money || type == Type::date;
  const bool equatable = orderable || type == Type::boolean || type == Type::string;
  if (!equatable) {
    checker.error(op_pos(binary, *rhs),
                  "values of type " + name_of(type) + " cannot be compared with '" + op + "'");
    return make_error(expr.range);
  }
  if (!equality && !orderable) {
    checker.error(op_pos(binary, *rhs),
                  "'" + op + "' does not apply to " + name_of(type) + " (only '==' and '!=' do)");
    return make_error(expr.range);
  }
  return make_expr(Type::boolean, expr.range,
                   ir::Compare{compare, type, std::move(lhs), std::move(rhs)});
}

static std::string arith_mismatch(ast::BinaryOp op, Type lhs, Type rhs) {
  switch (op) {
    case ast::BinaryOp::add:
      return "cannot add " + name_of(rhs) + " to " + name_of(lhs);
    case ast::BinaryOp::subtract:
      return "cannot subtract " + name_of(rhs) + " from " + name_of(lhs);
    case ast::BinaryOp::multiply:
      return "cannot multiply " + name_of(lhs) + " by " + name_of(rhs);
    default:
      return "cannot divide " + name_of(lhs) + " by " + name_of(rhs);
  }
}

// The specialised operation for `lhs op rhs`, or nullopt when the types do not combine.
// Operands may be swapped (number * money -> money * number; duration + date -> date + duration).
static std::optional<ir::ArithOp> arith_op(ast::BinaryOp op, ir::ExprPtr& lhs, ir::ExprPtr& rhs) {
  const Type l = lhs->type;
  const Type r = rhs->type;
  const bool add = op == ast::BinaryOp::add;
  const bool subtract = op == ast::BinaryOp::subtract;
  const bool multiply = op == ast::BinaryOp::multiply;
  if (l == Type::integer && r == Type::integer) {
    return add        ? ir::ArithOp::add_int
           : subtract ? ir::ArithOp::subtract_int
           : multiply ? ir::ArithOp::multiply_int
                      : ir::ArithOp::divide_int;
  }
  if (is_number(l) && is_number(r)) {
    lhs = promote_to_decimal(std::move(lhs));
    rhs = promote_to_decimal(std::move(rhs));
    return add        ? ir::ArithOp::add_decimal
           : subtract ? ir::ArithOp::subtract_decimal
           : multiply ? ir::ArithOp::multiply_decimal
                      : ir::ArithOp::divide_decimal;
  }
  if (l == Type::money && r == Type::money && (add || subtract)) {
    return add ? ir::ArithOp::add_money : ir::ArithOp::subtract_money;
  }
  if (multiply && is_number(l) && r == Type::money) std::swap(lhs, rhs);
  if (lhs->type == Type::money && is_number(rhs->type) && !add && !subtract) {
    const bool by_int = rhs->type == Type::integer;
    if (multiply)
      return by_int ? ir::ArithOp::multiply_money_int : ir::ArithOp::multiply_money_decimal;
    return by_int ? ir::ArithOp::divide_money_int : ir::ArithOp::divide_money_decimal;
  }
  if (add && l == Type::duration && r == Type::date) std::swap(lhs, rhs);
  if (lhs->type == Type::date && rhs->type == Type::duration && (add || subtract)) {
    return add ? ir::ArithOp::add_date_duration : ir::ArithOp::subtract_date_duration;
  }
  if (subtract && l == Type::date && r == Type::date) return ir::ArithOp::subtract_date_date;
  return std::nullopt;
}

static ir::ExprPtr check_arith(Checker& checker, const ast::Expr& expr, const ast::Binary& binary,
                               ir::ExprPtr lhs, ir::ExprPtr rhs) {
  if (lhs->type == Type::error || rhs->type == Type::error) return make_error(expr.range);
  const Type lhs_type = lhs->type;
  const Type rhs_type = rhs->type;
  const bool additive = binary.op == ast::BinaryOp::add || binary.op == ast::BinaryOp::subtract;
  if (additive && lhs_type == Type::money && rhs_type == Type::money) {
    const Money* a = money_constant(*lhs);
    const Money* b = money_constant(*rhs);
    if (a != nullptr && b != nullptr && !(a->currency == b->currency)) {
      checker.error(op_pos(binary, *rhs),
                    "cannot " + std::string(binary.op == ast::BinaryOp::add ? "add" : "subtract") +
                        " amounts in " + std::string(a->currency.code()) + " and " +
                        std::string(b->currency.code()) + "; use one currency");
      return make_error(expr.range);
    }
  }
  std::optional<ir::ArithOp> op = arith_op(binary.op, lhs, rhs);
  if (!op) {
    std::string message = arith_mismatch(binary.op, lhs_type, rhs_type);
    SourcePos pos = op_pos(binary, *rhs);
    // A bare number next to money or a date is most likely a missing unit.
    if (additive && is_number_literal(binary.rhs.get()) &&
        (lhs_type == Type::money || lhs_type == Type::date)) {
      pos = rhs->range.begin;
      message += lhs_type == Type::money
                     ? "; " + money_suggestion(checker, *rhs, *lhs)
                     : "; did you mean '" + std::string(checker.text_of(rhs->range)) + " days'?";
    }
    checker.error(pos, std::move(message));
    return make_error(expr.range);
  }
  const Type result = [&] {
    switch (*op) {
      case ir::ArithOp::add_int:
      case ir::ArithOp::subtract_int:
      case ir::ArithOp::multiply_int:
      case ir::ArithOp::divide_int:
      case ir::ArithOp::subtract_date_date:
        return Type::integer;
      case ir::ArithOp::add_decimal:
      case ir::ArithOp::subtract_decimal:
      case ir::ArithOp::multiply_decimal:
      case ir::ArithOp::divide_decimal:
        return Type::decimal;
      case ir::ArithOp::add_date_duration:
      case ir::ArithOp::subtract_date_duration:
        return Type::date;
      default:
        return Type::money;
    }
  }();
  return make_expr(result, expr.range, ir::Arith{*op, std::move(lhs), std::move(rhs)});
}

ir::ExprPtr Checker::check_binary(const ast::Expr& expr, const ast::Binary& binary,
                                  const Scope& scope) {
  if (binary.op == ast::BinaryOp::in) return check_in(expr, binary, scope);
  ir::ExprPtr lhs = check_expr(binary.lhs.get(), scope);
  ir::ExprPtr rhs = check_expr(binary.rhs.get(), scope);
  switch (binary.op) {
    case ast::BinaryOp::logical_or:
    case ast::BinaryOp::logical_and:
      return check_logic(*this, expr, binary, std::move(lhs), std::move(rhs));
    case ast::BinaryOp::add:
    case ast::BinaryOp::subtract:
    case ast::BinaryOp::multiply:
    case ast::BinaryOp::divide:
      return check_arith(*this, expr, binary, std::move(lhs), std::move(rhs));
    default:
      return check_comparison(*this, expr, binary, std::move(lhs), std::move(rhs));
  }
}

ir::ExprPtr Checker::check_unary(const ast::Expr& expr, const ast::Unary& unary,
                                 const Scope& scope) {
  ir::ExprPtr operand = check_expr(unary.operand.get(), scope);
  if (operand->type == Type::error) return make_error(expr.range);
  if (unary.op == ast::UnaryOp::logical_not) {
    if (operand->type != Type::boolean) {
      error(operand->range.begin, "expected a bool after 'not', got " + name_of(operand->type));
      return make_error(expr.range);
    }
    return make_expr(Type::boolean, expr.range,
                     ir::Unary{ir::UnaryOp::logical_not, std::move(operand)});
  }
  // Negative literals are folded so that `-5` is a constant for both back ends.
  if (auto* i = std::get_if<ir::IntConst>(&operand->node)) {
    return make_expr(Type::integer, expr.range, ir::IntConst{-i->value});
  }
  if (auto* d = std::get_if<ir::DecimalConst>(&operand->node)) {
    return make_expr(Type::decimal, expr.range, ir::DecimalConst{-d->scaled});
  }
  if (auto* m = std::get_if<ir::MoneyConst>(&operand->node)) {
    return make_expr(Type::money, expr.range,
                     ir::MoneyConst{Money{-m->value.minor, m->value.currency}});
  }
  ir::UnaryOp op = ir::UnaryOp::negate_int;
  switch (operand->type) {
    case Type::integer:
      op = ir::UnaryOp::negate_int;
      break;
    case Type::decimal:
      op = ir::UnaryOp::negate_decimal;
      break;
    case Type::money:
      op = ir::UnaryOp::negate_money;
      break;
    default:
      error(expr.range.begin, "cannot negate " + name_of(operand->type));
      return make_error(expr.range);
  }
  const Type type = operand->type;
  return make_expr(type, expr.range, ir::Unary{op, std::move(operand)});
}

ir::ExprPtr Checker::check_in(const ast::Expr& expr, const ast::Binary& binary,
                              const Scope& scope) {
  ir::ExprPtr needle = check_expr(binary.lhs.get(), scope);
  const auto* list = binary.rhs ? std::get_if<ast::ListLiteral>(&binary.rhs->node) : nullptr;
  if (list == nullptr) {
    // `x in segments` where `segments` holds a list of strings.
    ir::ExprPtr haystack = check_expr(binary.rhs.get(), scope);
    if (needle->type == Type::error || haystack->type == Type::error) return make_error(expr.range);
    if (haystack->type != Type::string_list) {
      error(haystack->range.begin, "expected a list after 'in', got " + name_of(haystack->type));
      return make_error(expr.range);
    }
    if (needle->type != Type::string) {
      error(needle->range.begin,
            "cannot look for " + name_of(needle->type) + " in a list of strings");
      return make_error(expr.range);
    }
    std::vector<ir::ExprPtr> args;
    args.push_back(std::move(haystack));
    args.push_back(std::move(needle));
    return make_expr(Type::boolean, expr.range, ir::Call{Builtin::contains_list, std::move(args)});
  }
  std::vector<ir::ExprPtr> items;
  bool ok = needle->type != Type::error;
  for (const ast::ExprPtr& item : list->items) items.push_back(check_expr(item.get(), scope));
  const Type needle_type = needle->type;
  const bool comparable = needle_type == Type::boolean || needle_type == Type::integer ||
                          needle_type == Type::decimal || needle_type == Type::money ||
                          needle_type == Type::date || needle_type == Type::string;
  if (ok && !comparable) {
    error(needle->range.begin, "'in' cannot look for " + name_of(needle_type) + " in a list");
    return make_error(expr.range);
  }
  bool any_decimal = needle_type == Type::decimal;
  for (const ir::ExprPtr& item : items) {
    if (item->type == Type::error) {
      ok = false;
    } else if (ok && item->type != needle_type &&
               !(is_number(item->type) && is_number(needle_type))) {
      error(item->range.begin, "the list holds " + name_of(item->type) +
                                   " but the value before 'in' is " + name_of(needle_type));
      ok = false;
    }
    any_decimal = any_decimal || item->type == Type::decimal;
  }
  if (!ok) return make_error(expr.range);
  if (any_decimal && is_number(needle_type)) {
    needle = promote_to_decimal(std::move(needle));
    for (ir::ExprPtr& item : items) item = promote_to_decimal(std::move(item));
  }
  const Type operand_type = needle->type;
  return make_expr(Type::boolean, expr.range,
                   ir::InList{operand_type, std::move(needle), std::move(items)});
}

}  // namespace dun::dsl::check_detail

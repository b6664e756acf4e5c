// Unary, IntToDecimal and Arith: int arithmetic checked here (it cannot be wrong in two ways);
// everything that rounds, converts or counts calendars goes through the stdlib's JIT-callable
// functions so that both back ends share one implementation.
#include <limits>

#include "dsl/interp_eval.hpp"
#include "stdlib/functions.hpp"

namespace dun::dsl::interp {
namespace {

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

Value overflow() { return Value::failure(EvalError::overflow); }

// The results are taken by reference: callers pass the out-variable of the call that is another
// argument, and only a reference reads it after that call has written it.
Value int_or_overflow(bool overflowed, const std::int64_t& result) {
  return overflowed ? overflow() : Value::of_int(result);
}
Value decimal_or_overflow(bool overflowed, const std::int64_t& result) {
  return overflowed ? overflow() : Value::of_decimal(result);
}

// A status-returning stdlib call's int64 result as a Value of kind `make`.
template <typename Make>
Value from_call(std::int32_t status, const std::int64_t& result, Make make) {
  return status == kStatusOk ? make(result) : Value::failure(error_of_status(status));
}

Value integer_quotient(std::int64_t lhs, std::int64_t rhs) {
  if (rhs == 0) return Value::failure(EvalError::division_by_zero);
  if (lhs == kInt64Min && rhs == -1) return overflow();
  return Value::of_int(lhs / rhs);  // C++ truncates toward zero, as ir.hpp specifies
}

Value add_duration(std::int32_t date, ir::Duration duration, bool subtract,
                   const RowContext& context) {
  std::int64_t count = duration.count;
  if (subtract) {
    if (count == kInt64Min) return overflow();
    count = -count;
  }
  std::int32_t unit = kUnitDays;
  if (duration.unit == ir::DurationUnit::weeks) unit = kUnitWeeks;
  if (duration.unit == ir::DurationUnit::business_days) unit = kUnitBusinessDays;
  std::int32_t result = 0;
  const std::int32_t status = dun_add_duration(date, count, unit, context.calendar_id, &result);
  return status == kStatusOk ? Value::of_date(result) : Value::failure(error_of_status(status));
}

Value money_result(std::int32_t status, const std::int64_t& minor, std::uint16_t currency) {
  return status == kStatusOk ? Value::of_money(minor, currency)
                             : Value::failure(error_of_status(status));
}

Value apply(ir::ArithOp op, const Value& l, const Value& r, const RowContext& context) {
  std::int64_t out = 0;
  const auto as_decimal = [](std::int64_t v) { return Value::of_decimal(v); };
  using enum ir::ArithOp;
  switch (op) {
    case add_int:
      return int_or_overflow(__builtin_add_overflow(l.integer(), r.integer(), &out), out);
    case subtract_int:
      return int_or_overflow(__builtin_sub_overflow(l.integer(), r.integer(), &out), out);
    case multiply_int:
      return int_or_overflow(__builtin_mul_overflow(l.integer(), r.integer(), &out), out);
    case divide_int:
      return integer_quotient(l.integer(), r.integer());
    case add_decimal:
      return decimal_or_overflow(__builtin_add_overflow(l.decimal(), r.decimal(), &out), out);
    case subtract_decimal:
      return decimal_or_overflow(__builtin_sub_overflow(l.decimal(), r.decimal(), &out), out);
    case multiply_decimal:
      return from_call(dun_decimal_multiply(l.decimal(), r.decimal(), &out), out, as_decimal);
    case divide_decimal:
      return from_call(dun_decimal_divide(l.decimal(), r.decimal(), &out), out, as_decimal);
    case add_money:
      return money_result(
          dun_money_add(l.minor(), l.currency(), r.minor(), r.currency(), context.rates(), &out),
          out, l.currency());
    case subtract_money:
      return money_result(dun_money_subtract(l.minor(), l.currency(), r.minor(), r.currency(),
                                             context.rates(), &out),
                          out, l.currency());
    case multiply_money_int:
      return money_result(dun_money_times_int(l.minor(), r.integer(), &out), out, l.currency());
    case multiply_money_decimal:
      return money_result(dun_money_times_decimal(l.minor(), r.decimal(), &out), out, l.currency());
    case divide_money_int:
      return money_result(dun_money_divide_int(l.minor(), r.integer(), &out), out, l.currency());
    case divide_money_decimal:
      return money_result(dun_money_divide_decimal(l.minor(), r.decimal(), &out), out,
                          l.currency());
    case add_date_duration:
      return add_duration(l.date(), r.duration(), false, context);
    case subtract_date_duration:
      return add_duration(l.date(), r.duration(), true, context);
    case subtract_date_date:
      return Value::of_int(dun_days_between(r.date(), l.date()));
  }
  return overflow();
}

}  // namespace

Value evaluate_unary(const ir::Unary& node, RowContext& context) {
  Value operand = evaluate(*node.operand, context);
  if (operand.failed()) return operand;
  switch (node.op) {
    case ir::UnaryOp::logical_not:
      return Value::of_bool(!operand.boolean());
    case ir::UnaryOp::negate_int:
      return operand.integer() == kInt64Min ? overflow() : Value::of_int(-operand.integer());
    case ir::UnaryOp::negate_decimal:
      return operand.decimal() == kInt64Min ? overflow() : Value::of_decimal(-operand.decimal());
    case ir::UnaryOp::negate_money:
      return operand.minor() == kInt64Min ? overflow()
                                          : Value::of_money(-operand.minor(), operand.currency());
  }
  return overflow();
}

Value evaluate_int_to_decimal(const ir::IntToDecimal& node, RowContext& context) {
  Value operand = evaluate(*node.operand, context);
  if (operand.failed()) return operand;
  std::int64_t scaled = 0;
  return decimal_or_overflow(__builtin_mul_overflow(operand.integer(), ir::kDecimalScale, &scaled),
                             scaled);
}

Value evaluate_arith(const ir::Arith& node, RowContext& context) {
  Value lhs = evaluate(*node.lhs, context);
  if (lhs.failed()) return lhs;
  Value rhs = evaluate(*node.rhs, context);
  if (rhs.failed()) return rhs;
  return apply(node.op, lhs, rhs, context);
}

EvalError error_of_status(std::int32_t status) {
  switch (status) {
    case kStatusMissingRate:
      return EvalError::missing_rate;
    case kStatusDivisionByZero:
      return EvalError::division_by_zero;
    case kStatusDateOutOfRange:
      return EvalError::out_of_range;
    case kStatusNoReferenceRate:
      return EvalError::no_interest_rule;
    default:
      // kStatusOverflow, and the statuses a checked scenario cannot reach (unknown calendar,
      // invalid argument): reported as an overflow rather than dropped.
      return EvalError::overflow;
  }
}

}  // namespace dun::dsl::interp

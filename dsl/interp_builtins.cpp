// Call: every Builtin of dsl/builtins.hpp through the stdlib's JIT-callable functions (the
// checker has already picked the overload, so nothing dispatches on types here).
#include <algorithm>

#include "dsl/interp_eval.hpp"
#include "stdlib/functions.hpp"

namespace dun::dsl::interp {
namespace {

Value failure_of(std::int32_t status) { return Value::failure(error_of_status(status)); }

// Results by reference: the out-variable of the call passed as `status` is read only after it.
Value int_call(std::int32_t status, const std::int64_t& result) {
  return status == kStatusOk ? Value::of_int(result) : failure_of(status);
}
Value decimal_call(std::int32_t status, const std::int64_t& result) {
  return status == kStatusOk ? Value::of_decimal(result) : failure_of(status);
}
Value money_call(std::int32_t status, const std::int64_t& minor, std::uint16_t currency) {
  return status == kStatusOk ? Value::of_money(minor, currency) : failure_of(status);
}

Value pick_money(bool smaller, const Value& a, const Value& b, const RowContext& context) {
  std::int64_t minor = 0;
  std::uint16_t currency = 0;
  const std::int32_t status = smaller
                                  ? dun_money_min(a.minor(), a.currency(), b.minor(), b.currency(),
                                                  context.rates(), &minor, &currency)
                                  : dun_money_max(a.minor(), a.currency(), b.minor(), b.currency(),
                                                  context.rates(), &minor, &currency);
  return money_call(status, minor, currency);
}

Value late_interest(const Value& amount, const Value& since, const RowContext& context) {
  const LateInterestRate* rule = context.batch->environment.late_interest;
  if (rule == nullptr) return Value::failure(EvalError::no_interest_rule);
  std::int64_t interest = 0;
  const std::int32_t status = dun_late_interest(amount.minor(), amount.currency(), since.date(),
                                                context.today(), rule, &interest);
  return money_call(status, interest, amount.currency());
}

Value call(Builtin function, std::span<const Value> args, RowContext& context) {
  std::int64_t out = 0;
  std::int32_t out32 = 0;
  switch (function) {
    case Builtin::min_int:
      return Value::of_int(dun_int_min(args[0].integer(), args[1].integer()));
    case Builtin::max_int:
      return Value::of_int(dun_int_max(args[0].integer(), args[1].integer()));
    case Builtin::min_decimal:
      return Value::of_decimal(dun_decimal_min(args[0].decimal(), args[1].decimal()));
    case Builtin::max_decimal:
      return Value::of_decimal(dun_decimal_max(args[0].decimal(), args[1].decimal()));
    case Builtin::min_money:
      return pick_money(true, args[0], args[1], context);
    case Builtin::max_money:
      return pick_money(false, args[0], args[1], context);
    case Builtin::min_date:
      return Value::of_date(std::min(args[0].date(), args[1].date()));
    case Builtin::max_date:
      return Value::of_date(std::max(args[0].date(), args[1].date()));
    case Builtin::abs_int:
      return int_call(dun_int_abs(args[0].integer(), &out), out);
    case Builtin::abs_decimal:
      return decimal_call(dun_decimal_abs(args[0].decimal(), &out), out);
    case Builtin::abs_money:
      return money_call(dun_money_abs(args[0].minor(), &out), out, args[0].currency());
    case Builtin::round_decimal: {
      const std::int32_t status = dun_decimal_round(args[0].decimal(), 0, &out);
      out /= ir::kDecimalScale;
      return int_call(status, out);
    }
    case Builtin::round_money:
      return money_call(dun_money_round(args[0].minor(), args[0].currency(), &out), out,
                        args[0].currency());
    case Builtin::days_between:
      return Value::of_int(dun_days_between(args[0].date(), args[1].date()));
    case Builtin::business_days_between: {
      const std::int32_t status =
          dun_business_days_between(context.calendar_id, args[0].date(), args[1].date(), &out32);
      return int_call(status, out32);
    }
    case Builtin::weekday:
      return Value::of_int(dun_weekday(args[0].date()));
    case Builtin::month_end:
      return Value::of_date(dun_month_end(args[0].date()));
    case Builtin::late_interest:
      return interp::late_interest(args[0], args[1], context);
    case Builtin::contains_string:
      return Value::of_bool(args[0].string().find(args[1].string()) != std::string_view::npos);
    case Builtin::contains_list: {
      const auto items = args[0].list();
      return Value::of_bool(std::find(items.begin(), items.end(), args[1].string()) != items.end());
    }
    case Builtin::contact:
      return find_contact(args[0].string(), context);
  }
  return Value::failure(EvalError::overflow);
}

}  // namespace

Value evaluate_call(const ir::Call& node, RowContext& context) {
  // Builtins take at most two arguments; evaluated left to right, the first failure wins.
  Value args[2];
  const std::size_t count = std::min<std::size_t>(node.args.size(), 2);
  for (std::size_t i = 0; i < count; ++i) {
    args[i] = evaluate(*node.args[i], context);
    if (args[i].failed()) return args[i];
  }
  return call(node.function, std::span<const Value>(args, count), context);
}

}  // namespace dun::dsl::interp

// The table the JIT registers as absolute symbols, and the words for each status code.
#include "stdlib/functions.hpp"

namespace dun {
namespace {

template <typename Function>
FunctionSymbol symbol(std::string_view name, Function* function) {
  return {name, reinterpret_cast<std::uintptr_t>(function)};
}

}  // namespace

std::span<const FunctionSymbol> function_symbols() {
  static const FunctionSymbol kSymbols[] = {
      symbol("dun_days_between", &dun_days_between),
      symbol("dun_weekday", &dun_weekday),
      symbol("dun_month_end", &dun_month_end),
      symbol("dun_is_business_day", &dun_is_business_day),
      symbol("dun_next_business_day", &dun_next_business_day),
      symbol("dun_business_days_between", &dun_business_days_between),
      symbol("dun_add_duration", &dun_add_duration),
      symbol("dun_int_min", &dun_int_min),
      symbol("dun_int_max", &dun_int_max),
      symbol("dun_int_abs", &dun_int_abs),
      symbol("dun_decimal_min", &dun_decimal_min),
      symbol("dun_decimal_max", &dun_decimal_max),
      symbol("dun_decimal_abs", &dun_decimal_abs),
      symbol("dun_decimal_round", &dun_decimal_round),
      symbol("dun_decimal_multiply", &dun_decimal_multiply),
      symbol("dun_decimal_divide", &dun_decimal_divide),
      symbol("dun_money_abs", &dun_money_abs),
      symbol("dun_money_round", &dun_money_round),
      symbol("dun_money_times_int", &dun_money_times_int),
      symbol("dun_money_times_decimal", &dun_money_times_decimal),
      symbol("dun_money_divide_int", &dun_money_divide_int),
      symbol("dun_money_divide_decimal", &dun_money_divide_decimal),
      symbol("dun_money_compare", &dun_money_compare),
      symbol("dun_money_min", &dun_money_min),
      symbol("dun_money_max", &dun_money_max),
      symbol("dun_money_add", &dun_money_add),
      symbol("dun_money_subtract", &dun_money_subtract),
      symbol("dun_late_interest", &dun_late_interest),
  };
  return kSymbols;
}

std::string_view status_message(std::int32_t status) {
  switch (status) {
    case kStatusOk:
      return "ok";
    case kStatusMissingRate:
      return "no exchange rate configured for one of the currencies (add it to [rates])";
    case kStatusOverflow:
      return "the result is too large to represent";
    case kStatusDivisionByZero:
      return "division by zero";
    case kStatusUnknownCalendar:
      return "unknown calendar";
    case kStatusDateOutOfRange:
      return "the date is outside 0001-01-01..9999-12-31";
    case kStatusInvalidArgument:
      return "invalid argument";
    case kStatusNoReferenceRate:
      return "no ECB reference rate is known for that date";
    default:
      return "unknown error";
  }
}

}  // namespace dun

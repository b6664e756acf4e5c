// Money functions of functions.hpp: exact int64 minor units, half-even rounding, conversion
// through a RateTable for comparisons across currencies.
#include "stdlib/checked_int.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/functions.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/money.hpp"

namespace dun {
namespace {

bool is_currency_index(std::uint16_t index) { return index < currency_count(); }

// Picks one of two amounts by comparison; `want` is the sign that selects `b`.
std::int32_t pick(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                  std::uint16_t b_currency, const RateTable* rates, std::int32_t want,
                  std::int64_t* out_minor, std::uint16_t* out_currency) {
  std::int32_t order = 0;
  const std::int32_t status =
      dun_money_compare(a_minor, a_currency, b_minor, b_currency, rates, &order);
  if (status != kStatusOk) return status;
  const bool take_b = order == want;
  *out_minor = take_b ? b_minor : a_minor;
  *out_currency = take_b ? b_currency : a_currency;
  return kStatusOk;
}

}  // namespace
}  // namespace dun

using dun::Currency;
using dun::Int128;

extern "C" {

std::int32_t dun_money_abs(std::int64_t minor, std::int64_t* out) {
  return dun_int_abs(minor, out);
}

std::int32_t dun_money_round(std::int64_t minor, std::uint16_t currency, std::int64_t* out) {
  if (!dun::is_currency_index(currency)) return dun::kStatusInvalidArgument;
  std::int64_t unit = 1;
  for (int i = 0; i < Currency::from_index(currency).exponent(); ++i) unit *= 10;
  return dun::store_checked(dun::divide_round_half_even(minor, unit) * unit, out);
}

std::int32_t dun_money_times_int(std::int64_t minor, std::int64_t factor, std::int64_t* out) {
  return dun::store_checked(static_cast<Int128>(minor) * factor, out);
}

std::int32_t dun_money_times_decimal(std::int64_t minor, std::int64_t decimal, std::int64_t* out) {
  return dun::store_checked(
      dun::divide_round_half_even(static_cast<Int128>(minor) * decimal, dun::kDecimalScale), out);
}

std::int32_t dun_money_divide_int(std::int64_t minor, std::int64_t divisor, std::int64_t* out) {
  if (divisor == 0) return dun::kStatusDivisionByZero;
  return dun::store_checked(dun::divide_half_even_signed(minor, divisor), out);
}

std::int32_t dun_money_divide_decimal(std::int64_t minor, std::int64_t decimal, std::int64_t* out) {
  if (decimal == 0) return dun::kStatusDivisionByZero;
  return dun::store_checked(
      dun::divide_half_even_signed(static_cast<Int128>(minor) * dun::kDecimalScale, decimal), out);
}

std::int32_t dun_money_compare(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                               std::uint16_t b_currency, const dun::RateTable* rates,
                               std::int32_t* out) {
  if (a_currency != b_currency) {
    if (!dun::is_currency_index(a_currency) || !dun::is_currency_index(b_currency)) {
      return dun::kStatusInvalidArgument;
    }
    if (rates == nullptr) return dun::kStatusMissingRate;
    // Both sides go to the base currency so that compare(a, b) == -compare(b, a).
    const auto a_base = rates->convert(a_minor, Currency::from_index(a_currency), rates->base());
    const auto b_base = rates->convert(b_minor, Currency::from_index(b_currency), rates->base());
    if (!a_base || !b_base) return dun::kStatusMissingRate;
    a_minor = *a_base;
    b_minor = *b_base;
  }
  *out = a_minor < b_minor ? -1 : (a_minor > b_minor ? 1 : 0);
  return dun::kStatusOk;
}

std::int32_t dun_money_min(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                           std::uint16_t b_currency, const dun::RateTable* rates,
                           std::int64_t* out_minor, std::uint16_t* out_currency) {
  return dun::pick(a_minor, a_currency, b_minor, b_currency, rates, 1, out_minor, out_currency);
}

std::int32_t dun_money_max(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                           std::uint16_t b_currency, const dun::RateTable* rates,
                           std::int64_t* out_minor, std::uint16_t* out_currency) {
  return dun::pick(a_minor, a_currency, b_minor, b_currency, rates, -1, out_minor, out_currency);
}

std::int32_t dun_late_interest(std::int64_t minor, std::uint16_t currency, std::int32_t due,
                               std::int32_t until, const dun::LateInterestRate* rate,
                               std::int64_t* out) {
  if (rate == nullptr || !dun::is_currency_index(currency)) return dun::kStatusInvalidArgument;
  // The ECB history only lacks rates before its first change, so if the first day late has one,
  // every later day has one too, and the only failure left is an overflow.
  if (until > due && !rate->percent_micros_on(dun::Date::from_days(due) + 1)) {
    return dun::kStatusNoReferenceRate;
  }
  const auto interest =
      dun::late_interest(dun::Money{minor, Currency::from_index(currency)},
                         dun::Date::from_days(due), dun::Date::from_days(until), *rate);
  if (!interest.ok()) return dun::kStatusOverflow;
  *out = interest->minor;
  return dun::kStatusOk;
}

}  // extern "C"

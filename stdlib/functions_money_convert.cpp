// Money addition and subtraction across currencies of functions.hpp (ir.hpp: the right operand
// is converted to the left operand's currency with the configured rates, half-even).
#include "stdlib/currency.hpp"
#include "stdlib/functions.hpp"
#include "stdlib/money.hpp"

namespace {

// b in a's currency, or a status.
std::int32_t to_left_currency(std::uint16_t a_currency, std::int64_t b_minor,
                              std::uint16_t b_currency, const dun::RateTable* rates,
                              std::int64_t* out) {
  if (a_currency == b_currency) {
    *out = b_minor;
    return dun::kStatusOk;
  }
  if (a_currency >= dun::currency_count() || b_currency >= dun::currency_count()) {
    return dun::kStatusInvalidArgument;
  }
  if (rates == nullptr) return dun::kStatusMissingRate;
  const auto converted = rates->convert(b_minor, dun::Currency::from_index(b_currency),
                                        dun::Currency::from_index(a_currency));
  if (!converted) return dun::kStatusMissingRate;
  *out = *converted;
  return dun::kStatusOk;
}

// a ± b in a's currency.
std::int32_t add_or_subtract(bool subtract, std::int64_t a_minor, std::uint16_t a_currency,
                             std::int64_t b_minor, std::uint16_t b_currency,
                             const dun::RateTable* rates, std::int64_t* out) {
  std::int64_t b_converted = 0;
  const std::int32_t status =
      to_left_currency(a_currency, b_minor, b_currency, rates, &b_converted);
  if (status != dun::kStatusOk) return status;
  std::int64_t result = 0;
  const bool overflowed = subtract ? __builtin_sub_overflow(a_minor, b_converted, &result)
                                   : __builtin_add_overflow(a_minor, b_converted, &result);
  if (overflowed) return dun::kStatusOverflow;
  *out = result;
  return dun::kStatusOk;
}

}  // namespace

extern "C" {

std::int32_t dun_money_add(std::int64_t a_minor, std::uint16_t a_currency, std::int64_t b_minor,
                           std::uint16_t b_currency, const dun::RateTable* rates,
                           std::int64_t* out) {
  return add_or_subtract(false, a_minor, a_currency, b_minor, b_currency, rates, out);
}

std::int32_t dun_money_subtract(std::int64_t a_minor, std::uint16_t a_currency,
                                std::int64_t b_minor, std::uint16_t b_currency,
                                const dun::RateTable* rates, std::int64_t* out) {
  return add_or_subtract(true, a_minor, a_currency, b_minor, b_currency, rates, out);
}

}  // extern "C"

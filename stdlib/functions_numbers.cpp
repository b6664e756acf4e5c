// Int and decimal functions of functions.hpp. Decimals are int64 with 6 decimals.
#include <algorithm>
#include <limits>

#include "stdlib/checked_int.hpp"
#include "stdlib/functions.hpp"

namespace dun {
namespace {

std::int32_t checked_abs(std::int64_t value, std::int64_t* out) {
  if (value == std::numeric_limits<std::int64_t>::min()) return kStatusOverflow;
  *out = value < 0 ? -value : value;
  return kStatusOk;
}

}  // namespace
}  // namespace dun

using dun::Int128;

extern "C" {

std::int64_t dun_int_min(std::int64_t a, std::int64_t b) { return std::min(a, b); }
std::int64_t dun_int_max(std::int64_t a, std::int64_t b) { return std::max(a, b); }
std::int32_t dun_int_abs(std::int64_t value, std::int64_t* out) {
  return dun::checked_abs(value, out);
}

std::int64_t dun_decimal_min(std::int64_t a, std::int64_t b) { return std::min(a, b); }
std::int64_t dun_decimal_max(std::int64_t a, std::int64_t b) { return std::max(a, b); }
std::int32_t dun_decimal_abs(std::int64_t value, std::int64_t* out) {
  return dun::checked_abs(value, out);
}

std::int32_t dun_decimal_round(std::int64_t value, std::int32_t digits, std::int64_t* out) {
  if (digits < 0) return dun::kStatusInvalidArgument;
  if (digits >= 6) {
    *out = value;
    return dun::kStatusOk;
  }
  std::int64_t step = 1;
  for (std::int32_t i = digits; i < 6; ++i) step *= 10;
  return dun::store_checked(dun::divide_round_half_even(value, step) * step, out);
}

std::int32_t dun_decimal_multiply(std::int64_t a, std::int64_t b, std::int64_t* out) {
  return dun::store_checked(
      dun::divide_round_half_even(static_cast<Int128>(a) * b, dun::kDecimalScale), out);
}

std::int32_t dun_decimal_divide(std::int64_t a, std::int64_t b, std::int64_t* out) {
  if (b == 0) return dun::kStatusDivisionByZero;
  return dun::store_checked(
      dun::divide_half_even_signed(static_cast<Int128>(a) * dun::kDecimalScale, b), out);
}

}  // extern "C"

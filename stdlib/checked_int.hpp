// Storing a wide intermediate result into an int64 out-parameter, or saying it does not fit
// (internal to stdlib: the status convention of functions.hpp).
#pragma once

#include <cstdint>
#include <limits>

#include "stdlib/functions.hpp"
#include "stdlib/money.hpp"

namespace dun {

inline std::int32_t store_checked(Int128 value, std::int64_t* out) {
  if (value > std::numeric_limits<std::int64_t>::max() ||
      value < std::numeric_limits<std::int64_t>::min()) {
    return kStatusOverflow;
  }
  *out = static_cast<std::int64_t>(value);
  return kStatusOk;
}

// divide_round_half_even for a denominator of either sign (it requires a positive one).
// Precondition: denominator != 0.
inline Int128 divide_half_even_signed(Int128 numerator, Int128 denominator) {
  return denominator < 0 ? divide_round_half_even(-numerator, -denominator)
                         : divide_round_half_even(numerator, denominator);
}

}  // namespace dun

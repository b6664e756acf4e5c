// dun_jit_money_thresholds (dsl/jit_runtime.hpp): money of any currency compared with one constant,
// reduced to one integer compare per row. dun_money_compare converts both sides of a comparison of
// two currencies to the rate table's base currency, each with one half-even rounding, and compares
// the results; the conversion of a row's amount is monotonic (a positive rate, a monotonic
// rounding), so "converted amount >= constant's" holds exactly from one amount of the row's
// currency on. That amount is found here by bisection with RateTable::convert itself, the very
// function dun_money_compare calls: the thresholds are exact by construction, not by a second
// implementation of the rounding.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>

#include "dsl/jit_runtime.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/money.hpp"

namespace {

constexpr std::int64_t kUndecided = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kBound = dun::dsl::kJitMoneyBound;

// Whether `converted` passes: `>= target`, or `> target` when strict.
bool passes(std::int64_t converted, std::int64_t target, bool strict) {
  return strict ? converted > target : converted >= target;
}

// The smallest amount in [-kBound, kBound] of `from` whose conversion to the base passes, or
// kBound + 1 when none does; kUndecided when a conversion of that range fails (a missing rate, or
// an amount too large for int64 in the base: the rate table's error, the branching form's case).
std::int64_t threshold(const dun::RateTable& rates, dun::Currency from, std::int64_t target,
                       bool strict) {
  const dun::Currency base = rates.base();
  // Monotonic: if both ends convert, every amount between does.
  if (!rates.convert(-kBound, from, base) || !rates.convert(kBound, from, base)) {
    return kUndecided;
  }
  std::int64_t low = -kBound;  // the answer is in [low, high]
  std::int64_t high = kBound + 1;
  while (low < high) {
    const std::int64_t middle = low + (high - low) / 2;
    if (passes(*rates.convert(middle, from, base), target, strict)) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

}  // namespace

extern "C" void dun_jit_money_thresholds(const dun::RateTable* rates, std::int64_t minor,
                                         std::uint16_t currency, std::int32_t strict,
                                         std::int64_t* out, std::int64_t count) {
  const bool is_strict = strict != 0;
  const std::int64_t known = std::min<std::int64_t>(count, dun::currency_count());
  for (std::int64_t k = 0; k <= count; ++k) out[k] = kUndecided;  // out[count]: beyond the table
  if (currency >= known) return;
  // The constant's own currency: compared as it is (dun_money_compare converts nothing), so the
  // threshold is the constant itself (plus one when strict), clamped to the rows' range.
  const std::int64_t own = is_strict && minor == std::numeric_limits<std::int64_t>::max()
                               ? kBound + 1
                               : minor + (is_strict ? 1 : 0);
  out[currency] = std::clamp(own, -kBound, kBound + 1);
  // Other currencies go through the base: the constant's side first. Beyond the rows' range the
  // constant is left to the branching form (its conversion could overflow the 128-bit product).
  if (rates == nullptr || minor < -kBound || minor > kBound) return;
  const dun::Currency from = dun::Currency::from_index(currency);
  const std::optional<std::int64_t> target = rates->convert(minor, from, rates->base());
  if (!target) return;
  for (std::int64_t k = 0; k < known; ++k) {
    if (k == currency) continue;
    const auto other = dun::Currency::from_index(static_cast<std::uint16_t>(k));
    if (!rates->has(other)) continue;  // a missing rate: the branching form's error
    out[k] = threshold(*rates, other, *target, is_strict);
  }
}

// Exact money: int64 minor units plus an ISO 4217 currency. No floating point anywhere: amounts
// are parsed from and formatted to decimal strings with the currency's exponent, and currency
// conversion uses fixed-point rates with one half-even rounding to the target's minor unit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/currency.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

// -Wpedantic frowns on __int128; __extension__ says we mean it (GCC and clang both have it).
__extension__ typedef __int128 Int128;

struct Money {
  std::int64_t minor = 0;
  Currency currency;
  bool operator==(const Money&) const = default;
};

// "1234.50" -> 123450 for EUR. Accepts an optional leading '-', digits, and at most
// currency.exponent() decimals (more is an error, never rounded). No exponent, no separators.
Result<std::int64_t> parse_minor_units(std::string_view text, Currency currency);
// 123450 -> "1234.50" for EUR, -5 -> "-0.05", 7 -> "7" for JPY.
std::string format_minor_units(std::int64_t minor, Currency currency);
// "1234.50 EUR"
std::string format_money(Money money);
// The inverse of format_money: "1234.50 EUR" (amount, one space, ISO 4217 code), as config values
// such as recovery_indemnity are written.
Result<Money> parse_money(std::string_view text);

// Integer division of numerator by positive denominator, rounding half to even.
Int128 divide_round_half_even(Int128 numerator, Int128 denominator);

// Exchange rates to one base currency: `rate(X)` is the value of 1 X in base units, as in
// dun.toml's [rates] table ("USD = 0.92" means 1 USD = 0.92 EUR). Rates keep 9 decimals.
class RateTable {
 public:
  static constexpr std::int64_t kScale = 1'000'000'000;

  explicit RateTable(Currency base) : base_(base) {}
  Currency base() const { return base_; }

  // `rate_text` is a positive decimal with at most 9 decimals ("0.92").
  Status set(Currency currency, std::string_view rate_text);
  void set_scaled(Currency currency, std::int64_t rate_times_scale);
  bool has(Currency currency) const;

  // `minor` units of `from` in minor units of `to`, rounded half-even once; nullopt when a rate
  // is missing (an evaluation error for the caller to report, never a guess).
  std::optional<std::int64_t> convert(std::int64_t minor, Currency from, Currency to) const;

 private:
  std::optional<std::int64_t> scaled_rate(Currency currency) const;
  Currency base_;
  std::vector<std::int64_t> scaled_;  // by currency index; 0 = unknown
};

}  // namespace dun

// The legal amounts owed on a late commercial payment (directive 2011/7/EU; France: Code de
// commerce L441-10 and D441-5): late-payment interest and the fixed recovery indemnity.
// Config (data-model.md, [company]): late_interest_rate = "ECB+10" or "12.5";
// recovery_indemnity = "40 EUR".
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "stdlib/date.hpp"
#include "stdlib/ecb_rates.hpp"
#include "stdlib/money.hpp"
#include "stdlib/result.hpp"

namespace dun {

// The yearly rate of late-payment interest: either fixed, or the ECB reference rate plus a margin
// in points. L441-10: the reference rate for a half-year is the ECB rate in force on its first
// day (1 January or 1 July), so each day late carries the rate of its own half-year.
class LateInterestRate {
 public:
  // "ECB+10", "ECB+7.5", "ECB" (no margin), or a fixed percentage like "12.5". The ECB history
  // defaults to the built-in table.
  static Result<LateInterestRate> parse(std::string_view text,
                                        EcbRateHistory history = EcbRateHistory::builtin());

  bool follows_ecb() const { return follows_ecb_; }
  // Percent × 10^6 applying to the day `late_day`; nullopt when it follows the ECB and the
  // history does not reach back to that day's half-year.
  std::optional<std::int64_t> percent_micros_on(Date late_day) const;

 private:
  LateInterestRate(bool follows_ecb, std::int64_t percent_micros, EcbRateHistory history)
      : follows_ecb_(follows_ecb), percent_micros_(percent_micros), history_(std::move(history)) {}
  bool follows_ecb_;
  std::int64_t percent_micros_;  // the fixed rate, or the margin over the ECB rate
  EcbRateHistory history_;
};

// Simple interest (no compounding) on `amount` for each day late, the days in (due, until]:
// amount × Σ(rate of the day's half-year) / 365 / 100, rounded half-even once to the currency's
// minor unit. Zero when `until` <= `due`. Always 365 days a year, leap years included, as
// French practice does. Errors when a day late predates the ECB history.
Result<Money> late_interest(Money amount, Date due, Date until, const LateInterestRate& rate);

// The fixed compensation for recovery costs per late invoice (2011/7/EU art. 6; D441-5).
Money default_recovery_indemnity();  // 40 EUR
// "40 EUR": a non-negative amount and its currency.
Result<Money> parse_recovery_indemnity(std::string_view text);

}  // namespace dun

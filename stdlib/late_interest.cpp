#include "stdlib/late_interest.hpp"

#include <limits>
#include <string>
#include <utility>

namespace dun {
namespace {

// The first day of the half-year holding `day`: 1 January or 1 July.
Date half_year_start(Date day) {
  const YearMonthDay ymd = day.ymd();
  return Date::from_ymd(ymd.year, ymd.month <= 6 ? 1 : 7, 1);
}

Date next_half_year_start(Date day) {
  const YearMonthDay ymd = day.ymd();
  return ymd.month <= 6 ? Date::from_ymd(ymd.year, 7, 1) : Date::from_ymd(ymd.year + 1, 1, 1);
}

}  // namespace

Result<LateInterestRate> LateInterestRate::parse(std::string_view text, EcbRateHistory history) {
  constexpr std::string_view kEcb = "ECB";
  if (text.substr(0, kEcb.size()) == kEcb) {
    const std::string_view rest = text.substr(kEcb.size());
    if (rest.empty()) return LateInterestRate(true, 0, std::move(history));
    if (rest[0] != '+') {
      return Error{"late_interest_rate '" + std::string(text) +
                   "': expected 'ECB+' and the margin in points, like ECB+10"};
    }
    auto margin = parse_percent(rest.substr(1));
    if (!margin.ok() || *margin < 0) {
      return Error{"late_interest_rate '" + std::string(text) +
                   "': the margin must be a non-negative number of points, like ECB+10"};
    }
    return LateInterestRate(true, *margin, std::move(history));
  }
  auto fixed = parse_percent(text);
  if (!fixed.ok() || *fixed < 0) {
    return Error{"late_interest_rate '" + std::string(text) +
                 "' is neither 'ECB+N' nor a non-negative yearly percentage like 12.5"};
  }
  return LateInterestRate(false, *fixed, std::move(history));
}

std::optional<std::int64_t> LateInterestRate::percent_micros_on(Date late_day) const {
  if (!follows_ecb_) return percent_micros_;
  const auto reference = history_.rate_on(half_year_start(late_day));
  if (!reference) return std::nullopt;
  return *reference + percent_micros_;
}

Result<Money> late_interest(Money amount, Date due, Date until, const LateInterestRate& rate) {
  // Σ over the days late of their rate, one half-year at a time (the rate is constant inside).
  Int128 percent_micro_days = 0;
  for (Date segment_start = due + 1; segment_start <= until;) {
    const Date next_segment = next_half_year_start(segment_start);
    const Date segment_end = next_segment - 1 < until ? next_segment - 1 : until;
    const auto percent = rate.percent_micros_on(segment_start);
    if (!percent) {
      return Error{"no ECB reference rate is known for " + segment_start.to_string() +
                   "; add it to the rate history"};
    }
    percent_micro_days += static_cast<Int128>(*percent) * (segment_end - segment_start + 1);
    segment_start = next_segment;
  }
  const Int128 denominator = Int128{365} * 100 * kPercentScale;
  const Int128 interest =
      divide_round_half_even(static_cast<Int128>(amount.minor) * percent_micro_days, denominator);
  if (interest > std::numeric_limits<std::int64_t>::max() ||
      interest < std::numeric_limits<std::int64_t>::min()) {
    return Error{"late interest on " + format_money(amount) + " is too large to represent"};
  }
  return Money{static_cast<std::int64_t>(interest), amount.currency};
}

Money default_recovery_indemnity() { return Money{4000, *Currency::from_code("EUR")}; }

Result<Money> parse_recovery_indemnity(std::string_view text) {
  auto money = parse_money(text);
  if (!money.ok()) return Error{"recovery_indemnity: " + money.error().message};
  if (money->minor < 0) {
    return Error{"recovery_indemnity '" + std::string(text) + "' must not be negative"};
  }
  return money;
}

}  // namespace dun

#include "stdlib/late_interest.hpp"

#include <gtest/gtest.h>

namespace dun {
namespace {

Date d(const char* text) { return *Date::parse(text); }
Money eur(const char* amount) { return *parse_money(std::string(amount) + " EUR"); }
LateInterestRate rate(std::string_view text) { return *LateInterestRate::parse(text); }
std::string interest(const char* amount, const char* due, const char* until,
                     std::string_view rate_text) {
  const auto result = late_interest(eur(amount), d(due), d(until), rate(rate_text));
  return result.ok() ? format_money(*result) : "error: " + result.error().message;
}

TEST(EcbRateHistory, GivesTheRateInForceOnADay) {
  const EcbRateHistory history = EcbRateHistory::builtin();
  EXPECT_EQ(history.rate_on(d("2019-06-01")), 0);
  EXPECT_EQ(history.rate_on(d("2022-07-26")), 0);
  EXPECT_EQ(history.rate_on(d("2022-07-27")), 500'000);
  EXPECT_EQ(history.rate_on(d("2023-09-20")), 4'500'000);
  EXPECT_EQ(history.rate_on(d("2024-06-11")), 4'500'000);
  EXPECT_EQ(history.rate_on(d("2024-06-12")), 4'250'000);
  EXPECT_EQ(history.rate_on(d("2025-06-11")), 2'150'000);
  EXPECT_EQ(history.rate_on(d("2031-01-01")), 2'150'000);  // the last known rate goes on
  EXPECT_EQ(history.rate_on(d("2016-03-15")), std::nullopt);
}

TEST(EcbRateHistory, CanBeExtendedAndCorrected) {
  EcbRateHistory history = EcbRateHistory::builtin();
  ASSERT_TRUE(history.set(d("2026-02-04"), "1.90").ok());
  EXPECT_EQ(history.rate_on(d("2026-02-03")), 2'150'000);
  EXPECT_EQ(history.rate_on(d("2026-02-04")), 1'900'000);
  ASSERT_TRUE(history.set(d("2026-02-04"), "1.65").ok());  // replaces, does not duplicate
  EXPECT_EQ(history.rate_on(d("2026-02-04")), 1'650'000);
  EXPECT_EQ(history.changes().size(), EcbRateHistory::builtin().changes().size() + 1);
  EXPECT_FALSE(history.set(d("2026-03-04"), "1,5").ok());
}

TEST(LateInterestRate, ParsesEcbPlusPointsAndFixedRates) {
  EXPECT_TRUE(rate("ECB+10").follows_ecb());
  EXPECT_EQ(rate("ECB+10").percent_micros_on(d("2024-03-01")), 14'500'000);  // 4.50 + 10
  EXPECT_EQ(rate("ECB+7.5").percent_micros_on(d("2024-03-01")), 12'000'000);
  EXPECT_EQ(rate("ECB").percent_micros_on(d("2024-03-01")), 4'500'000);
  EXPECT_FALSE(rate("12.5").follows_ecb());
  EXPECT_EQ(rate("12.5").percent_micros_on(d("1990-01-01")), 12'500'000);
  for (const char* bad : {"", "ECB-2", "ECB+", "ECB10", "ecb+10", "abc", "-1", "12,5", "12.",
                          "1.1234567", "ECB+ 10"}) {
    EXPECT_FALSE(LateInterestRate::parse(bad).ok()) << bad;
  }
}

TEST(LateInterestRate, UsesTheRateInForceOnTheFirstDayOfTheHalfYear) {
  // ECB: 2.50 from 2022-12-21, 4.00 from 2023-06-21. June 2023 days still carry the 1 January
  // rate (2.50), July 2023 days the 1 July rate (4.00).
  EXPECT_EQ(rate("ECB+10").percent_micros_on(d("2023-06-30")), 12'500'000);
  EXPECT_EQ(rate("ECB+10").percent_micros_on(d("2023-07-01")), 14'000'000);
  EXPECT_EQ(rate("ECB+10").percent_micros_on(d("2016-01-01")), std::nullopt);
}

TEST(LateInterest, WorkedExamples) {
  // 10,000.00 EUR due 31 Jan 2024, paid 1 Mar 2024: 30 days late (29 in Feb 2024 + 1 Mar) in
  // H1 2024 at 4.50 + 10 = 14.50 %: 10000 × 0.145 × 30 / 365 = 119.178… → 119.18 EUR.
  EXPECT_EQ(interest("10000.00", "2024-01-31", "2024-03-01", "ECB+10"), "119.18 EUR");
  // Across half-years: due 20 Jun 2024, until 10 Jul 2024: 10 days at 14.50 % and 10 days at
  // 4.25 + 10 = 14.25 %: 10000 × (10 × 0.145 + 10 × 0.1425) / 365 = 78.767… → 78.77 EUR.
  EXPECT_EQ(interest("10000.00", "2024-06-20", "2024-07-10", "ECB+10"), "78.77 EUR");
  // 1,000.00 EUR, 10 days late in late June 2023: the H1 rate 2.50 + 10 although the ECB was
  // at 4.00 by then: 1000 × 0.125 × 10 / 365 = 3.424… → 3.42 EUR.
  EXPECT_EQ(interest("1000.00", "2023-06-20", "2023-06-30", "ECB+10"), "3.42 EUR");
  // Fixed 12.5 %: 5,000.00 EUR, 73 days late: 5000 × 0.125 × 73 / 365 = 125.00 EUR exactly.
  EXPECT_EQ(interest("5000.00", "2025-01-10", "2025-03-24", "12.5"), "125.00 EUR");
  // After the last known change the last rate applies: H1 2026 at 2.15 + 10 = 12.15 %,
  // 10000 × 0.1215 × 30 / 365 = 99.863… → 99.86 EUR.
  EXPECT_EQ(interest("10000.00", "2026-02-01", "2026-03-03", "ECB+10"), "99.86 EUR");
  // A whole year of 2024 (366 days, a leap year) at a fixed 10 %: 1000 × 0.10 × 366 / 365
  // = 100.273… → 100.27 EUR (always 365 in the denominator).
  EXPECT_EQ(interest("1000.00", "2023-12-31", "2024-12-31", "10"), "100.27 EUR");
}

TEST(LateInterest, RoundsHalfToEvenOnce) {
  // At 36.5 % a year 1.00 EUR earns exactly 0.1 cent a day: 5 days = 0.5 cent → 0 (even),
  // 15 days = 1.5 cents → 2, 25 days = 2.5 cents → 2.
  EXPECT_EQ(interest("1.00", "2025-01-01", "2025-01-06", "36.5"), "0.00 EUR");
  EXPECT_EQ(interest("1.00", "2025-01-01", "2025-01-16", "36.5"), "0.02 EUR");
  EXPECT_EQ(interest("1.00", "2025-01-01", "2025-01-26", "36.5"), "0.02 EUR");
}

TEST(LateInterest, IsZeroWhenNotLate) {
  EXPECT_EQ(interest("1000.00", "2025-03-10", "2025-03-10", "ECB+10"), "0.00 EUR");
  EXPECT_EQ(interest("1000.00", "2025-03-10", "2025-03-01", "ECB+10"), "0.00 EUR");
}

TEST(LateInterest, FailsBeforeTheKnownHistory) {
  EXPECT_EQ(interest("1000.00", "2015-12-01", "2016-01-15", "ECB+10"),
            "error: no ECB reference rate is known for 2015-12-02; add it to the rate history");
  // A fixed rate needs no history: 45 days at 8 %: 1000 × 0.08 × 45 / 365 = 9.863… → 9.86 EUR.
  EXPECT_EQ(interest("1000.00", "2015-12-01", "2016-01-15", "8"), "9.86 EUR");
}

TEST(LateInterest, KeepsTheCurrencyAndItsMinorUnit) {
  const Money yen{1'000'000, *Currency::from_code("JPY")};
  // 1,000,000 JPY × 0.10 × 30 / 365 = 8219.17… → 8219 JPY.
  EXPECT_EQ(format_money(*late_interest(yen, d("2025-01-01"), d("2025-01-31"), rate("10"))),
            "8219 JPY");
}

TEST(RecoveryIndemnity, DefaultsToFortyEurosAndParsesConfig) {
  EXPECT_EQ(format_money(default_recovery_indemnity()), "40.00 EUR");
  EXPECT_EQ(*parse_recovery_indemnity("40 EUR"), default_recovery_indemnity());
  EXPECT_EQ(format_money(*parse_recovery_indemnity("175.50 PLN")), "175.50 PLN");
  for (const char* bad : {"40", "EUR 40", "40 EURO", "-5 EUR", "40.001 EUR", "40  EUR", ""}) {
    EXPECT_FALSE(parse_recovery_indemnity(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace dun

#include "stdlib/functions.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>

#include "stdlib/calendar.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/money.hpp"

namespace dun {
namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kUntouched = 424242;

std::int32_t day(const char* text) { return Date::parse(text)->days(); }
std::uint16_t currency(const char* code) { return Currency::from_code(code)->index(); }
std::int32_t fr() { return Calendar::from_code("FR")->id(); }
std::int64_t decimal(double value) { return static_cast<std::int64_t>(value * 1e6 + 0.5); }

TEST(DateFunctions, DaysWeekdayAndMonthEnd) {
  EXPECT_EQ(dun_days_between(day("2026-01-10"), day("2026-03-01")), 50);
  EXPECT_EQ(dun_days_between(day("2026-03-01"), day("2026-01-10")), -50);
  EXPECT_EQ(dun_weekday(day("2026-01-12")), 1);  // Monday
  EXPECT_EQ(dun_weekday(day("2026-01-11")), 7);  // Sunday
  EXPECT_EQ(dun_weekday(day("1969-12-31")), 3);  // before the epoch: Wednesday
  EXPECT_EQ(dun_month_end(day("2024-02-10")), day("2024-02-29"));
  EXPECT_EQ(dun_month_end(day("2026-12-31")), day("2026-12-31"));
}

TEST(DateFunctions, AddDurationInEachUnit) {
  std::int32_t out = 0;
  ASSERT_EQ(dun_add_duration(day("2026-01-31"), 3, kUnitDays, 0, &out), kStatusOk);
  EXPECT_EQ(out, day("2026-02-03"));
  ASSERT_EQ(dun_add_duration(day("2026-01-31"), -2, kUnitWeeks, 0, &out), kStatusOk);
  EXPECT_EQ(out, day("2026-01-17"));
  // language.md §3.1: Saturday + 1 business day = Monday.
  ASSERT_EQ(dun_add_duration(day("2026-01-10"), 1, kUnitBusinessDays, fr(), &out), kStatusOk);
  EXPECT_EQ(out, day("2026-01-12"));
  // FR: Ascension (Thu 14 May 2026) is skipped; the weekends-only calendar does not skip it.
  ASSERT_EQ(dun_add_duration(day("2026-05-13"), 1, kUnitBusinessDays, fr(), &out), kStatusOk);
  EXPECT_EQ(out, day("2026-05-15"));
  ASSERT_EQ(dun_add_duration(day("2026-05-13"), 1, kUnitBusinessDays, 0, &out), kStatusOk);
  EXPECT_EQ(out, day("2026-05-14"));
}

TEST(DateFunctions, AddDurationReportsErrorsAndLeavesTheResultAlone) {
  std::int32_t out = 7;
  EXPECT_EQ(dun_add_duration(day("9999-12-30"), 1, kUnitDays, 0, &out), kStatusOk);
  EXPECT_EQ(dun_add_duration(day("9999-12-31"), 1, kUnitDays, 0, &out), kStatusDateOutOfRange);
  EXPECT_EQ(dun_add_duration(day("0001-01-01"), -1, kUnitDays, 0, &out), kStatusDateOutOfRange);
  EXPECT_EQ(dun_add_duration(day("0001-01-01"), 0, kUnitDays, 0, &out), kStatusOk);
  out = 7;
  EXPECT_EQ(dun_add_duration(day("2026-01-01"), kMax, kUnitWeeks, 0, &out), kStatusDateOutOfRange);
  EXPECT_EQ(dun_add_duration(day("2026-01-01"), kMin, kUnitBusinessDays, fr(), &out),
            kStatusDateOutOfRange);
  EXPECT_EQ(dun_add_duration(day("2026-01-01"), 1, 3, 0, &out), kStatusInvalidArgument);
  EXPECT_EQ(dun_add_duration(day("2026-01-01"), 1, kUnitDays, 6, &out), kStatusUnknownCalendar);
  EXPECT_EQ(
      dun_add_duration(std::numeric_limits<std::int32_t>::max(), 1, kUnitBusinessDays, fr(), &out),
      kStatusDateOutOfRange);
  EXPECT_EQ(out, 7);
}

TEST(DateFunctions, CalendarQueries) {
  std::int32_t out = 0;
  ASSERT_EQ(dun_is_business_day(fr(), day("2026-07-14"), &out), kStatusOk);
  EXPECT_EQ(out, 0);
  ASSERT_EQ(dun_is_business_day(0, day("2026-07-14"), &out), kStatusOk);
  EXPECT_EQ(out, 1);
  ASSERT_EQ(dun_next_business_day(fr(), day("2026-04-04"), &out), kStatusOk);  // Easter Sat
  EXPECT_EQ(out, day("2026-04-07"));
  ASSERT_EQ(dun_business_days_between(fr(), day("2026-01-09"), day("2026-01-12"), &out), kStatusOk);
  EXPECT_EQ(out, 1);
  ASSERT_EQ(dun_business_days_between(fr(), day("2026-01-12"), day("2026-01-09"), &out), kStatusOk);
  EXPECT_EQ(out, -1);
  EXPECT_EQ(dun_business_days_between(-1, day("2026-01-12"), day("2026-01-09"), &out),
            kStatusUnknownCalendar);
  EXPECT_EQ(dun_is_business_day(fr(), std::numeric_limits<std::int32_t>::min(), &out),
            kStatusDateOutOfRange);
}

TEST(NumberFunctions, MinMaxAbs) {
  EXPECT_EQ(dun_int_min(-3, 2), -3);
  EXPECT_EQ(dun_int_max(-3, 2), 2);
  EXPECT_EQ(dun_decimal_min(decimal(0.5), decimal(0.25)), decimal(0.25));
  EXPECT_EQ(dun_decimal_max(decimal(0.5), decimal(0.25)), decimal(0.5));
  std::int64_t out = kUntouched;
  ASSERT_EQ(dun_int_abs(-12, &out), kStatusOk);
  EXPECT_EQ(out, 12);
  ASSERT_EQ(dun_decimal_abs(-decimal(1.5), &out), kStatusOk);
  EXPECT_EQ(out, decimal(1.5));
  out = kUntouched;
  EXPECT_EQ(dun_int_abs(kMin, &out), kStatusOverflow);
  EXPECT_EQ(dun_money_abs(kMin, &out), kStatusOverflow);
  EXPECT_EQ(out, kUntouched);
}

std::int64_t rounded(std::int64_t value, std::int32_t digits) {
  std::int64_t out = kUntouched;
  EXPECT_EQ(dun_decimal_round(value, digits, &out), kStatusOk);
  return out;
}

TEST(NumberFunctions, RoundIsHalfToEven) {
  EXPECT_EQ(rounded(2'345'000, 2), 2'340'000);  // 2.345 -> 2.34
  EXPECT_EQ(rounded(2'355'000, 2), 2'360'000);  // 2.355 -> 2.36
  EXPECT_EQ(rounded(-2'345'000, 2), -2'340'000);
  EXPECT_EQ(rounded(2'346'000, 2), 2'350'000);
  EXPECT_EQ(rounded(2'500'000, 0), 2'000'000);  // 2.5 -> 2
  EXPECT_EQ(rounded(3'500'000, 0), 4'000'000);  // 3.5 -> 4
  EXPECT_EQ(rounded(-2'500'000, 0), -2'000'000);
  EXPECT_EQ(rounded(1'234'567, 6), 1'234'567);
  EXPECT_EQ(rounded(1'234'567, 9), 1'234'567);
  std::int64_t out = kUntouched;
  EXPECT_EQ(dun_decimal_round(1'000'000, -1, &out), kStatusInvalidArgument);
  EXPECT_EQ(dun_decimal_round(kMax, 0, &out), kStatusOverflow);
  EXPECT_EQ(out, kUntouched);
}

TEST(NumberFunctions, DecimalMultiplyAndDivideRoundHalfToEven) {
  std::int64_t out = 0;
  ASSERT_EQ(dun_decimal_multiply(decimal(1.5), decimal(2.25), &out), kStatusOk);
  EXPECT_EQ(out, 3'375'000);
  ASSERT_EQ(dun_decimal_multiply(1, 500'000, &out), kStatusOk);  // 0.0000005 -> 0
  EXPECT_EQ(out, 0);
  ASSERT_EQ(dun_decimal_multiply(3, 500'000, &out), kStatusOk);  // 0.0000015 -> 0.000002
  EXPECT_EQ(out, 2);
  ASSERT_EQ(dun_decimal_divide(1'000'000, 3'000'000, &out), kStatusOk);
  EXPECT_EQ(out, 333'333);
  ASSERT_EQ(dun_decimal_divide(2'000'000, 3'000'000, &out), kStatusOk);
  EXPECT_EQ(out, 666'667);
  ASSERT_EQ(dun_decimal_divide(1'000'000, -3'000'000, &out), kStatusOk);
  EXPECT_EQ(out, -333'333);
  EXPECT_EQ(dun_decimal_divide(1, 0, &out), kStatusDivisionByZero);
  EXPECT_EQ(dun_decimal_multiply(kMax, 2'000'000, &out), kStatusOverflow);
}

std::int64_t times(std::int64_t minor, std::int64_t factor) {
  std::int64_t out = kUntouched;
  EXPECT_EQ(dun_money_times_decimal(minor, factor, &out), kStatusOk);
  return out;
}

std::int64_t divided(std::int64_t minor, std::int64_t divisor) {
  std::int64_t out = kUntouched;
  EXPECT_EQ(dun_money_divide_int(minor, divisor, &out), kStatusOk);
  return out;
}

TEST(MoneyFunctions, TimesDecimalRoundsHalfToEvenToTheMinorUnit) {
  EXPECT_EQ(times(1005, 500'000), 502);  // 10.05 × 0.5 = 5.025 -> 5.02
  EXPECT_EQ(times(1015, 500'000), 508);  // 10.15 × 0.5 = 5.075 -> 5.08
  EXPECT_EQ(times(-1015, 500'000), -508);
  EXPECT_EQ(times(1'000'000, 145'000), 145'000);  // 10,000.00 × 0.145 = 1,450.00
  EXPECT_EQ(times(333, 3'000'000), 999);
  std::int64_t out = kUntouched;
  ASSERT_EQ(dun_money_times_int(250, -3, &out), kStatusOk);
  EXPECT_EQ(out, -750);
  EXPECT_EQ(dun_money_times_int(kMax, 2, &out), kStatusOverflow);
  EXPECT_EQ(dun_money_times_decimal(kMax, 2'000'000, &out), kStatusOverflow);
  ASSERT_EQ(dun_money_divide_decimal(1000, 400'000, &out), kStatusOk);  // 10.00 / 0.4 = 25.00
  EXPECT_EQ(out, 2500);
  EXPECT_EQ(dun_money_divide_decimal(1000, 0, &out), kStatusDivisionByZero);
}

TEST(MoneyFunctions, DivideByIntRoundsHalfToEven) {
  EXPECT_EQ(divided(10000, 3), 3333);  // 100.00 / 3 = 33.33
  EXPECT_EQ(divided(20000, 3), 6667);
  EXPECT_EQ(divided(1005, 2), 502);  // 5.025 -> 5.02
  EXPECT_EQ(divided(1015, 2), 508);  // 5.075 -> 5.08
  EXPECT_EQ(divided(-1015, 2), -508);
  EXPECT_EQ(divided(1015, -2), -508);
  std::int64_t out = kUntouched;
  EXPECT_EQ(dun_money_divide_int(100, 0, &out), kStatusDivisionByZero);
  EXPECT_EQ(dun_money_divide_int(kMin, -1, &out), kStatusOverflow);
  EXPECT_EQ(out, kUntouched);
}

TEST(MoneyFunctions, RoundToWholeUnitsHalfToEven) {
  std::int64_t out = 0;
  const auto round_money = [&out](std::int64_t minor, const char* code) {
    EXPECT_EQ(dun_money_round(minor, currency(code), &out), kStatusOk);
    return out;
  };
  EXPECT_EQ(round_money(1250, "EUR"), 1200);  // 12.50 -> 12
  EXPECT_EQ(round_money(1350, "EUR"), 1400);  // 13.50 -> 14
  EXPECT_EQ(round_money(1251, "EUR"), 1300);
  EXPECT_EQ(round_money(-1350, "EUR"), -1400);
  EXPECT_EQ(round_money(7, "JPY"), 7);
  EXPECT_EQ(round_money(2500, "KWD"), 2000);  // 2.500 -> 2
  EXPECT_EQ(dun_money_round(1, 65535, &out), kStatusInvalidArgument);
  EXPECT_EQ(round_money(kMax, "EUR"), kMax - 7);  // …807 -> …800: rounding down fits
  EXPECT_EQ(dun_money_round(kMax, currency("KWD"), &out), kStatusOverflow);  // …807 -> …6000
}

class MoneyComparison : public ::testing::Test {
 protected:
  MoneyComparison() : rates_(*Currency::from_code("EUR")) {
    EXPECT_TRUE(rates_.set(*Currency::from_code("USD"), "0.92").ok());
  }
  std::int32_t compare(std::int64_t a, const char* a_code, std::int64_t b, const char* b_code) {
    std::int32_t order = 99;
    EXPECT_EQ(dun_money_compare(a, currency(a_code), b, currency(b_code), &rates_, &order),
              kStatusOk);
    return order;
  }
  RateTable rates_;
};

TEST_F(MoneyComparison, ComparesAcrossCurrenciesInTheBaseCurrency) {
  EXPECT_EQ(compare(9200, "EUR", 10000, "USD"), 0);  // 100.00 USD = 92.00 EUR
  EXPECT_EQ(compare(10000, "USD", 9200, "EUR"), 0);
  EXPECT_EQ(compare(10000, "EUR", 10000, "USD"), 1);
  EXPECT_EQ(compare(10000, "USD", 10000, "EUR"), -1);
  EXPECT_EQ(compare(5, "EUR", 7, "EUR"), -1);
  // 1 cent USD is 0.92 cent EUR, which rounds to 1 cent: equal in the base currency.
  EXPECT_EQ(compare(1, "USD", 1, "EUR"), 0);
}

TEST_F(MoneyComparison, ReportsAMissingRate) {
  std::int32_t order = 99;
  EXPECT_EQ(dun_money_compare(100, currency("GBP"), 100, currency("EUR"), &rates_, &order),
            kStatusMissingRate);
  EXPECT_EQ(dun_money_compare(100, currency("USD"), 100, currency("EUR"), nullptr, &order),
            kStatusMissingRate);
  EXPECT_EQ(order, 99);
  // Same currency needs no rates at all.
  EXPECT_EQ(dun_money_compare(100, currency("GBP"), 200, currency("GBP"), nullptr, &order),
            kStatusOk);
  EXPECT_EQ(order, -1);
}

TEST_F(MoneyComparison, MinAndMaxKeepTheChosenAmountAsItIs) {
  std::int64_t minor = 0;
  std::uint16_t code = 0;
  // 60.00 USD = 55.20 EUR.
  ASSERT_EQ(dun_money_min(5000, currency("EUR"), 6000, currency("USD"), &rates_, &minor, &code),
            kStatusOk);
  EXPECT_EQ(minor, 5000);
  EXPECT_EQ(code, currency("EUR"));
  ASSERT_EQ(dun_money_max(5000, currency("EUR"), 6000, currency("USD"), &rates_, &minor, &code),
            kStatusOk);
  EXPECT_EQ(minor, 6000);
  EXPECT_EQ(code, currency("USD"));
  ASSERT_EQ(dun_money_min(10000, currency("USD"), 9200, currency("EUR"), &rates_, &minor, &code),
            kStatusOk);  // equal: the first
  EXPECT_EQ(code, currency("USD"));
  EXPECT_EQ(dun_money_max(1, currency("GBP"), 1, currency("EUR"), &rates_, &minor, &code),
            kStatusMissingRate);
}

TEST(LegalFunctions, LateInterestThroughTheCallableFunction) {
  const LateInterestRate rate = *LateInterestRate::parse("ECB+10");
  std::int64_t out = kUntouched;
  // 10,000.00 EUR 30 days late in H1 2024 at 14.50 %: 119.18 EUR (late_interest_test).
  ASSERT_EQ(dun_late_interest(1'000'000, currency("EUR"), day("2024-01-31"), day("2024-03-01"),
                              &rate, &out),
            kStatusOk);
  EXPECT_EQ(out, 11918);
  out = kUntouched;
  EXPECT_EQ(dun_late_interest(1'000'000, currency("EUR"), day("2015-01-31"), day("2015-03-01"),
                              &rate, &out),
            kStatusNoReferenceRate);
  EXPECT_EQ(dun_late_interest(1, currency("EUR"), 0, 1, nullptr, &out), kStatusInvalidArgument);
  const LateInterestRate usurious = *LateInterestRate::parse("1000");
  EXPECT_EQ(dun_late_interest(kMax, currency("EUR"), day("2024-01-01"), day("2026-01-01"),
                              &usurious, &out),
            kStatusOverflow);
  EXPECT_EQ(out, kUntouched);
}

TEST(FunctionSymbols, NameEveryFunctionOnceWithItsAddress) {
  std::set<std::string_view> names;
  for (const FunctionSymbol& symbol : function_symbols()) {
    EXPECT_TRUE(symbol.name.starts_with("dun_")) << symbol.name;
    EXPECT_NE(symbol.address, 0u) << symbol.name;
    EXPECT_TRUE(names.insert(symbol.name).second) << symbol.name;
  }
  EXPECT_EQ(names.size(), 28u);
  // Calling through the registered address, as JIT'd code does.
  for (const FunctionSymbol& symbol : function_symbols()) {
    if (symbol.name != "dun_days_between") continue;
    const auto function =
        reinterpret_cast<std::int32_t (*)(std::int32_t, std::int32_t)>(symbol.address);
    EXPECT_EQ(function(10, 25), 15);
  }
}

TEST(FunctionSymbols, EveryStatusHasItsOwnMessage) {
  std::set<std::string_view> messages;
  for (std::int32_t status = kStatusOk; status <= kStatusNoReferenceRate; ++status) {
    EXPECT_TRUE(messages.insert(status_message(status)).second) << status;
  }
  EXPECT_EQ(status_message(99), "unknown error");
}

}  // namespace
}  // namespace dun

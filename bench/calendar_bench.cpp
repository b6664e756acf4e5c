// Cost per call of the calendar operations the engine runs per invoice, and of the other hot
// stdlib functions. Dates are drawn at random over 2020..2030 so that lookups miss the CPU cache
// the way a large portfolio does. Run from an optimised build:
//   build/bench/calendar_bench --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "stdlib/calendar.hpp"
#include "stdlib/calendar_table.hpp"
#include "stdlib/functions.hpp"
#include "stdlib/late_interest.hpp"

namespace dun {
namespace {

constexpr std::size_t kSamples = 4096;  // a power of two, indexed with a mask

std::vector<Date> random_dates(std::uint32_t seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::int32_t> day(Date::from_ymd(2020, 1, 1).days(),
                                                  Date::from_ymd(2030, 12, 31).days());
  std::vector<Date> dates(kSamples);
  for (Date& date : dates) date = Date::from_days(day(random));
  return dates;
}

void BM_IsBusinessDay(benchmark::State& state) {
  const Calendar calendar = *Calendar::from_code("FR");
  const auto dates = random_dates(1);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.is_business_day(dates[i++ & (kSamples - 1)]));
  }
}
BENCHMARK(BM_IsBusinessDay);

void BM_AddBusinessDays(benchmark::State& state) {
  const Calendar calendar = *Calendar::from_code("FR");
  const auto dates = random_dates(2);
  const auto n = static_cast<std::int32_t>(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.add_business_days(dates[i++ & (kSamples - 1)], n));
  }
}
BENCHMARK(BM_AddBusinessDays)->Arg(1)->Arg(5)->Arg(30)->Arg(-10)->Arg(250);

void BM_NextBusinessDayOnOrAfter(benchmark::State& state) {
  const Calendar calendar = *Calendar::from_code("GB");
  const auto dates = random_dates(3);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.next_business_day_on_or_after(dates[i++ & (kSamples - 1)]));
  }
}
BENCHMARK(BM_NextBusinessDayOnOrAfter);

// Range in days between the two dates: a follow-up delay (60) or a decade (3650).
void BM_BusinessDaysBetween(benchmark::State& state) {
  const Calendar calendar = *Calendar::from_code("US");
  const auto dates = random_dates(4);
  const auto span = static_cast<std::int32_t>(state.range(0));
  std::size_t i = 0;
  for (auto _ : state) {
    const Date from = dates[i++ & (kSamples - 1)];
    benchmark::DoNotOptimize(calendar.business_days_between(from, from + span));
  }
}
BENCHMARK(BM_BusinessDaysBetween)->Arg(60)->Arg(3650);

void BM_AddDurationCallable(benchmark::State& state) {
  const std::int32_t calendar_id = Calendar::from_code("PL")->id();
  const auto dates = random_dates(5);
  std::size_t i = 0;
  std::int32_t out = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dun_add_duration(dates[i++ & (kSamples - 1)].days(), 10,
                                              kUnitBusinessDays, calendar_id, &out));
  }
}
BENCHMARK(BM_AddDurationCallable);

// Dates outside the cached span fall back to the holiday rules.
void BM_AddBusinessDaysOutsideCachedSpan(benchmark::State& state) {
  const Calendar calendar = *Calendar::from_code("FR");
  const Date date = Date::from_ymd(2350, 3, 10);
  for (auto _ : state) benchmark::DoNotOptimize(calendar.add_business_days(date, 5));
}
BENCHMARK(BM_AddBusinessDaysOutsideCachedSpan);

void BM_HolidaysOfAYear(benchmark::State& state) {
  const Calendar calendar = *Calendar::from_code("GB");
  int year = 2000;
  for (auto _ : state) benchmark::DoNotOptimize(calendar.holidays(2000 + (year++ & 63)));
}
BENCHMARK(BM_HolidaysOfAYear);

// The one-off cost paid by the first use of a calendar (300 years of days).
void BM_BuildCalendarTable(benchmark::State& state) {
  for (auto _ : state) {
    const CalendarTable table(2, "FR", french_holidays);
    benchmark::DoNotOptimize(&table);
  }
}
BENCHMARK(BM_BuildCalendarTable)->Unit(benchmark::kMicrosecond);

void BM_LateInterest(benchmark::State& state) {
  const LateInterestRate rate = *LateInterestRate::parse("ECB+10");
  const auto dates = random_dates(6);
  const std::uint16_t eur = Currency::from_code("EUR")->index();
  std::size_t i = 0;
  std::int64_t out = 0;
  for (auto _ : state) {
    const std::int32_t due = dates[i++ & (kSamples - 1)].days();
    benchmark::DoNotOptimize(dun_late_interest(1'234'567, eur, due, due + 95, &rate, &out));
  }
}
BENCHMARK(BM_LateInterest);

void BM_MoneyCompareAcrossCurrencies(benchmark::State& state) {
  RateTable rates(*Currency::from_code("EUR"));
  (void)rates.set(*Currency::from_code("USD"), "0.92");
  const std::uint16_t eur = Currency::from_code("EUR")->index();
  const std::uint16_t usd = Currency::from_code("USD")->index();
  std::int64_t amount = 0;
  std::int32_t order = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dun_money_compare(++amount, usd, 100'000, eur, &rates, &order));
  }
}
BENCHMARK(BM_MoneyCompareAcrossCurrencies);

}  // namespace
}  // namespace dun

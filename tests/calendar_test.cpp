#include "stdlib/calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "stdlib/easter.hpp"

namespace dun {
namespace {

Date d(const char* text) { return *Date::parse(text); }
Calendar calendar(std::string_view code) { return *Calendar::from_code(code); }

std::vector<std::string> holiday_dates(std::string_view code, int year) {
  std::vector<std::string> dates;
  for (const Holiday& holiday : calendar(code).holidays(year)) {
    dates.push_back(holiday.date.to_string());
  }
  return dates;
}

std::string_view name_on(std::string_view code, const char* date) {
  const Date day = d(date);
  for (const Holiday& holiday : calendar(code).holidays(day.ymd().year)) {
    if (holiday.date == day) return holiday.name;
  }
  return "";
}

using Dates = std::vector<std::string>;

TEST(Easter, MatchesPublishedDatesIncludingTheExtremes) {
  EXPECT_EQ(easter_sunday(2000), d("2000-04-23"));
  EXPECT_EQ(easter_sunday(2008), d("2008-03-23"));
  EXPECT_EQ(easter_sunday(2019), d("2019-04-21"));
  EXPECT_EQ(easter_sunday(2024), d("2024-03-31"));
  EXPECT_EQ(easter_sunday(2025), d("2025-04-20"));
  EXPECT_EQ(easter_sunday(2026), d("2026-04-05"));
  EXPECT_EQ(easter_sunday(2038), d("2038-04-25"));  // the latest possible date
  EXPECT_EQ(easter_sunday(2285), d("2285-03-22"));  // the earliest possible date
  EXPECT_EQ(easter_sunday(1818), d("1818-03-22"));
  for (int year = 1583; year < 3000; ++year) {
    const Date easter = easter_sunday(year);
    ASSERT_EQ(easter.weekday(), Weekday::sunday) << year;
    ASSERT_GE(easter, Date::from_ymd(year, 3, 22)) << year;
    ASSERT_LE(easter, Date::from_ymd(year, 4, 25)) << year;
  }
}

TEST(Calendar, FranceHasItsElevenPublicHolidays) {
  EXPECT_EQ(
      holiday_dates("FR", 2026),
      (Dates{"2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
             "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"}));
  EXPECT_EQ(
      holiday_dates("FR", 2024),
      (Dates{"2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09", "2024-05-20",
             "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25"}));
  EXPECT_EQ(name_on("FR", "2026-05-14"), "Ascension");
}

// 2008: Ascension fell on 1 May.
TEST(Calendar, FranceListsBothHolidaysWhenTwoFallOnOneDay) {
  const auto holidays = calendar("FR").holidays(2008);
  const auto on_may_first = std::count_if(holidays.begin(), holidays.end(), [](const Holiday& h) {
    return h.date == Date::from_ymd(2008, 5, 1);
  });
  EXPECT_EQ(on_may_first, 2);
  EXPECT_EQ(holidays.size(), 11u);
}

TEST(Calendar, FranceRestoredVictoryDayIn1982) {
  EXPECT_EQ(name_on("FR", "1979-05-08"), "");
  EXPECT_EQ(name_on("FR", "1982-05-08"), "Victoire 1945");
}

TEST(Calendar, GermanyHasOnlyTheNationwideHolidays) {
  EXPECT_EQ(holiday_dates("DE", 2024),
            (Dates{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-01", "2024-05-09",
                   "2024-05-20", "2024-10-03", "2024-12-25", "2024-12-26"}));
  EXPECT_EQ(holiday_dates("DE", 2025),
            (Dates{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-01", "2025-05-29",
                   "2025-06-09", "2025-10-03", "2025-12-25", "2025-12-26"}));
  EXPECT_EQ(name_on("DE", "2017-10-31"), "Reformationstag");  // one-off, nationwide
  EXPECT_EQ(name_on("DE", "2018-10-31"), "");                 // regional since
  EXPECT_EQ(name_on("DE", "1989-10-03"), "");
  EXPECT_EQ(name_on("DE", "1994-11-16"), "Buß- und Bettag");  // nationwide until 1994
  EXPECT_EQ(name_on("DE", "1993-11-17"), "Buß- und Bettag");
  EXPECT_EQ(name_on("DE", "1995-11-22"), "");
}

TEST(Calendar, EnglandMovesWeekendHolidaysToSubstituteDays) {
  // 2022: New Year's Day on a Saturday, Christmas on a Sunday, the Platinum Jubilee and the
  // State Funeral.
  EXPECT_EQ(holiday_dates("GB", 2022),
            (Dates{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
                   "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}));
  EXPECT_EQ(name_on("GB", "2022-12-26"), "Boxing Day");
  EXPECT_EQ(name_on("GB", "2022-12-27"), "Christmas Day (substitute day)");
  // 2021: Christmas on a Saturday, Boxing Day on a Sunday.
  EXPECT_EQ(holiday_dates("GB", 2021),
            (Dates{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31",
                   "2021-08-30", "2021-12-27", "2021-12-28"}));
  EXPECT_EQ(name_on("GB", "2021-12-28"), "Boxing Day (substitute day)");
  // 2020: VE Day moved the early May bank holiday; Boxing Day on a Saturday.
  EXPECT_EQ(holiday_dates("GB", 2020),
            (Dates{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25",
                   "2020-08-31", "2020-12-25", "2020-12-28"}));
  // 2023: the Coronation.
  EXPECT_EQ(holiday_dates("GB", 2023),
            (Dates{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
                   "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"}));
  EXPECT_EQ(holiday_dates("GB", 2026),
            (Dates{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                   "2026-08-31", "2026-12-25", "2026-12-28"}));
}

TEST(Calendar, UnitedStatesObservesWeekendHolidaysOnTheNearestWeekday) {
  // 2021: Juneteenth (first year) on a Saturday, Independence Day on a Sunday, Christmas on a
  // Saturday, and New Year's Day 2022 (a Saturday) observed on Friday 31 December 2021.
  EXPECT_EQ(
      holiday_dates("US", 2021),
      (Dates{"2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-07-05",
             "2021-09-06", "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31"}));
  EXPECT_EQ(name_on("US", "2021-06-18"), "Juneteenth National Independence Day (observed)");
  EXPECT_EQ(name_on("US", "2021-12-31"), "New Year's Day (observed)");
  EXPECT_EQ(holiday_dates("US", 2022),
            (Dates{"2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04",
                   "2022-09-05", "2022-10-10", "2022-11-11", "2022-11-24", "2022-12-26"}));
  EXPECT_EQ(name_on("US", "2020-06-19"), "");  // before Juneteenth became federal
  EXPECT_EQ(name_on("US", "1975-10-27"), "Veterans Day");
}

TEST(Calendar, PolandAddsEpiphanyIn2011AndChristmasEveIn2025) {
  EXPECT_EQ(holiday_dates("PL", 2025),
            (Dates{"2025-01-01", "2025-01-06", "2025-04-20", "2025-04-21", "2025-05-01",
                   "2025-05-03", "2025-06-08", "2025-06-19", "2025-08-15", "2025-11-01",
                   "2025-11-11", "2025-12-24", "2025-12-25", "2025-12-26"}));
  EXPECT_EQ(holiday_dates("PL", 2024),
            (Dates{"2024-01-01", "2024-01-06", "2024-03-31", "2024-04-01", "2024-05-01",
                   "2024-05-03", "2024-05-19", "2024-05-30", "2024-08-15", "2024-11-01",
                   "2024-11-11", "2024-12-25", "2024-12-26"}));
  EXPECT_EQ(name_on("PL", "2010-01-06"), "");
  EXPECT_EQ(name_on("PL", "2011-01-06"), "Święto Trzech Króli");
  EXPECT_EQ(name_on("PL", "2018-11-12"), "Dzień wolny (100-lecie)");
}

TEST(Calendar, IsFoundByCodeAndByStableId) {
  for (std::string_view code : calendar_codes()) {
    const auto found = Calendar::from_code(code);
    ASSERT_TRUE(found) << code;
    EXPECT_EQ(found->code(), code);
    EXPECT_EQ(Calendar::from_id(found->id()), found);
  }
  EXPECT_EQ(calendar("DE").id(), 1);
  EXPECT_EQ(calendar("US").id(), 5);
  EXPECT_EQ(Calendar::weekends_only().id(), 0);
  EXPECT_EQ(Calendar::weekends_only().code(), "");
  EXPECT_FALSE(Calendar::from_code("XX"));
  EXPECT_FALSE(Calendar::from_code("fr"));
  EXPECT_FALSE(Calendar::from_id(6));
  EXPECT_FALSE(Calendar::from_id(-1));
}

TEST(Calendar, WeekendsOnlyKnowsNoHolidays) {
  const Calendar weekends = Calendar::weekends_only();
  EXPECT_TRUE(weekends.holidays(2026).empty());
  EXPECT_TRUE(weekends.is_business_day(d("2026-12-25")));
  EXPECT_FALSE(weekends.is_business_day(d("2026-12-26")));  // Saturday
  EXPECT_EQ(weekends.add_business_days(d("2026-12-24"), 1), d("2026-12-25"));
}

TEST(Calendar, SaturdayPlusOneBusinessDayIsMonday) {
  const Calendar fr = calendar("FR");
  EXPECT_EQ(fr.add_business_days(d("2026-01-10"), 1), d("2026-01-12"));
  EXPECT_EQ(fr.add_business_days(d("2026-01-11"), 1), d("2026-01-12"));  // Sunday too
  EXPECT_EQ(fr.add_business_days(d("2026-01-10"), -1), d("2026-01-09"));
  EXPECT_EQ(fr.add_business_days(d("2026-01-12"), -1), d("2026-01-09"));
  EXPECT_EQ(fr.add_business_days(d("2026-01-10"), 0), d("2026-01-10"));
  EXPECT_EQ(fr.add_business_days(d("2026-01-12"), 5), d("2026-01-19"));
}

TEST(Calendar, BusinessDaysSkipHolidays) {
  const Calendar fr = calendar("FR");
  EXPECT_FALSE(fr.is_business_day(d("2026-05-14")));  // Ascension, a Thursday
  EXPECT_EQ(fr.add_business_days(d("2026-05-13"), 1), d("2026-05-15"));
  // 2026-05-01 and 05-08 are Fridays: 30 Apr + 5 business days skips both.
  EXPECT_EQ(fr.add_business_days(d("2026-04-30"), 5), d("2026-05-11"));
  EXPECT_EQ(fr.add_business_days(d("2026-05-11"), -5), d("2026-04-30"));
  EXPECT_TRUE(calendar("DE").is_business_day(d("2026-05-08")));  // not a German holiday
}

TEST(Calendar, HolidayAtAMonthEnd) {
  // GB 2020: the summer bank holiday was Monday 31 August, the last day of the month.
  const Calendar gb = calendar("GB");
  EXPECT_EQ(gb.add_business_days(d("2020-08-28"), 1), d("2020-09-01"));
  EXPECT_EQ(gb.add_business_days(d("2020-09-01"), -1), d("2020-08-28"));
  EXPECT_EQ(gb.next_business_day_on_or_after(d("2020-08-29")), d("2020-09-01"));
  EXPECT_EQ(gb.business_days_between(d("2020-08-28"), d("2020-09-01")), 1);
  // US: New Year's Day 2022 observed on Friday 31 December 2021.
  const Calendar us = calendar("US");
  EXPECT_EQ(us.add_business_days(d("2021-12-30"), 1), d("2022-01-03"));
  EXPECT_EQ(us.next_business_day_on_or_after(d("2021-12-31")), d("2022-01-03"));
}

TEST(Calendar, NextBusinessDayOnOrAfter) {
  const Calendar fr = calendar("FR");
  EXPECT_EQ(fr.next_business_day_on_or_after(d("2026-01-12")), d("2026-01-12"));
  EXPECT_EQ(fr.next_business_day_on_or_after(d("2026-01-10")), d("2026-01-12"));
  // Easter weekend then Easter Monday.
  EXPECT_EQ(fr.next_business_day_on_or_after(d("2026-04-04")), d("2026-04-07"));
}

TEST(Calendar, BusinessDaysBetweenExcludesTheStartAndIncludesTheEnd) {
  const Calendar fr = calendar("FR");
  EXPECT_EQ(fr.business_days_between(d("2026-01-09"), d("2026-01-12")), 1);  // Fri -> Mon
  EXPECT_EQ(fr.business_days_between(d("2026-01-10"), d("2026-01-12")), 1);  // Sat -> Mon
  EXPECT_EQ(fr.business_days_between(d("2026-01-12"), d("2026-01-12")), 0);
  EXPECT_EQ(fr.business_days_between(d("2026-01-12"), d("2026-01-09")), -1);
  EXPECT_EQ(fr.business_days_between(d("2026-01-12"), d("2026-01-10")), 0);  // [Sat, Mon)
  // 2026 has 261 weekdays; 9 of its 11 holidays fall on one (15 Aug is a Saturday, 1 Nov a
  // Sunday): 252 business days. (1 Jan 2026, 1 Jan 2027] swaps one holiday for another.
  EXPECT_EQ(fr.business_days_between(d("2026-01-01"), d("2027-01-01")), 252);
  EXPECT_EQ(fr.business_days_between(d("2027-01-01"), d("2026-01-01")), -252);
}

// A reference built only from holidays(): the fast bitset paths must agree with it everywhere,
// across year ends and at the edges of the cached span.
bool reference_is_business_day(const Calendar& calendar, Date date) {
  if (date.weekday() >= Weekday::saturday) return false;
  const auto holidays = calendar.holidays(date.ymd().year);
  return std::none_of(holidays.begin(), holidays.end(),
                      [date](const Holiday& holiday) { return holiday.date == date; });
}

Date reference_add(const Calendar& calendar, Date date, int n) {
  const int step = n > 0 ? 1 : -1;
  for (int remaining = n * step; remaining > 0;) {
    date = date + step;
    if (reference_is_business_day(calendar, date)) --remaining;
  }
  return date;
}

TEST(Calendar, FastPathsAgreeWithTheHolidayRules) {
  std::mt19937 random(20260101);
  const std::int32_t first = Date::from_ymd(1898, 6, 1).days();
  const std::int32_t last = Date::from_ymd(2202, 6, 1).days();
  std::uniform_int_distribution<std::int32_t> any_day(first, last);
  std::uniform_int_distribution<int> any_n(-150, 150);
  std::vector<Calendar> calendars = {Calendar::weekends_only()};
  for (std::string_view code : calendar_codes()) calendars.push_back(calendar(code));
  for (const Calendar& cal : calendars) {
    for (int i = 0; i < 400; ++i) {
      const Date date = Date::from_days(any_day(random));
      const int n = any_n(random);
      ASSERT_EQ(cal.is_business_day(date), reference_is_business_day(cal, date))
          << cal.code() << " " << date.to_string();
      const Date moved = cal.add_business_days(date, n);
      ASSERT_EQ(moved, reference_add(cal, date, n)) << cal.code() << " " << date.to_string();
      ASSERT_EQ(cal.business_days_between(date, moved), n) << cal.code() << date.to_string();
    }
  }
}

TEST(Calendar, DatesOutsideTheCachedSpanFollowTheSameRules) {
  const Calendar fr = calendar("FR");
  EXPECT_FALSE(fr.is_business_day(d("2350-07-14")));  // a Friday
  EXPECT_TRUE(fr.is_business_day(d("2350-07-13")));
  EXPECT_FALSE(fr.is_business_day(d("1850-12-25")));  // a Wednesday
  // Crossing the end of the span: 31 Dec 2199 (Tuesday) + 1 business day skips 1 Jan 2200.
  EXPECT_EQ(fr.add_business_days(d("2199-12-31"), 1), d("2200-01-02"));
  EXPECT_EQ(fr.add_business_days(d("2200-01-02"), -1), d("2199-12-31"));
  EXPECT_EQ(fr.business_days_between(d("2199-12-31"), d("2200-01-02")), 1);
}

TEST(Calendar, IsSafeToFirstUseFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> counts(8, 0);
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&counts, t] {
      const Calendar pl = *Calendar::from_code("PL");
      counts[t] = pl.business_days_between(Date::from_ymd(2025, 1, 1), Date::from_ymd(2026, 1, 1));
    });
  }
  for (std::thread& thread : threads) thread.join();
  // 2025 has 261 weekdays; 10 of its 14 holidays fall on one (Easter, 3 May, Pentecost and
  // 1 Nov are weekend days): 251. (1 Jan 2025, 1 Jan 2026] swaps one holiday for another.
  for (int count : counts) EXPECT_EQ(count, 251);
}

}  // namespace
}  // namespace dun

#include "stdlib/date.hpp"

#include <gtest/gtest.h>

namespace dun {
namespace {

TEST(Date, EpochIsDayZeroAndAThursday) {
  const Date epoch = *Date::parse("1970-01-01");
  EXPECT_EQ(epoch.days(), 0);
  EXPECT_EQ(epoch.weekday(), Weekday::thursday);
}

TEST(Date, RoundTripsEveryDayOfFourCenturies) {
  for (std::int32_t day = Date::from_ymd(1900, 1, 1).days();
       day < Date::from_ymd(2300, 1, 1).days(); ++day) {
    const Date date = Date::from_days(day);
    const auto parsed = Date::parse(date.to_string());
    ASSERT_TRUE(parsed) << date.to_string();
    ASSERT_EQ(parsed->days(), day);
  }
}

TEST(Date, PrintsFourDigitYearsWithLeadingZeros) {
  EXPECT_EQ(Date::from_ymd(987, 6, 5).to_string(), "0987-06-05");
  EXPECT_EQ(Date::from_ymd(9999, 12, 31).to_string(), "9999-12-31");
  EXPECT_EQ(Date::from_ymd(2026, 3, 2).to_string(), "2026-03-02");
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  for (const char* text :
       {"2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "0000-01-01",
        "2026-1-01", "2026/01/01", "26-01-01", "2026-01-01 ", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(Date::parse(text)) << text;
  }
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_TRUE(Date::parse("2000-02-29"));
  EXPECT_FALSE(Date::parse("1900-02-29"));
}

TEST(Date, WeekdaysAndMonthEnds) {
  EXPECT_EQ(Date::parse("2026-11-22")->weekday(), Weekday::sunday);
  EXPECT_EQ(Date::parse("2026-01-12")->weekday(), Weekday::monday);
  EXPECT_EQ(month_end(*Date::parse("2026-02-10")).to_string(), "2026-02-28");
  EXPECT_EQ(month_end(*Date::parse("2024-02-10")).to_string(), "2024-02-29");
  EXPECT_EQ(*Date::parse("2026-01-29") - *Date::parse("2026-01-19"), 10);
}

}  // namespace
}  // namespace dun

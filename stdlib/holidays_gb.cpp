// United Kingdom, England & Wales region (the one most invoices meet; Scotland and Northern
// Ireland have other bank holidays). Sources: Banking and Financial Dealings Act 1971, Schedule 1
// (Easter Monday, the last Mondays of May and August, Boxing Day and its substitute), the yearly
// royal proclamations (New Year's Day since 1974, the early May bank holiday since 1978, the
// substitute days) and common law (Good Friday, Christmas Day); the published gov.uk lists.
// Substitute days: a holiday on a Saturday or Sunday moves to the next weekday that is not
// already a holiday (Christmas on a Saturday: Monday 27 and, for Boxing Day, Tuesday 28).
// One-off changes since 1995 are included; earlier ones (1977 Silver Jubilee, 1981 royal
// wedding, …) are not.
#include <algorithm>

#include "stdlib/easter.hpp"
#include "stdlib/holiday_rules.hpp"

namespace dun {
namespace {

bool is_taken(Date date, const std::vector<Holiday>& holidays) {
  return std::any_of(holidays.begin(), holidays.end(),
                     [date](const Holiday& holiday) { return holiday.date == date; });
}

// A fixed-date holiday and the name it takes when moved off a weekend.
struct FixedHoliday {
  Date date;
  std::string_view name;
  std::string_view substitute_name;
};

// Adds each weekend holiday on its substitute day, in date order, so that a later holiday skips
// the days an earlier one took.
void add_with_substitutes(const std::vector<FixedHoliday>& fixed, std::vector<Holiday>& year_days) {
  for (const FixedHoliday& holiday : fixed) {
    if (!is_weekend(holiday.date)) year_days.push_back({holiday.date, holiday.name});
  }
  for (const FixedHoliday& holiday : fixed) {
    if (!is_weekend(holiday.date)) continue;
    Date substitute = holiday.date + 1;
    while (is_weekend(substitute) || is_taken(substitute, year_days)) substitute = substitute + 1;
    year_days.push_back({substitute, holiday.substitute_name});
  }
}

// The early May and spring bank holidays, with the years a proclamation moved them.
void add_may_and_june_holidays(int year, std::vector<Holiday>& out) {
  if (year >= 1978) {
    Date early_may = nth_weekday_of_month(year, 5, Weekday::monday, 1);
    if (year == 1995) early_may = Date::from_ymd(1995, 5, 8);  // VE Day, 50th anniversary
    if (year == 2020) early_may = Date::from_ymd(2020, 5, 8);  // VE Day, 75th anniversary
    out.push_back({early_may, "Early May bank holiday"});
  }
  Date spring = last_weekday_of_month(year, 5, Weekday::monday);
  if (year == 2002) spring = Date::from_ymd(2002, 6, 4);  // Golden Jubilee weekend
  if (year == 2012) spring = Date::from_ymd(2012, 6, 4);  // Diamond Jubilee weekend
  if (year == 2022) spring = Date::from_ymd(2022, 6, 2);  // Platinum Jubilee weekend
  out.push_back({spring, "Spring bank holiday"});
}

void add_one_off_holidays(int year, std::vector<Holiday>& out) {
  struct OneOff {
    int year, month, day;
    std::string_view name;
  };
  static constexpr OneOff kOneOffs[] = {
      {1999, 12, 31, "Millennium Celebrations"},
      {2002, 6, 3, "Golden Jubilee of Elizabeth II"},
      {2011, 4, 29, "Wedding of Prince William and Catherine Middleton"},
      {2012, 6, 5, "Diamond Jubilee of Elizabeth II"},
      {2022, 6, 3, "Platinum Jubilee of Elizabeth II"},
      {2022, 9, 19, "State Funeral of Queen Elizabeth II"},
      {2023, 5, 8, "Coronation of King Charles III"},
  };
  for (const OneOff& one_off : kOneOffs) {
    if (one_off.year == year) {
      out.push_back({Date::from_ymd(one_off.year, one_off.month, one_off.day), one_off.name});
    }
  }
}

}  // namespace

void english_holidays(int year, std::vector<Holiday>& out) {
  const Date easter = easter_sunday(year);
  std::vector<Holiday> year_days = {
      {easter - 2, "Good Friday"},
      {easter + 1, "Easter Monday"},
      {last_weekday_of_month(year, 8, Weekday::monday), "Summer bank holiday"},
  };
  add_may_and_june_holidays(year, year_days);
  add_one_off_holidays(year, year_days);
  std::vector<FixedHoliday> fixed;
  if (year >= 1974) {
    fixed.push_back(
        {Date::from_ymd(year, 1, 1), "New Year's Day", "New Year's Day (substitute day)"});
  }
  fixed.push_back(
      {Date::from_ymd(year, 12, 25), "Christmas Day", "Christmas Day (substitute day)"});
  fixed.push_back({Date::from_ymd(year, 12, 26), "Boxing Day", "Boxing Day (substitute day)"});
  add_with_substitutes(fixed, year_days);
  out.insert(out.end(), year_days.begin(), year_days.end());
}

}  // namespace dun

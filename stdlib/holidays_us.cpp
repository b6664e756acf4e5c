// United States: the federal holidays of 5 U.S.C. § 6103(a), with the observed-day rule of
// § 6103(b) and Executive Order 11582: a holiday on a Saturday is observed on the Friday before,
// one on a Sunday on the Monday after. The Monday holidays follow the Uniform Monday Holiday Act
// (in force since 1971); Martin Luther King Jr. Day since 1986; Juneteenth since 2021.
// Inauguration Day (Washington D.C. area only) is not included.
#include "stdlib/holiday_rules.hpp"

namespace dun {
namespace {

void add_observed(Date actual, std::string_view name, std::string_view observed_name,
                  std::vector<Holiday>& out) {
  switch (actual.weekday()) {
    case Weekday::saturday:
      out.push_back({actual - 1, observed_name});
      break;
    case Weekday::sunday:
      out.push_back({actual + 1, observed_name});
      break;
    default:
      out.push_back({actual, name});
  }
}

}  // namespace

void us_federal_holidays(int year, std::vector<Holiday>& out) {
  add_observed(Date::from_ymd(year, 1, 1), "New Year's Day", "New Year's Day (observed)", out);
  if (year >= 1986) {
    out.push_back(
        {nth_weekday_of_month(year, 1, Weekday::monday, 3), "Martin Luther King Jr. Day"});
  }
  out.push_back({nth_weekday_of_month(year, 2, Weekday::monday, 3), "Washington's Birthday"});
  out.push_back({last_weekday_of_month(year, 5, Weekday::monday), "Memorial Day"});
  if (year >= 2021) {
    add_observed(Date::from_ymd(year, 6, 19), "Juneteenth National Independence Day",
                 "Juneteenth National Independence Day (observed)", out);
  }
  add_observed(Date::from_ymd(year, 7, 4), "Independence Day", "Independence Day (observed)", out);
  out.push_back({nth_weekday_of_month(year, 9, Weekday::monday, 1), "Labor Day"});
  out.push_back({nth_weekday_of_month(year, 10, Weekday::monday, 2), "Columbus Day"});
  // Veterans Day moved to the fourth Monday of October from 1971 to 1977, then back to 11 Nov.
  if (year >= 1971 && year <= 1977) {
    out.push_back({nth_weekday_of_month(year, 10, Weekday::monday, 4), "Veterans Day"});
  } else {
    add_observed(Date::from_ymd(year, 11, 11), "Veterans Day", "Veterans Day (observed)", out);
  }
  out.push_back({nth_weekday_of_month(year, 11, Weekday::thursday, 4), "Thanksgiving Day"});
  add_observed(Date::from_ymd(year, 12, 25), "Christmas Day", "Christmas Day (observed)", out);
}

}  // namespace dun

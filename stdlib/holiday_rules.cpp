#include "stdlib/holiday_rules.hpp"

namespace dun {

Date nth_weekday_of_month(int year, int month, Weekday weekday, int n) {
  const Date first = Date::from_ymd(year, month, 1);
  const int days_to_weekday =
      (static_cast<int>(weekday) - static_cast<int>(first.weekday()) + 7) % 7;
  return first + days_to_weekday + 7 * (n - 1);
}

Date last_weekday_of_month(int year, int month, Weekday weekday) {
  const Date last = month_end(Date::from_ymd(year, month, 1));
  const int days_back = (static_cast<int>(last.weekday()) - static_cast<int>(weekday) + 7) % 7;
  return last - days_back;
}

bool is_weekend(Date date) { return date.weekday() >= Weekday::saturday; }

void no_holidays(int /*year*/, std::vector<Holiday>& /*out*/) {}

}  // namespace dun

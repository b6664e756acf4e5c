#include "stdlib/date.hpp"

#include <cstdio>

namespace dun {
namespace {

// Days from civil and back, after the well-known era-based algorithm (400-year eras of 146097
// days, years starting in March so that the leap day is the last day of the year).
std::int32_t days_from_civil(int year, int month, int day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int year_of_era = year - era * 400;
  const int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

YearMonthDay civil_from_days(std::int32_t days) {
  days += 719468;
  const int era = (days >= 0 ? days : days - 146096) / 146097;
  const int day_of_era = days - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int shifted_month = (5 * day_of_year + 2) / 153;
  const int day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const int month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const int year = year_of_era + era * 400 + (month <= 2);
  return {year, month, day};
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

Date Date::from_ymd(int year, int month, int day) {
  return Date(days_from_civil(year, month, day));
}

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (!is_valid_date(parts[0], parts[1], parts[2])) return std::nullopt;
  return from_ymd(parts[0], parts[1], parts[2]);
}

YearMonthDay Date::ymd() const { return civil_from_days(days_); }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const int offset = ((days_ % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<Weekday>(offset + 1);
}

std::string Date::to_string() const {
  const YearMonthDay d = ymd();
  // Written digit by digit: a run's commit formats a few million dates, and snprintf's format
  // parsing was 5 % of it (callgrind, bench/RESULTS.md).
  if (d.year >= 0 && d.year <= 9999) {
    std::string text = "0000-00-00";
    const auto digit = [](int value) { return static_cast<char>('0' + value); };
    text[0] = digit(d.year / 1000);
    text[1] = digit(d.year / 100 % 10);
    text[2] = digit(d.year / 10 % 10);
    text[3] = digit(d.year % 10);
    text[5] = digit(d.month / 10);
    text[6] = digit(d.month % 10);
    text[8] = digit(d.day / 10);
    text[9] = digit(d.day % 10);
    return text;
  }
  // Room for three ints of any value (GCC's -Wformat-truncation counts them so at -O3).
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

Date month_end(Date date) {
  const YearMonthDay d = date.ymd();
  return Date::from_ymd(d.year, d.month, days_in_month(d.year, d.month));
}

}  // namespace dun

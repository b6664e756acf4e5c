// Dates as day numbers (days since 1970-01-01, proleptic Gregorian): the hot path compares and
// adds plain int32s; conversion to and from year/month/day happens only at the edges.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dun {

enum class Weekday : std::uint8_t {
  monday = 1,
  tuesday,
  wednesday,
  thursday,
  friday,
  saturday,
  sunday
};

struct YearMonthDay {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(std::int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Precondition: a valid calendar date (see is_valid_date).
  static Date from_ymd(int year, int month, int day);
  // Strict ISO "YYYY-MM-DD" (years 0001..9999); nullopt for anything else, 2026-02-30 included.
  static std::optional<Date> parse(std::string_view text);

  constexpr std::int32_t days() const { return days_; }
  YearMonthDay ymd() const;
  Weekday weekday() const;
  std::string to_string() const;  // "YYYY-MM-DD"

  constexpr Date operator+(std::int32_t n) const { return Date(days_ + n); }
  constexpr Date operator-(std::int32_t n) const { return Date(days_ - n); }
  constexpr std::int32_t operator-(Date other) const { return days_ - other.days_; }
  constexpr auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);
// Last day of the date's month.
Date month_end(Date date);

}  // namespace dun

// Business-day calendars: weekends plus the national public holidays of a country, computed for
// any year (Easter-based ones included). language.md §2: `calendar CC`; §3.1 for the rules of
// `business days`. docs/stdlib.md lists every holiday rule and its legal source.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "stdlib/date.hpp"

namespace dun {

// The country codes with a built-in calendar ("DE", "FR", "GB", "PL", "US"), sorted.
std::span<const std::string_view> calendar_codes();
bool is_known_calendar(std::string_view code);

// A day on which the country's businesses are closed by law. For GB and US, a holiday that falls
// on a weekend is listed on the weekday it is observed on, named "… (substitute day)" or
// "… (observed)".
struct Holiday {
  Date date;
  std::string_view name;
  bool operator==(const Holiday&) const = default;
};

class CalendarTable;

// A handle to a built-in calendar: cheap to copy, valid for the life of the program, safe to use
// from any number of threads at once. Saturdays and Sundays are never business days.
class Calendar {
 public:
  // Weekends only: the calendar of a scenario without `calendar CC`.
  static Calendar weekends_only();
  // nullopt unless is_known_calendar(code).
  static std::optional<Calendar> from_code(std::string_view code);
  // A small stable number for generated code (which must not embed pointers, since compiled code
  // is cached on disk): 0 = weekends only, k = the k-th code of calendar_codes() (1-based).
  static std::optional<Calendar> from_id(std::int32_t id);
  std::int32_t id() const;
  std::string_view code() const;  // "" for weekends only

  bool is_business_day(Date date) const;
  // language.md §3.1: the n-th business day after `date` (n > 0) or before it (n < 0), whether or
  // not `date` itself is a business day (Saturday + 1 = Monday); n == 0 gives `date` unchanged.
  // Precondition: the result lies within years 0001..9999 (dun_add_duration checks it).
  Date add_business_days(Date date, std::int32_t n) const;
  // `send on business days`: `date` if it is a business day, else the next one.
  Date next_business_day_on_or_after(Date date) const;
  // Business days from `from` to `to`, excluding `from` and including `to`: the days in
  // (from, to] when to >= from, and minus those in [to, from) when to < from. So it is the
  // inverse of add_business_days: business_days_between(d, add_business_days(d, n)) == n.
  std::int32_t business_days_between(Date from, Date to) const;
  // The holidays dated in `year`, sorted by date (weekend ones included).
  std::vector<Holiday> holidays(int year) const;

  bool operator==(const Calendar&) const = default;

 private:
  explicit Calendar(const CalendarTable* table) : table_(table) {}
  const CalendarTable* table_;
};

}  // namespace dun

// Date and calendar functions of functions.hpp.
#include <optional>

#include "stdlib/calendar.hpp"
#include "stdlib/functions.hpp"

namespace dun {
namespace {

// Day numbers of 0001-01-01 and 9999-12-31, the range of Date::parse (checked by
// functions_test). Inputs outside it are rejected before any year arithmetic.
constexpr std::int64_t kFirstDay = -719'162;
constexpr std::int64_t kLastDay = 2'932'896;
// More business days than the whole date range holds: certainly out of range.
constexpr std::int64_t kMaxBusinessDayCount = kLastDay - kFirstDay;

bool in_range(std::int64_t day) { return day >= kFirstDay && day <= kLastDay; }

std::int32_t store_day(std::int64_t day, std::int32_t* out) {
  if (!in_range(day)) return kStatusDateOutOfRange;
  *out = static_cast<std::int32_t>(day);
  return kStatusOk;
}

}  // namespace
}  // namespace dun

using dun::Calendar;
using dun::Date;

extern "C" {

std::int32_t dun_days_between(std::int32_t from, std::int32_t to) { return to - from; }

std::int32_t dun_weekday(std::int32_t day) {
  return static_cast<std::int32_t>(Date::from_days(day).weekday());
}

std::int32_t dun_month_end(std::int32_t day) { return dun::month_end(Date::from_days(day)).days(); }

std::int32_t dun_is_business_day(std::int32_t calendar_id, std::int32_t day, std::int32_t* out) {
  const std::optional<Calendar> calendar = Calendar::from_id(calendar_id);
  if (!calendar) return dun::kStatusUnknownCalendar;
  if (!dun::in_range(day)) return dun::kStatusDateOutOfRange;
  *out = calendar->is_business_day(Date::from_days(day)) ? 1 : 0;
  return dun::kStatusOk;
}

std::int32_t dun_next_business_day(std::int32_t calendar_id, std::int32_t day, std::int32_t* out) {
  const std::optional<Calendar> calendar = Calendar::from_id(calendar_id);
  if (!calendar) return dun::kStatusUnknownCalendar;
  if (!dun::in_range(day)) return dun::kStatusDateOutOfRange;
  return dun::store_day(calendar->next_business_day_on_or_after(Date::from_days(day)).days(), out);
}

std::int32_t dun_business_days_between(std::int32_t calendar_id, std::int32_t from, std::int32_t to,
                                       std::int32_t* out) {
  const std::optional<Calendar> calendar = Calendar::from_id(calendar_id);
  if (!calendar) return dun::kStatusUnknownCalendar;
  if (!dun::in_range(from) || !dun::in_range(to)) return dun::kStatusDateOutOfRange;
  *out = calendar->business_days_between(Date::from_days(from), Date::from_days(to));
  return dun::kStatusOk;
}

std::int32_t dun_add_duration(std::int32_t day, std::int64_t count, std::int32_t unit,
                              std::int32_t calendar_id, std::int32_t* out) {
  const std::optional<Calendar> calendar = Calendar::from_id(calendar_id);
  if (!calendar) return dun::kStatusUnknownCalendar;
  if (!dun::in_range(day)) return dun::kStatusDateOutOfRange;
  // Bounding the count first keeps every product below in int64 and every loop short.
  if (count > dun::kMaxBusinessDayCount || count < -dun::kMaxBusinessDayCount) {
    return dun::kStatusDateOutOfRange;
  }
  switch (unit) {
    case dun::kUnitDays:
      return dun::store_day(std::int64_t{day} + count, out);
    case dun::kUnitWeeks:
      return dun::store_day(std::int64_t{day} + 7 * count, out);
    case dun::kUnitBusinessDays:
      return dun::store_day(
          calendar->add_business_days(Date::from_days(day), static_cast<std::int32_t>(count))
              .days(),
          out);
    default:
      return dun::kStatusInvalidArgument;
  }
}

}  // extern "C"

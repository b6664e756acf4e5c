#include "adapters/delivery_clock.hpp"

#include <cstdio>

namespace dun::adapters {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

std::int64_t floor_days(TimePoint time) {
  const std::int64_t seconds = time.time_since_epoch().count();
  return seconds >= 0 ? seconds / kSecondsPerDay
                      : -((-seconds + kSecondsPerDay - 1) / kSecondsPerDay);
}

}  // namespace

Date date_of(TimePoint time) {
  return Date::from_days(static_cast<std::int32_t>(floor_days(time)));
}

std::string iso_utc(TimePoint time) {
  const std::int64_t days = floor_days(time);
  const std::int64_t second_of_day = time.time_since_epoch().count() - days * kSecondsPerDay;
  char text[16];
  std::snprintf(text, sizeof text, "T%02d:%02d:%02dZ", static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60), static_cast<int>(second_of_day % 60));
  return date_of(time).to_string() + text;
}

TimePoint at_date(Date date, TimePoint now) {
  const std::int64_t second_of_day =
      now.time_since_epoch().count() - floor_days(now) * kSecondsPerDay;
  return TimePoint(
      std::chrono::seconds(std::int64_t{date.days()} * kSecondsPerDay + second_of_day));
}

TimePoint wall_clock_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace dun::adapters

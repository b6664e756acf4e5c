#include <algorithm>

#include "stdlib/calendar.hpp"

namespace dun {

namespace {
constexpr std::string_view kCalendarCodes[] = {"DE", "FR", "GB", "PL", "US"};
}  // namespace

std::span<const std::string_view> calendar_codes() { return kCalendarCodes; }

bool is_known_calendar(std::string_view code) {
  return std::binary_search(std::begin(kCalendarCodes), std::end(kCalendarCodes), code);
}

}  // namespace dun

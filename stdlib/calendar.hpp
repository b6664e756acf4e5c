// Business-day calendars: weekends plus the national public holidays of a country, computed for
// any year (Easter-based ones included). language.md §2: `calendar CC`; §3.1 for the rules of
// `business days`.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "stdlib/date.hpp"

namespace dun {

// The country codes with a built-in calendar ("DE", "FR", "GB", "PL", "US"), sorted.
std::span<const std::string_view> calendar_codes();
bool is_known_calendar(std::string_view code);

}  // namespace dun

// The delivery loop's clock. A pass reads "now" once, from its caller: the CLI passes the wall
// clock moved to the run's date (a run with --date D delivers at D's current time of day, so that
// running past days in a row lets backoffs elapse as they would have), tests pass any time.
#pragma once

#include <chrono>
#include <string>

#include "stdlib/date.hpp"

namespace dun::adapters {

using TimePoint = std::chrono::sys_seconds;

// "2026-11-21T10:01:00Z"
std::string iso_utc(TimePoint time);
Date date_of(TimePoint time);
// `date` at `now`'s time of day (UTC): `now` itself when now is on `date`.
TimePoint at_date(Date date, TimePoint now);
TimePoint wall_clock_now();

}  // namespace dun::adapters

#include "stdlib/easter.hpp"

namespace dun {

// The "anonymous Gregorian" computus (Meeus, Astronomical Algorithms, ch. 8): Easter is the first
// Sunday after the ecclesiastical full moon on or after 21 March. The golden number places the
// year in the 19-year Metonic cycle; the century terms apply the Gregorian solar and lunar
// corrections.
Date easter_sunday(int year) {
  const int golden = year % 19;
  const int century = year / 100;
  const int year_of_century = year % 100;
  const int skipped_leap_days = century / 4;
  const int century_mod4 = century % 4;
  const int lunar_correction = (century - (century + 8) / 25 + 1) / 3;
  const int epact = (19 * golden + century - skipped_leap_days - lunar_correction + 15) % 30;
  const int weekday_shift =
      (32 + 2 * century_mod4 + 2 * (year_of_century / 4) - epact - year_of_century % 4) % 7;
  const int late_full_moon = (golden + 11 * epact + 22 * weekday_shift) / 451;
  const int month_and_day = epact + weekday_shift - 7 * late_full_moon + 114;
  return Date::from_ymd(year, month_and_day / 31, month_and_day % 31 + 1);
}

}  // namespace dun

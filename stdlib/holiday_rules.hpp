// The national holiday rules of each built-in calendar (internal to stdlib). A rule lists the
// holidays it defines for one year; the observed date of a moved holiday may fall in the year
// before (US: New Year's Day on a Saturday is observed on 31 December), so callers ask the
// neighbouring years too.
#pragma once

#include <vector>

#include "stdlib/calendar.hpp"

namespace dun {

using HolidayRule = void (*)(int year, std::vector<Holiday>& out);

void french_holidays(int year, std::vector<Holiday>& out);
void german_holidays(int year, std::vector<Holiday>& out);
void english_holidays(int year, std::vector<Holiday>& out);
void us_federal_holidays(int year, std::vector<Holiday>& out);
void polish_holidays(int year, std::vector<Holiday>& out);
void no_holidays(int year, std::vector<Holiday>& out);

// The n-th (1-based) `weekday` of a month, e.g. the third Monday of January.
Date nth_weekday_of_month(int year, int month, Weekday weekday, int n);
Date last_weekday_of_month(int year, int month, Weekday weekday);
bool is_weekend(Date date);

}  // namespace dun

// Germany: the holidays common to all sixteen Länder (holidays are state law; only the Day of
// German Unity is federal, Einigungsvertrag art. 2(2)). Regional ones (Epiphany, Corpus Christi,
// Reformation Day, All Saints' Day, …) are not included, as language.md §2 asks.
#include "stdlib/easter.hpp"
#include "stdlib/holiday_rules.hpp"

namespace dun {
namespace {

// Buß- und Bettag: the Wednesday before 23 November (so between 16 and 22 November).
Date day_of_repentance(int year) {
  const Date november_22 = Date::from_ymd(year, 11, 22);
  const int days_back =
      (static_cast<int>(november_22.weekday()) - static_cast<int>(Weekday::wednesday) + 7) % 7;
  return november_22 - days_back;
}

}  // namespace

void german_holidays(int year, std::vector<Holiday>& out) {
  const Date easter = easter_sunday(year);
  out.push_back({Date::from_ymd(year, 1, 1), "Neujahr"});
  out.push_back({easter - 2, "Karfreitag"});
  out.push_back({easter + 1, "Ostermontag"});
  out.push_back({Date::from_ymd(year, 5, 1), "Tag der Arbeit"});
  out.push_back({easter + 39, "Christi Himmelfahrt"});
  out.push_back({easter + 50, "Pfingstmontag"});
  if (year >= 1990) out.push_back({Date::from_ymd(year, 10, 3), "Tag der Deutschen Einheit"});
  // The 500th anniversary of the Reformation was a one-off holiday in every Land.
  if (year == 2017) out.push_back({Date::from_ymd(2017, 10, 31), "Reformationstag"});
  // Nationwide until 1994; abolished from 1995 (except in Saxony) to fund the care insurance.
  if (year <= 1994) out.push_back({day_of_repentance(year), "Buß- und Bettag"});
  out.push_back({Date::from_ymd(year, 12, 25), "1. Weihnachtstag"});
  out.push_back({Date::from_ymd(year, 12, 26), "2. Weihnachtstag"});
}

}  // namespace dun

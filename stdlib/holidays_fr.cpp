// France: the "jours fériés" of the Code du travail, article L3133-1 (metropolitan France; the
// extra days of Alsace-Moselle and the overseas departments are regional and not included).
#include "stdlib/easter.hpp"
#include "stdlib/holiday_rules.hpp"

namespace dun {

void french_holidays(int year, std::vector<Holiday>& out) {
  const Date easter = easter_sunday(year);
  out.push_back({Date::from_ymd(year, 1, 1), "Jour de l'an"});
  out.push_back({easter + 1, "Lundi de Pâques"});
  out.push_back({Date::from_ymd(year, 5, 1), "Fête du Travail"});
  // 8 May was not a holiday from 1959 to 1981; the law of 23 September 1981 restored it.
  if (year < 1959 || year >= 1982) out.push_back({Date::from_ymd(year, 5, 8), "Victoire 1945"});
  out.push_back({easter + 39, "Ascension"});
  // Whit Monday stays a public holiday in law; since 2005 employers may make it the "journée de
  // solidarité" worked day, but banks and administrations close, so it is not a business day.
  out.push_back({easter + 50, "Lundi de Pentecôte"});
  out.push_back({Date::from_ymd(year, 7, 14), "Fête nationale"});
  out.push_back({Date::from_ymd(year, 8, 15), "Assomption"});
  out.push_back({Date::from_ymd(year, 11, 1), "Toussaint"});
  out.push_back({Date::from_ymd(year, 11, 11), "Armistice 1918"});
  out.push_back({Date::from_ymd(year, 12, 25), "Noël"});
}

}  // namespace dun

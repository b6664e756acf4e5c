// Poland: Ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy (the act on days free from
// work), as amended: Epiphany since 2011, Christmas Eve since 2025.
#include "stdlib/easter.hpp"
#include "stdlib/holiday_rules.hpp"

namespace dun {

void polish_holidays(int year, std::vector<Holiday>& out) {
  const Date easter = easter_sunday(year);
  out.push_back({Date::from_ymd(year, 1, 1), "Nowy Rok"});
  if (year >= 2011) out.push_back({Date::from_ymd(year, 1, 6), "Święto Trzech Króli"});
  out.push_back({easter, "Wielkanoc"});
  out.push_back({easter + 1, "Poniedziałek Wielkanocny"});
  out.push_back({Date::from_ymd(year, 5, 1), "Święto Pracy"});
  out.push_back({Date::from_ymd(year, 5, 3), "Święto Konstytucji 3 Maja"});
  out.push_back({easter + 49, "Zielone Świątki"});
  out.push_back({easter + 60, "Boże Ciało"});
  out.push_back({Date::from_ymd(year, 8, 15), "Wniebowzięcie Najświętszej Maryi Panny"});
  out.push_back({Date::from_ymd(year, 11, 1), "Wszystkich Świętych"});
  out.push_back({Date::from_ymd(year, 11, 11), "Narodowe Święto Niepodległości"});
  // The centenary of independence: a one-off day off by the act of 14 November 2018.
  if (year == 2018) out.push_back({Date::from_ymd(2018, 11, 12), "Dzień wolny (100-lecie)"});
  if (year >= 2025) out.push_back({Date::from_ymd(year, 12, 24), "Wigilia Bożego Narodzenia"});
  out.push_back({Date::from_ymd(year, 12, 25), "Boże Narodzenie (pierwszy dzień)"});
  out.push_back({Date::from_ymd(year, 12, 26), "Boże Narodzenie (drugi dzień)"});
}

}  // namespace dun

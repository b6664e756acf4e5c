#include "stdlib/calendar.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

#include "stdlib/calendar_table.hpp"

namespace dun {
namespace {

struct CalendarSpec {
  std::string_view code;
  HolidayRule rule;
};

// Index = Calendar::id(): 0 is weekends only, then the order of calendar_codes().
constexpr CalendarSpec kSpecs[] = {
    {"", no_holidays},        {"DE", german_holidays}, {"FR", french_holidays},
    {"GB", english_holidays}, {"PL", polish_holidays}, {"US", us_federal_holidays},
};

// Each table is a function-local static: built on first use, at most once even when threads race
// (C++ [stmt.dcl]/4), so a run that only uses FR never pays for the others.
template <std::size_t Id>
const CalendarTable* built_table() {
  static const CalendarTable table(static_cast<std::int32_t>(Id), kSpecs[Id].code, kSpecs[Id].rule);
  return &table;
}

template <std::size_t... Ids>
constexpr auto table_getters(std::index_sequence<Ids...>) {
  return std::array{&built_table<Ids>...};
}

constexpr auto kTableGetters = table_getters(std::make_index_sequence<std::size(kSpecs)>());

const CalendarTable* table_by_id(std::int32_t id) {
  if (id < 0 || static_cast<std::size_t>(id) >= kTableGetters.size()) return nullptr;
  return kTableGetters[static_cast<std::size_t>(id)]();
}

}  // namespace

Calendar Calendar::weekends_only() { return Calendar(table_by_id(0)); }

std::optional<Calendar> Calendar::from_code(std::string_view code) {
  const auto codes = calendar_codes();
  const auto found = std::lower_bound(codes.begin(), codes.end(), code);
  if (found == codes.end() || *found != code) return std::nullopt;
  return from_id(static_cast<std::int32_t>(found - codes.begin()) + 1);
}

std::optional<Calendar> Calendar::from_id(std::int32_t id) {
  const CalendarTable* table = table_by_id(id);
  if (table == nullptr) return std::nullopt;
  return Calendar(table);
}

std::int32_t Calendar::id() const { return table_->id(); }
std::string_view Calendar::code() const { return table_->code(); }
bool Calendar::is_business_day(Date date) const { return table_->is_business_day(date); }

Date Calendar::add_business_days(Date date, std::int32_t n) const {
  return table_->add_business_days(date, n);
}

Date Calendar::next_business_day_on_or_after(Date date) const {
  return is_business_day(date) ? date : add_business_days(date, 1);
}

std::int32_t Calendar::business_days_between(Date from, Date to) const {
  return table_->business_days_between(from, to);
}

std::vector<Holiday> Calendar::holidays(int year) const { return table_->holidays(year); }

}  // namespace dun

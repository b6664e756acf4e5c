#include "stdlib/calendar.hpp"

#include <algorithm>

#include "stdlib/calendar_table.hpp"

namespace dun {
namespace {

// Each table is a function-local static: built on first use, at most once even when threads race
// (C++ [stmt.dcl]/4), so a run that only uses FR never pays for the others. Ids follow the order
// of calendar_codes(): DE, FR, GB, PL, US.
const CalendarTable* table_by_id(std::int32_t id) {
  switch (id) {
    case 0: {
      static const CalendarTable table(0, "", no_holidays);
      return &table;
    }
    case 1: {
      static const CalendarTable table(1, "DE", german_holidays);
      return &table;
    }
    case 2: {
      static const CalendarTable table(2, "FR", french_holidays);
      return &table;
    }
    case 3: {
      static const CalendarTable table(3, "GB", english_holidays);
      return &table;
    }
    case 4: {
      static const CalendarTable table(4, "PL", polish_holidays);
      return &table;
    }
    case 5: {
      static const CalendarTable table(5, "US", us_federal_holidays);
      return &table;
    }
    default:
      return nullptr;
  }
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

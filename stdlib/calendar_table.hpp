// The precomputed form of one calendar (internal to stdlib): one bit per day, set on business
// days, over the years [kFirstCachedYear, kEndCachedYear). Built once, on the first use of the
// calendar, then read-only, so any number of threads may read it at once. Queries inside the span
// are bit tests and popcounts; dates outside it are answered by applying the holiday rules
// directly (correct, only slower).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "stdlib/holiday_rules.hpp"

namespace dun {

class CalendarTable {
 public:
  static constexpr int kFirstCachedYear = 1900;
  static constexpr int kEndCachedYear = 2200;

  CalendarTable(std::int32_t id, std::string_view code, HolidayRule rule);
  CalendarTable(const CalendarTable&) = delete;
  CalendarTable& operator=(const CalendarTable&) = delete;

  std::int32_t id() const { return id_; }
  std::string_view code() const { return code_; }

  bool is_business_day(Date date) const;
  Date add_business_days(Date date, std::int32_t n) const;
  std::int32_t business_days_between(Date from, Date to) const;
  std::vector<Holiday> holidays(int year) const;

 private:
  // Bit positions are days since first_day_. Both return -1 when the answer is outside the span.
  std::int64_t nth_business_day_from(std::int64_t first_candidate, std::int64_t n) const;
  std::int64_t nth_business_day_back_from(std::int64_t first_candidate, std::int64_t n) const;
  std::int32_t count_business_days(std::int64_t begin, std::int64_t end) const;  // [begin, end)

  Date add_business_days_by_rules(Date date, std::int32_t n) const;
  std::int32_t business_days_between_by_rules(Date from, Date to) const;

  std::int32_t id_;
  std::string_view code_;
  HolidayRule rule_;
  std::int32_t first_day_;
  std::int32_t day_count_;
  std::vector<std::uint64_t> business_bits_;
};

}  // namespace dun

#include "stdlib/calendar_table.hpp"

#include <algorithm>
#include <bit>
#include <climits>

namespace dun {
namespace {

constexpr std::int64_t kWordBits = 64;

// Answers is_business_day for dates outside the cached span from the rules, remembering the
// holidays of the last year it looked at (callers walk days in order).
class RuleLookup {
 public:
  explicit RuleLookup(const CalendarTable& table) : table_(table) {}
  bool is_business_day(Date date) {
    if (is_weekend(date)) return false;
    const int year = date.ymd().year;
    if (year != year_) {
      year_ = year;
      holidays_ = table_.holidays(year);
    }
    return std::none_of(holidays_.begin(), holidays_.end(),
                        [date](const Holiday& holiday) { return holiday.date == date; });
  }

 private:
  const CalendarTable& table_;
  int year_ = INT_MIN;
  std::vector<Holiday> holidays_;
};

}  // namespace

CalendarTable::CalendarTable(std::int32_t id, std::string_view code, HolidayRule rule)
    : id_(id),
      code_(code),
      rule_(rule),
      first_day_(Date::from_ymd(kFirstCachedYear, 1, 1).days()),
      day_count_(Date::from_ymd(kEndCachedYear, 1, 1).days() - first_day_) {
  business_bits_.assign(static_cast<std::size_t>((day_count_ + kWordBits - 1) / kWordBits), 0);
  for (std::int32_t position = 0; position < day_count_; ++position) {
    if (!is_weekend(Date::from_days(first_day_ + position))) {
      business_bits_[static_cast<std::size_t>(position / kWordBits)] |= std::uint64_t{1}
                                                                        << (position % kWordBits);
    }
  }
  // The rules of the years just outside the span may put observed days inside it.
  std::vector<Holiday> holidays;
  for (int year = kFirstCachedYear - 1; year <= kEndCachedYear; ++year) rule_(year, holidays);
  for (const Holiday& holiday : holidays) {
    const std::int32_t position = holiday.date.days() - first_day_;
    if (position < 0 || position >= day_count_) continue;
    business_bits_[static_cast<std::size_t>(position / kWordBits)] &=
        ~(std::uint64_t{1} << (position % kWordBits));
  }
}

bool CalendarTable::is_business_day(Date date) const {
  const std::int64_t position = std::int64_t{date.days()} - first_day_;
  if (position < 0 || position >= day_count_) return RuleLookup(*this).is_business_day(date);
  return (business_bits_[static_cast<std::size_t>(position / kWordBits)] >>
          (position % kWordBits)) &
         1;
}

Date CalendarTable::add_business_days(Date date, std::int32_t n) const {
  if (n == 0) return date;
  const std::int64_t position = std::int64_t{date.days()} - first_day_;
  const std::int64_t found =
      n > 0 ? nth_business_day_from(position + 1, n) : nth_business_day_back_from(position - 1, -n);
  if (found < 0) return add_business_days_by_rules(date, n);
  return Date::from_days(static_cast<std::int32_t>(first_day_ + found));
}

std::int32_t CalendarTable::business_days_between(Date from, Date to) const {
  const std::int64_t from_position = std::int64_t{from.days()} - first_day_;
  const std::int64_t to_position = std::int64_t{to.days()} - first_day_;
  const auto in_span = [this](std::int64_t position) {
    return position >= 0 && position < day_count_;
  };
  if (!in_span(from_position) || !in_span(to_position)) {
    return business_days_between_by_rules(from, to);
  }
  if (to_position >= from_position) return count_business_days(from_position + 1, to_position + 1);
  return -count_business_days(to_position, from_position);
}

std::vector<Holiday> CalendarTable::holidays(int year) const {
  std::vector<Holiday> candidates;
  for (int rule_year = year - 1; rule_year <= year + 1; ++rule_year) rule_(rule_year, candidates);
  std::vector<Holiday> in_year;
  for (const Holiday& holiday : candidates) {
    if (holiday.date.ymd().year == year) in_year.push_back(holiday);
  }
  std::stable_sort(in_year.begin(), in_year.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return in_year;
}

// Skips whole words by popcount, then finds the n-th set bit inside the last word.
std::int64_t CalendarTable::nth_business_day_from(std::int64_t first_candidate,
                                                  std::int64_t n) const {
  if (first_candidate < 0 || first_candidate >= day_count_) return -1;
  std::size_t word_index = static_cast<std::size_t>(first_candidate / kWordBits);
  std::uint64_t word =
      business_bits_[word_index] & (~std::uint64_t{0} << (first_candidate % kWordBits));
  std::int64_t still_needed = n;
  for (;;) {
    const int in_word = std::popcount(word);
    if (in_word >= still_needed) {
      for (std::int64_t i = 1; i < still_needed; ++i) word &= word - 1;  // drop lowest set bit
      return static_cast<std::int64_t>(word_index) * kWordBits + std::countr_zero(word);
    }
    still_needed -= in_word;
    if (++word_index == business_bits_.size()) return -1;
    word = business_bits_[word_index];
  }
}

std::int64_t CalendarTable::nth_business_day_back_from(std::int64_t first_candidate,
                                                       std::int64_t n) const {
  if (first_candidate < 0 || first_candidate >= day_count_) return -1;
  std::size_t word_index = static_cast<std::size_t>(first_candidate / kWordBits);
  std::uint64_t word = business_bits_[word_index] &
                       (~std::uint64_t{0} >> (kWordBits - 1 - first_candidate % kWordBits));
  std::int64_t still_needed = n;
  for (;;) {
    const int in_word = std::popcount(word);
    if (in_word >= still_needed) {
      for (std::int64_t i = 1; i < still_needed; ++i) {
        word &= ~(std::uint64_t{1} << (kWordBits - 1 - std::countl_zero(word)));  // drop highest
      }
      return static_cast<std::int64_t>(word_index) * kWordBits + kWordBits - 1 -
             std::countl_zero(word);
    }
    still_needed -= in_word;
    if (word_index == 0) return -1;
    word = business_bits_[--word_index];
  }
}

std::int32_t CalendarTable::count_business_days(std::int64_t begin, std::int64_t end) const {
  std::int32_t count = 0;
  while (begin < end) {
    const std::size_t word_index = static_cast<std::size_t>(begin / kWordBits);
    const std::int64_t word_end = std::min(end, (begin / kWordBits + 1) * kWordBits);
    const std::int64_t bits = word_end - begin;
    std::uint64_t word = business_bits_[word_index] >> (begin % kWordBits);
    if (bits < kWordBits) word &= (std::uint64_t{1} << bits) - 1;
    count += std::popcount(word);
    begin = word_end;
  }
  return count;
}

Date CalendarTable::add_business_days_by_rules(Date date, std::int32_t n) const {
  RuleLookup lookup(*this);
  const std::int32_t step = n > 0 ? 1 : -1;
  for (std::int64_t remaining = n > 0 ? std::int64_t{n} : -std::int64_t{n}; remaining > 0;) {
    date = date + step;
    if (lookup.is_business_day(date)) --remaining;
  }
  return date;
}

std::int32_t CalendarTable::business_days_between_by_rules(Date from, Date to) const {
  RuleLookup lookup(*this);
  std::int32_t count = 0;
  if (to >= from) {
    for (Date day = from + 1; day <= to; day = day + 1) count += lookup.is_business_day(day);
    return count;
  }
  for (Date day = to; day < from; day = day + 1) count += lookup.is_business_day(day);
  return -count;
}

}  // namespace dun

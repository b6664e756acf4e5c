#include "stdlib/ecb_rates.hpp"
#include "stdlib/status.hpp"

#include <algorithm>
#include <iterator>
#include <string>

namespace dun {
namespace {

struct KnownChange {
  int year, month, day;
  std::int64_t percent_micros;
};

// ECB key interest rates, main refinancing operations, fixed rate tenders, as published on
// ecb.europa.eu ("Key ECB interest rates"), by the date each change took effect. Since
// 18 September 2024 the MRO rate is set 0.15 points above the deposit facility rate.
constexpr KnownChange kKnownChanges[] = {
    {2016, 3, 16, 0},         {2022, 7, 27, 500'000},    {2022, 9, 14, 1'250'000},
    {2022, 11, 2, 2'000'000}, {2022, 12, 21, 2'500'000}, {2023, 2, 8, 3'000'000},
    {2023, 3, 22, 3'500'000}, {2023, 5, 10, 3'750'000},  {2023, 6, 21, 4'000'000},
    {2023, 8, 2, 4'250'000},  {2023, 9, 20, 4'500'000},  {2024, 6, 12, 4'250'000},
    {2024, 9, 18, 3'650'000}, {2024, 10, 23, 3'400'000}, {2024, 12, 18, 3'150'000},
    {2025, 2, 5, 2'900'000},  {2025, 3, 12, 2'650'000},  {2025, 4, 23, 2'400'000},
    {2025, 6, 11, 2'150'000},
};

}  // namespace

Result<std::int64_t> parse_percent(std::string_view text) {
  // Exact: digits are accumulated as integers, never through floating point.
  std::int64_t scaled = 0;
  const bool negative = !text.empty() && text[0] == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  const auto dot = digits.find('.');
  const std::string_view integer_part = digits.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : digits.substr(dot + 1);
  const bool well_formed =
      !integer_part.empty() && integer_part.size() <= 12 &&
      (dot == std::string_view::npos || (!fraction.empty() && fraction.size() <= 6)) &&
      std::all_of(integer_part.begin(), integer_part.end(),
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      std::all_of(fraction.begin(), fraction.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!well_formed) {
    return Error{"'" + std::string(text) +
                 "' is not a percentage (expected a decimal with at most 6 decimals, like 12.5)"};
  }
  for (char c : integer_part) scaled = scaled * 10 + (c - '0');
  std::int64_t fraction_micros = 0;
  for (std::size_t i = 0; i < 6; ++i) {
    fraction_micros = fraction_micros * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  }
  scaled = scaled * kPercentScale + fraction_micros;
  return negative ? -scaled : scaled;
}

EcbRateHistory EcbRateHistory::builtin() {
  EcbRateHistory history;
  for (const KnownChange& known : kKnownChanges) {
    history.changes_.push_back(
        {Date::from_ymd(known.year, known.month, known.day), known.percent_micros});
  }
  return history;
}

Status EcbRateHistory::set(Date effective, std::string_view rate_text) {
  auto rate = parse_percent(rate_text);
  if (!rate.ok()) return rate.error();
  set(EcbRateChange{effective, *rate});
  return Status::Ok();
}

void EcbRateHistory::set(EcbRateChange change) {
  const auto position = std::lower_bound(
      changes_.begin(), changes_.end(), change.effective,
      [](const EcbRateChange& existing, Date date) { return existing.effective < date; });
  if (position != changes_.end() && position->effective == change.effective) {
    *position = change;
  } else {
    changes_.insert(position, change);
  }
}

std::optional<std::int64_t> EcbRateHistory::rate_on(Date day) const {
  const auto after = std::upper_bound(
      changes_.begin(), changes_.end(), day,
      [](Date date, const EcbRateChange& change) { return date < change.effective; });
  if (after == changes_.begin()) return std::nullopt;
  return std::prev(after)->percent_micros;
}

}  // namespace dun

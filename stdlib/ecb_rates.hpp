// The ECB main refinancing operations (MRO) rate over time: the reference rate of late-payment
// interest (directive 2011/7/EU art. 2(7); Code de commerce L441-10). Rates are percent per year
// in fixed point with 6 decimals (4.50 % = 4'500'000), like the language's decimals.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "stdlib/date.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

inline constexpr std::int64_t kPercentScale = 1'000'000;

struct EcbRateChange {
  Date effective;               // first day the rate applies
  std::int64_t percent_micros;  // the rate, percent × 10^6
  bool operator==(const EcbRateChange&) const = default;
};

class EcbRateHistory {
 public:
  // The changes built into dun, from 16 March 2016 (0.00 %) to the last one known when this was
  // written (11 June 2025, 2.15 %). Later dates use the last rate until the history is extended.
  static EcbRateHistory builtin();

  // Adds a change, or replaces the rate of an existing effective date (the config's way to
  // extend or correct the built-in table). `rate_text` is a decimal percent, e.g. "2.15".
  Status set(Date effective, std::string_view rate_text);
  void set(EcbRateChange change);

  // The rate in force on `day`: that of the last change on or before it; nullopt before the
  // first change (the history does not reach back that far).
  std::optional<std::int64_t> rate_on(Date day) const;
  const std::vector<EcbRateChange>& changes() const { return changes_; }

 private:
  std::vector<EcbRateChange> changes_;  // sorted by effective date, no duplicates
};

// Parses a decimal with at most 6 decimals ("10", "12.5", "-0.5") into micros.
Result<std::int64_t> parse_percent(std::string_view text);

}  // namespace dun

// Small helpers shared by the PortfolioBuilder's per-table checks: how values are quoted in
// quarantine reasons and the checks every stored text, date and amount goes through.
// Pure functions that keep no reference to their arguments; safe from any number of threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/text_column.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/result.hpp"

namespace dun {

// A value as quoted in a reason: bounded, so one absurd field cannot flood the log.
std::string quoted(std::string_view value);
// "is not valid UTF-8", or nullopt.
std::optional<std::string> utf8_problem(std::string_view value);
// Why `value` cannot be appended to `column` (not UTF-8, column over 4 GiB), or nullopt.
std::optional<std::string> text_problem(std::string_view value, const TextColumn& column);
// A YYYY-MM-DD date as a day number, or the reason it is not one.
Result<std::int32_t> parse_day(std::string_view value);
// Amounts, balances and credit limits are below 10^15 minor units (10 trillion in a currency of
// two decimals): far beyond any real invoice, while a customer's totals stay exact in int64 up to
// nine thousand such rows (beyond that, an aggregate overflow is an evaluation error).
inline constexpr std::int64_t kMaxAmountMinorUnits = 1'000'000'000'000'000;

// A non-negative amount in minor units of `currency` below kMaxAmountMinorUnits, or the reason it
// is not one.
Result<std::int64_t> parse_amount(std::string_view value, Currency currency);

}  // namespace dun

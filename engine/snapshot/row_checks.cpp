#include "engine/snapshot/row_checks.hpp"

#include <limits>

#include "engine/snapshot/field_parsers.hpp"
#include "stdlib/date.hpp"
#include "stdlib/money.hpp"

namespace dun {

std::string quoted(std::string_view value) {
  constexpr std::size_t kMaxShown = 60;
  // Appended, not `"'" + std::string(...)`: GCC 12 at -O3 warns (-Wrestrict, a false positive,
  // GCC bug 105329) about a literal prepended to a temporary string.
  std::string text = "'";
  text += value.substr(0, kMaxShown);
  text += value.size() <= kMaxShown ? "'" : "...'";
  return text;
}

std::optional<std::string> utf8_problem(std::string_view value) {
  if (!is_valid_utf8(value)) return "is not valid UTF-8";
  return std::nullopt;
}

std::optional<std::string> text_problem(std::string_view value, const TextColumn& column) {
  constexpr std::size_t kMaxTextColumnBytes = std::numeric_limits<std::uint32_t>::max();
  if (auto problem = utf8_problem(value)) return problem;
  if (column.byte_size() + value.size() > kMaxTextColumnBytes) {
    return "does not fit: the column's text exceeds 4 GiB";
  }
  return std::nullopt;
}

Result<std::int32_t> parse_day(std::string_view value) {
  if (const auto date = Date::parse(value)) return date->days();
  if (value.empty()) return Error{"is empty (a date YYYY-MM-DD is required)"};
  return Error{quoted(value) + " is not a valid date (expected YYYY-MM-DD, a real calendar day)"};
}

Result<std::int64_t> parse_amount(std::string_view value, Currency currency) {
  if (value.empty()) return Error{"is empty (an amount like 1234.50 is required)"};
  auto minor = parse_minor_units(value, currency);
  if (!minor.ok()) return minor.error();
  if (*minor < 0) return Error{quoted(value) + " is negative (amounts and balances are >= 0)"};
  if (*minor >= kMaxAmountMinorUnits) {
    std::string limit = "1";  // 10^15 minor units, written in the currency's major units
    limit.append(static_cast<std::size_t>(15 - currency.exponent()), '0');
    return Error{quoted(value) + " is larger than any real amount (the limit is " + limit + " " +
                 std::string(currency.code()) + ")"};
  }
  return minor;
}

}  // namespace dun

#include "stdlib/money.hpp"
#include "stdlib/status.hpp"

#include <limits>

namespace dun {
namespace {

constexpr std::int64_t kPowersOfTen[] = {
    1, 10, 100, 1'000, 10'000, 100'000, 1'000'000, 10'000'000, 100'000'000, 1'000'000'000};

// Parses [-]digits[.digits] into an integer scaled by 10^scale; rejects more than `scale`
// decimals. `what` names the quantity in messages.
Result<std::int64_t> parse_scaled_decimal(std::string_view text, int scale, std::string_view what) {
  if (text.empty()) return Error{"empty " + std::string(what)};
  std::size_t i = 0;
  const bool negative = text[0] == '-';
  if (negative) ++i;
  Int128 value = 0;
  int integer_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++integer_digits) {
    value = value * 10 + (text[i] - '0');
    if (value > std::numeric_limits<std::int64_t>::max()) {
      return Error{std::string(what) + " '" + std::string(text) + "' is too large"};
    }
  }
  int decimals = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      value = value * 10 + (text[i] - '0');
      ++decimals;
      if (decimals > scale) {
        return Error{std::string(what) + " '" + std::string(text) + "' has more than " +
                     std::to_string(scale) + " decimal" + (scale == 1 ? "" : "s")};
      }
    }
    if (decimals == 0) integer_digits = 0;  // "12." is not a decimal
  }
  if (i != text.size() || integer_digits == 0) {
    return Error{"'" + std::string(text) + "' is not a decimal " + std::string(what) +
                 " (expected digits with an optional '.', like 1234.50)"};
  }
  for (; decimals < scale; ++decimals) value *= 10;
  if (value > std::numeric_limits<std::int64_t>::max()) {
    return Error{std::string(what) + " '" + std::string(text) + "' is too large"};
  }
  return static_cast<std::int64_t>(negative ? -value : value);
}

}  // namespace

Result<std::int64_t> parse_minor_units(std::string_view text, Currency currency) {
  auto parsed = parse_scaled_decimal(text, currency.exponent(), "amount");
  if (!parsed.ok() && parsed.error().message.find("more than") != std::string::npos) {
    return Error{"amount '" + std::string(text) + "' has more decimals than " +
                 std::string(currency.code()) + " allows (" + std::to_string(currency.exponent()) +
                 ")"};
  }
  return parsed;
}

std::string format_minor_units(std::int64_t minor, Currency currency) {
  const int exponent = currency.exponent();
  const bool negative = minor < 0;
  // Work in unsigned to format INT64_MIN too.
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
  const std::uint64_t unit = static_cast<std::uint64_t>(kPowersOfTen[exponent]);
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / unit);
  if (exponent > 0) {
    std::string fraction = std::to_string(magnitude % unit);
    text += '.';
    text.append(static_cast<std::size_t>(exponent) - fraction.size(), '0');
    text += fraction;
  }
  return text;
}

std::string format_money(Money money) {
  return format_minor_units(money.minor, money.currency) + " " + std::string(money.currency.code());
}

Result<Money> parse_money(std::string_view text) {
  const auto space = text.find(' ');
  if (space == std::string_view::npos) {
    return Error{"'" + std::string(text) + "' is not an amount of money (expected like 40 EUR)"};
  }
  const auto currency = Currency::from_code(text.substr(space + 1));
  if (!currency) {
    return Error{"'" + std::string(text.substr(space + 1)) +
                 "' is not an ISO 4217 currency code (expected like EUR)"};
  }
  auto minor = parse_minor_units(text.substr(0, space), *currency);
  if (!minor.ok()) return minor.error();
  return Money{*minor, *currency};
}

Int128 divide_round_half_even(Int128 numerator, Int128 denominator) {
  Int128 quotient = 0;
  Int128 remainder = 0;
  constexpr Int128 kMin64 = std::numeric_limits<std::int64_t>::min();
  constexpr Int128 kMax64 = std::numeric_limits<std::int64_t>::max();
  if (numerator >= kMin64 && numerator <= kMax64 && denominator > 0 && denominator <= kMax64) {
    // Both fit 64 bits (the usual conversion or rounding): one hardware division instead of the
    // two 128-bit library calls, with the same truncated quotient and remainder. The denominator
    // is positive, so INT64_MIN / -1 cannot occur.
    const auto n = static_cast<std::int64_t>(numerator);
    const auto d = static_cast<std::int64_t>(denominator);
    quotient = n / d;
    remainder = n % d;
  } else {
    quotient = numerator / denominator;
    remainder = numerator % denominator;
  }
  if (remainder < 0) {  // floor division
    remainder += denominator;
    quotient -= 1;
  }
  const Int128 twice = remainder * 2;
  if (twice > denominator || (twice == denominator && (quotient % 2 != 0))) quotient += 1;
  return quotient;
}

Status RateTable::set(Currency currency, std::string_view rate_text) {
  auto scaled = parse_scaled_decimal(rate_text, 9, "rate");
  if (!scaled.ok()) return scaled.error();
  if (*scaled <= 0) return Error{"rate '" + std::string(rate_text) + "' must be positive"};
  set_scaled(currency, *scaled);
  return Status::Ok();
}

void RateTable::set_scaled(Currency currency, std::int64_t rate_times_scale) {
  if (scaled_.size() <= currency.index()) scaled_.resize(currency.index() + 1, 0);
  scaled_[currency.index()] = rate_times_scale;
}

std::optional<std::int64_t> RateTable::scaled_rate(Currency currency) const {
  if (currency == base_) return kScale;
  if (currency.index() < scaled_.size() && scaled_[currency.index()] > 0) {
    return scaled_[currency.index()];
  }
  return std::nullopt;
}

bool RateTable::has(Currency currency) const { return scaled_rate(currency).has_value(); }

std::optional<std::int64_t> RateTable::convert(std::int64_t minor, Currency from,
                                               Currency to) const {
  if (from == to) return minor;
  const auto from_rate = scaled_rate(from);
  const auto to_rate = scaled_rate(to);
  if (!from_rate || !to_rate) return std::nullopt;
  // minor_to = minor_from / 10^e_from * rate_from / rate_to * 10^e_to, rounded once.
  const Int128 numerator = static_cast<Int128>(minor) * *from_rate * kPowersOfTen[to.exponent()];
  const Int128 denominator = static_cast<Int128>(*to_rate) * kPowersOfTen[from.exponent()];
  const Int128 result = divide_round_half_even(numerator, denominator);
  if (result > std::numeric_limits<std::int64_t>::max() ||
      result < std::numeric_limits<std::int64_t>::min()) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(result);
}

}  // namespace dun

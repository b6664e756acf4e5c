// Literals whose run-time form can fail: money (currency code, minor units) and decimals (fixed
// point with ir::kDecimalDigits decimals).
#include <limits>
#include <string>
#include <vector>

#include "dsl/check_context.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/money.hpp"
#include "stdlib/suggest.hpp"

namespace dun::dsl::check_detail {
namespace {

std::vector<std::string_view> all_currency_codes() {
  std::vector<std::string_view> codes;
  for (std::uint16_t i = 0; i < currency_count(); ++i) {
    codes.push_back(Currency::from_index(i).code());
  }
  return codes;
}

// The currency code is the last word of a money literal; point at it, not at the amount.
SourcePos currency_position(const SourceFile& source, SourceRange range, std::string_view code) {
  const std::string& text = source.text();
  const std::size_t end = std::min<std::size_t>(range.end.offset, text.size());
  if (end >= code.size() && end > range.begin.offset &&
      std::string_view(text).substr(end - code.size(), code.size()) == code) {
    return source.position_at(end - code.size());
  }
  return range.begin;
}

}  // namespace

ir::ExprPtr Checker::check_money_literal(const ast::Expr& expr, const ast::MoneyLiteral& literal) {
  const std::optional<Currency> currency = Currency::from_code(literal.currency);
  if (!currency) {
    std::string message = "unknown currency '" + literal.currency + "'";
    static const std::vector<std::string_view> codes = all_currency_codes();
    if (auto close = closest_match(literal.currency, codes)) {
      message += "; did you mean '" + *close + "'?";
    } else {
      message += " (expected an ISO 4217 code such as EUR, USD, GBP)";
    }
    error(currency_position(source(), expr.range, literal.currency), std::move(message));
    return make_error(expr.range);
  }
  Result<std::int64_t> minor = parse_minor_units(literal.amount_text, *currency);
  if (!minor.ok()) {
    error(expr.range.begin, minor.error().message);
    return make_error(expr.range);
  }
  return make_expr(Type::money, expr.range, ir::MoneyConst{Money{minor.value(), *currency}});
}

ir::ExprPtr Checker::check_decimal_literal(const ast::Expr& expr,
                                           const ast::DecimalLiteral& literal) {
  // Digits with one '.', as the grammar guarantees; scaled by 10^6 with an overflow check.
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  std::int64_t scaled = 0;
  int decimals = -1;  // -1 until the '.' is seen
  for (char c : literal.text) {
    if (c == '.') {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') continue;
    if (decimals >= 0 && ++decimals > ir::kDecimalDigits) {
      error(expr.range.begin, "decimal '" + literal.text + "' has more than " +
                                  std::to_string(ir::kDecimalDigits) +
                                  " decimals (decimals are exact to 6 places)");
      return make_error(expr.range);
    }
    if (scaled > (kMax - (c - '0')) / 10) {
      error(expr.range.begin, "decimal '" + literal.text + "' is too large");
      return make_error(expr.range);
    }
    scaled = scaled * 10 + (c - '0');
  }
  for (int padding = std::max(decimals, 0); padding < ir::kDecimalDigits; ++padding) {
    if (scaled > kMax / 10) {
      error(expr.range.begin, "decimal '" + literal.text + "' is too large");
      return make_error(expr.range);
    }
    scaled *= 10;
  }
  return make_expr(Type::decimal, expr.range, ir::DecimalConst{scaled});
}

}  // namespace dun::dsl::check_detail

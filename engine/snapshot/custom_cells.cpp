#include "engine/snapshot/custom_cells.hpp"

#include <charconv>
#include <string>

#include "engine/snapshot/field_parsers.hpp"
#include "engine/snapshot/row_checks.hpp"
#include "stdlib/money.hpp"

namespace dun {
namespace {

constexpr int kDecimalDigits = 6;  // the language's decimals are value × 10^6 (dsl/ir.hpp)

// "-12.75" -> -12'750'000; at most six decimals, no exponent or separators.
std::optional<std::int64_t> parse_scaled_decimal(std::string_view text) {
  const bool negative = text.starts_with('-');
  if (negative) text.remove_prefix(1);
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty()) ||
      fraction.size() > kDecimalDigits) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (const std::string_view digits : {whole, fraction}) {
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      if (__builtin_mul_overflow(value, 10, &value) ||
          __builtin_add_overflow(value, c - '0', &value)) {
        return std::nullopt;
      }
    }
  }
  for (std::size_t k = fraction.size(); k < kDecimalDigits; ++k) {
    if (__builtin_mul_overflow(value, 10, &value)) return std::nullopt;
  }
  return negative ? -value : value;
}

Result<CustomCell> parse_value(const CustomFieldDeclaration& field, std::string_view text,
                               Currency currency) {
  CustomCell cell;
  cell.present = true;
  switch (field.type) {
    case CustomFieldType::string:
      cell.text = text;
      return cell;
    case CustomFieldType::boolean:
      if (const auto value = parse_snapshot_bool(text)) {
        cell.value = *value ? 1 : 0;
        return cell;
      }
      return Error{quoted(text) + " is not a boolean (true/false, 1/0, yes/no)"};
    case CustomFieldType::integer: {
      const auto parsed = std::from_chars(text.data(), text.data() + text.size(), cell.value);
      if (parsed.ec == std::errc() && parsed.ptr == text.data() + text.size()) return cell;
      return Error{quoted(text) + " is not a whole number (like 42)"};
    }
    case CustomFieldType::decimal:
      if (const auto value = parse_scaled_decimal(text)) {
        cell.value = *value;
        return cell;
      }
      return Error{quoted(text) + " is not a decimal number (like 0.75, at most 6 decimals)"};
    case CustomFieldType::date: {
      auto day = parse_day(text);
      if (!day.ok()) return day.error();
      cell.value = *day;
      return cell;
    }
    case CustomFieldType::money: {
      auto minor = parse_minor_units(text, currency);
      if (!minor.ok()) {
        return Error{quoted(text) + " is not an amount in " + std::string(currency.code()) +
                     " (like 1234.50)"};
      }
      cell.value = *minor;
      return cell;
    }
  }
  return cell;
}

}  // namespace

Result<CustomCell> parse_custom_cell(const CustomFieldDeclaration& field, std::string_view text,
                                     Currency currency) {
  if (!text.empty()) return parse_value(field, text, currency);
  if (!field.default_text) return CustomCell{};
  auto cell = parse_value(field, *field.default_text, currency);
  if (!cell.ok()) {
    return Error{"is empty, and its default in dun.toml [fields] does not fit: " +
                 cell.error().message};
  }
  return cell;
}

}  // namespace dun

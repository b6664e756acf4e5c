#include "documents/custom_field_text.hpp"

#include <cstdlib>

namespace dun {
namespace {

// 12'750'000 -> "12.75": the language's decimals keep six digits (dsl/ir.hpp).
std::string decimal_text(std::int64_t scaled) {
  constexpr std::int64_t kScale = 1'000'000;
  const bool negative = scaled < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
  std::string fraction = std::to_string(magnitude % kScale);
  fraction.insert(0, 6 - fraction.size(), '0');
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string text = (negative ? "-" : "") + std::to_string(magnitude / kScale);
  if (!fraction.empty()) text += "." + fraction;
  return text;
}

}  // namespace

const CustomFieldValues* find_custom_field(const Portfolio& portfolio, std::string_view qualified) {
  for (const CustomFieldValues& field : portfolio.custom_fields) {
    if (field.declaration.qualified_name() == qualified) return &field;
  }
  return nullptr;
}

std::optional<std::string> custom_field_text(const Portfolio& portfolio,
                                             const CustomFieldValues& field, RowIndex invoice,
                                             RowIndex customer, const LocaleFormatter& format) {
  const bool on_customer = field.declaration.table == CustomFieldTable::customers;
  const RowIndex row = on_customer ? customer : invoice;
  if (field.present[row] == 0) return std::nullopt;
  if (field.declaration.type == CustomFieldType::string) return std::string(field.text[row]);
  const std::int64_t value = field.values[row];
  switch (field.declaration.type) {
    case CustomFieldType::boolean:
      return std::string(value != 0 ? "true" : "false");
    case CustomFieldType::integer:
      return format.integer(value);
    case CustomFieldType::decimal:
      return format.decimal(decimal_text(value));
    case CustomFieldType::date:
      return format.long_date(Date::from_days(static_cast<std::int32_t>(value)));
    case CustomFieldType::money:
      return format.money({value, on_customer ? portfolio.customers.currency[customer]
                                              : portfolio.invoices.currency[invoice]});
    case CustomFieldType::string:
      break;
  }
  return std::nullopt;
}

}  // namespace dun

// A custom field declared in dun.toml's `[fields]` table (data-model.md, "Custom fields"): an
// extra snapshot column of invoices or customers that scenarios and templates may read, with its
// type and an optional default for empty cells.
//
// The declaration is vocabulary shared by the configuration (engine/base, which reads it), the
// snapshot loaders (which read the column) and the language (dsl/field_table.hpp, which makes it
// a field like the built-in ones), so it lives here, below all three. Plain values; the
// functions are pure and safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dun {

enum class CustomFieldType : std::uint8_t { string, boolean, integer, decimal, date, money };

// The words of dun.toml, in enumerator order: "string", "bool", "int", "decimal", "date", "money".
inline constexpr std::array<std::string_view, 6> kCustomFieldTypeNames = {
    "string", "bool", "int", "decimal", "date", "money"};

std::string_view custom_field_type_name(CustomFieldType type);
std::optional<CustomFieldType> parse_custom_field_type(std::string_view word);

// Which table the column is in: `invoice.NAME` reads invoices, `customer.NAME` customers.
enum class CustomFieldTable : std::uint8_t { invoices, customers };

struct CustomFieldDeclaration {
  CustomFieldTable table = CustomFieldTable::invoices;
  std::string name;  // the column, also the field after the dot: "payment_url"
  CustomFieldType type = CustomFieldType::string;
  // The value an empty cell takes, as text in the snapshot's own format ("false", "0.00",
  // "2026-01-31"); nullopt: an empty cell is absent.
  std::optional<std::string> default_text;
  int line = 0;  // where dun.toml declares it (0: not from a file)
  int column = 0;

  // "invoice" or "customer": the object scenarios write before the dot.
  std::string_view object() const {
    return table == CustomFieldTable::invoices ? "invoice" : "customer";
  }
  // "invoice.payment_url"
  std::string qualified_name() const { return std::string(object()) + "." + name; }
};

}  // namespace dun

#include "engine/base/config_fields.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include "stdlib/date.hpp"

namespace dun {
namespace {

bool is_identifier(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
  for (const char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string type_list() {
  std::string list;
  for (const std::string_view word : kCustomFieldTypeNames) {
    list += (list.empty() ? "" : ", ") + std::string(word);
  }
  return list;
}

// A TOML number as the decimal text the user wrote (its shortest round-trip form).
std::string number_text(const toml::node& node) {
  if (auto whole = node.value_exact<std::int64_t>()) {
    return std::to_string(*whole);
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, *node.value<double>());
  return std::string(buffer, result.ptr);
}

// The default as snapshot text, or what the user must write instead.
std::optional<std::string> default_text(const toml::node& node, CustomFieldType type,
                                        std::string& problem) {
  const bool number = node.is_integer() || node.is_floating_point();
  switch (type) {
    case CustomFieldType::string:
      if (node.is_string()) return *node.value<std::string>();
      problem = "a string in quotes";
      return std::nullopt;
    case CustomFieldType::boolean:
      if (node.is_boolean()) return *node.value<bool>() ? "true" : "false";
      problem = "true or false";
      return std::nullopt;
    case CustomFieldType::integer:
      if (node.is_integer()) return number_text(node);
      problem = "a whole number like 0";
      return std::nullopt;
    case CustomFieldType::decimal:
      if (number) return number_text(node);
      if (node.is_string()) return *node.value<std::string>();
      problem = "a number like 0.5";
      return std::nullopt;
    case CustomFieldType::date:
      if (node.is_date()) {
        const toml::date day = *node.value<toml::date>();
        return Date::from_ymd(day.year, day.month, day.day).to_string();
      }
      if (node.is_string() && Date::parse(*node.value<std::string>())) {
        return *node.value<std::string>();
      }
      problem = "a date like 2026-01-31";
      return std::nullopt;
    case CustomFieldType::money:
      if (number) return number_text(node);
      if (node.is_string()) return *node.value<std::string>();
      problem = "an amount like \"0.00\" (in the invoice's or customer's currency)";
      return std::nullopt;
  }
  return std::nullopt;
}

// One declaration: `written` is "invoice.NAME" or "customer.NAME", `node` its type or its table.
std::optional<ConfigProblem> read_field(const std::string& written, const toml::key& key,
                                        const toml::node& node,
                                        std::vector<CustomFieldDeclaration>& fields) {
  const std::string where = "[fields] '" + written + "'";
  CustomFieldDeclaration field;
  field.line = static_cast<int>(key.source().begin.line);
  field.column = static_cast<int>(key.source().begin.column);
  const std::size_t dot = written.find('.');
  const std::string object = written.substr(0, dot);
  if (dot == std::string::npos || (object != "invoice" && object != "customer")) {
    return ConfigProblem{key.source(), where +
                                           ": a field is named \"invoice.NAME\" or "
                                           "\"customer.NAME\" (the column of invoices or "
                                           "customers), e.g. \"invoice.payment_url\" = \"string\""};
  }
  field.table = object == "invoice" ? CustomFieldTable::invoices : CustomFieldTable::customers;
  field.name = written.substr(dot + 1);
  if (!is_identifier(field.name)) {
    return ConfigProblem{key.source(), where + ": '" + field.name +
                                           "' is not a field name (lower-case letters, digits "
                                           "and _, starting with a letter or _)"};
  }
  const toml::node* type_node = &node;
  const toml::node* default_node = nullptr;
  if (const toml::table* details = node.as_table()) {
    for (const auto& [detail, value] : *details) {
      if (detail.str() != "type" && detail.str() != "default") {
        return ConfigProblem{detail.source(), where + ": unknown key '" +
                                                  std::string(detail.str()) +
                                                  "' (a field has a type and a default)"};
      }
    }
    type_node = details->get("type");
    default_node = details->get("default");
    if (type_node == nullptr) {
      return ConfigProblem{node.source(), where +
                                              ": needs a type, e.g. { type = \"bool\", "
                                              "default = false }"};
    }
  }
  const std::optional<CustomFieldType> type =
      type_node->is_string() ? parse_custom_field_type(*type_node->value<std::string>())
                             : std::nullopt;
  if (!type) {
    return ConfigProblem{type_node->source(),
                         where + ": the type must be one of " + type_list() + " (in quotes)"};
  }
  field.type = *type;
  if (default_node != nullptr) {
    std::string expected;
    field.default_text = default_text(*default_node, *type, expected);
    if (!field.default_text) {
      return ConfigProblem{default_node->source(), where + ": the default of a " +
                                                       std::string(custom_field_type_name(*type)) +
                                                       " field must be " + expected};
    }
  }
  for (const CustomFieldDeclaration& earlier : fields) {
    if (earlier.table == field.table && earlier.name == field.name) {
      return ConfigProblem{key.source(), where + " is declared twice"};
    }
  }
  fields.push_back(std::move(field));
  return std::nullopt;
}

}  // namespace

std::optional<ConfigProblem> read_fields_config(const toml::table& table,
                                                std::vector<CustomFieldDeclaration>& fields) {
  for (const auto& [key, node] : table) {
    const std::string written(key.str());
    // `invoice.payment_url = "string"` without quotes is TOML for a table `invoice` holding
    // `payment_url`: read it the same way as the quoted key.
    const toml::table* nested = node.as_table();
    if ((written == "invoice" || written == "customer") && nested != nullptr &&
        !nested->contains("type")) {
      for (const auto& [inner_key, inner_node] : *nested) {
        if (auto problem = read_field(written + "." + std::string(inner_key.str()), inner_key,
                                      inner_node, fields)) {
          return problem;
        }
      }
      continue;
    }
    if (auto problem = read_field(written, key, node, fields)) return problem;
  }
  // toml++ keeps a table's keys sorted; the declarations keep the order of the file.
  std::stable_sort(fields.begin(), fields.end(),
                   [](const CustomFieldDeclaration& a, const CustomFieldDeclaration& b) {
                     return std::pair(a.line, a.column) < std::pair(b.line, b.column);
                   });
  return std::nullopt;
}

}  // namespace dun

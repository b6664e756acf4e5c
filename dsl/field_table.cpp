#include "dsl/field_table.hpp"

#include <array>

namespace dun::dsl {
namespace {

using enum FieldId;

// One line per built-in field, in FieldId order (what hover and completion show).
constexpr std::string_view kBuiltinDocs[] = {
    "the item's unique id in the snapshot",
    "the number printed on the invoice",
    "\"invoice\" or \"credit_note\"",
    "the date the invoice was issued",
    "the date the invoice is due",
    "the original amount, in the invoice's currency",
    "what is still open, in the invoice's currency",
    "the ISO 4217 code of the invoice's currency",
    "true when the customer disputes the invoice",
    "true when the customer promised to pay (promise_date is set)",
    "the date the customer promised to pay by (absent when nothing was promised)",
    "today - due_date, in days (negative before the due date)",
    "the customer's unique id",
    "the customer's legal name",
    "the customer's segment (free text, e.g. sme, key_account)",
    "the customer's ISO 3166 country code",
    "the customer's language (picks the template language)",
    "the scenario assigned to the customer (empty: the default)",
    "Σ balance of the customer's overdue invoices, in the customer's currency",
    "Σ balance of the customer's invoices minus its credit notes",
    "how many of the customer's invoices have a balance",
    "how many of the customer's invoices are overdue",
    "the earliest due date among the customer's open invoices (absent when none)",
    "the customer's credit limit (absent when the snapshot has none)",
    "the customer's billing email",
    "the customer's collector, as a contact (absent when none)",
    "the collector's name",
    "the collector's email",
    "the collector's phone",
    "[company] name in dun.toml",
    "[company] address in dun.toml",
    "[company] email in dun.toml",
    "[company] phone in dun.toml",
    "[company] iban in dun.toml",
    "[company] bic in dun.toml",
    "the yearly late-payment interest rate in force today ([company] late_interest_rate)",
    "the status of the invoice's latest letter (\"\" when none): sent, delivered, signed, "
    "refused, neglected… (scenarios only)",
    "true when the customer's collection email address bounced (scenarios only)",
};
static_assert(std::size(kBuiltinDocs) == static_cast<std::size_t>(customer_email_bounced) + 1,
              "one description per built-in field, in FieldId order");

std::string custom_doc(const CustomFieldDeclaration& field) {
  std::string doc = "custom field (dun.toml [fields]): column '" + field.name + "' of " +
                    (field.table == CustomFieldTable::invoices ? "invoices" : "customers");
  if (field.default_text) {
    doc += ", default " + *field.default_text;
  } else {
    doc += ", absent when the cell is empty";
  }
  return doc;
}

}  // namespace

Type type_of(CustomFieldType type) {
  switch (type) {
    case CustomFieldType::string:
      return Type::string;
    case CustomFieldType::boolean:
      return Type::boolean;
    case CustomFieldType::integer:
      return Type::integer;
    case CustomFieldType::decimal:
      return Type::decimal;
    case CustomFieldType::date:
      return Type::date;
    case CustomFieldType::money:
      return Type::money;
  }
  return Type::error;
}

FieldTable::FieldTable() {
  for (const FieldInfo& info : all_fields()) {
    FieldEntry entry;
    entry.object = std::string(info.object);
    entry.name = std::string(info.name);
    entry.type = info.type;
    entry.doc = std::string(kBuiltinDocs[static_cast<std::size_t>(info.id)]);
    entry.may_be_absent = info.may_be_absent;
    entry.templates_only = info.templates_only;
    entry.scenarios_only = info.scenarios_only;
    entry.builtin = info.id;
    entries_.push_back(std::move(entry));
  }
}

Result<FieldTable> FieldTable::with_custom(std::span<const CustomFieldDeclaration> custom) {
  FieldTable table;
  for (const CustomFieldDeclaration& field : custom) {
    if (table.find(field.object(), field.name) != nullptr) {
      return Error{"dun.toml [fields] '" + field.qualified_name() + "' (line " +
                   std::to_string(field.line) +
                   ") is a built-in field; give the custom column another name"};
    }
    FieldEntry entry;
    entry.object = std::string(field.object());
    entry.name = field.name;
    entry.type = type_of(field.type);
    entry.doc = custom_doc(field);
    entry.may_be_absent = !field.default_text.has_value();
    entry.custom_slot = static_cast<std::uint32_t>(table.custom_.size());
    table.entries_.push_back(std::move(entry));
    table.custom_.push_back(field);
  }
  return table;
}

const FieldEntry* FieldTable::find(std::string_view object, std::string_view name) const {
  for (const FieldEntry& entry : entries_) {
    if (entry.object == object && entry.name == name) return &entry;
  }
  return nullptr;
}

const FieldEntry* FieldTable::find_qualified(std::string_view qualified) const {
  const std::size_t dot = qualified.find('.');
  if (dot == std::string_view::npos) return find(qualified, "");
  return find(qualified.substr(0, dot), qualified.substr(dot + 1));
}

bool FieldTable::is_object(std::string_view object) const {
  for (const FieldEntry& entry : entries_) {
    if (entry.object == object) return true;
  }
  return false;
}

std::string FieldTable::custom_signature() const {
  std::string signature;
  for (const CustomFieldDeclaration& field : custom_) {
    signature +=
        field.qualified_name() + ":" + std::string(custom_field_type_name(field.type)) + ";";
  }
  return signature;
}

}  // namespace dun::dsl

// The field table: every name a scenario expression or a template can read as `object.field`
// (language.md §5), the built-in fields of dsl/fields.hpp followed by the custom fields dun.toml
// declares in `[fields]` (data-model.md, "Custom fields"), each with its type and a one-line
// description. It is the one list the checker resolves names against, and what an editor's
// completion and hover show (read `entries()`; `find()` for one name).
//
// Custom fields get slots 0, 1, … in declaration order: the checker writes the slot into
// ir::CustomFieldRead, and the portfolio's custom columns (dsl/batch.hpp, CustomFieldColumn) are
// in the same order, since both are built from the same declarations (Config::fields).
//
// A FieldTable is a plain value that owns all it holds; entries() and find() hand out
// references into it, valid while it lives and is not assigned to. Read-only after construction:
// any number of threads may read it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/fields.hpp"
#include "dsl/types.hpp"
#include "stdlib/custom_field.hpp"
#include "stdlib/result.hpp"

namespace dun::dsl {

struct FieldEntry {
  std::string object;  // "invoice", "customer", "collector", "company"
  std::string name;    // "balance"; empty for the bare `collector`
  Type type = Type::error;
  std::string doc;  // one line for hover and completion: what the value is
  // Reading it may find no value for an invoice (no promise date; an empty custom cell without a
  // default): an evaluation error for that invoice, a render error in a template.
  bool may_be_absent = false;
  bool templates_only = false;               // company.*: templates only, not expressions
  bool scenarios_only = false;               // delivery facts: not in templates (fields.hpp)
  std::optional<FieldId> builtin;            // set for a built-in field
  std::optional<std::uint32_t> custom_slot;  // set for a custom field

  // "invoice.balance", or "collector" for the bare contact.
  std::string qualified_name() const { return name.empty() ? object : object + "." + name; }
};

class FieldTable {
 public:
  // The built-in fields only.
  FieldTable();
  // The built-in fields and `custom`, in that order. Fails when a custom field has the name of a
  // built-in one (the error names the dun.toml line).
  static Result<FieldTable> with_custom(std::span<const CustomFieldDeclaration> custom);

  std::span<const FieldEntry> entries() const { return entries_; }
  // `object.name` (name empty for a bare object name), or null.
  const FieldEntry* find(std::string_view object, std::string_view name) const;
  // "invoice.payment_url" as written in a template; null when there is no such field.
  const FieldEntry* find_qualified(std::string_view qualified) const;
  bool is_object(std::string_view object) const;

  std::span<const CustomFieldDeclaration> custom() const { return custom_; }
  // The custom fields with their slots and types, as one line: compiled code depends on it (the
  // JIT's object cache keys on it).
  std::string custom_signature() const;

 private:
  std::vector<FieldEntry> entries_;
  std::vector<CustomFieldDeclaration> custom_;
};

// The scenario-language type of a custom field's declared type.
Type type_of(CustomFieldType type);

}  // namespace dun::dsl

#include "lsp/field_catalogue.hpp"

#include "dsl/fields.hpp"
#include "lsp/docs_table.hpp"

namespace dun::lsp {

std::vector<FieldEntry> fields_of(std::string_view object, const DocumentSettings& settings) {
  std::vector<FieldEntry> fields;
  for (const dsl::FieldInfo& info : dsl::all_fields()) {
    if (info.object != object || info.name.empty() || info.templates_only) continue;
    fields.push_back({std::string(info.object), std::string(info.name), info.type,
                      std::string(field_documentation(dsl::field_display_name(info.id))), false});
  }
  // Custom fields: the declarations of the document's dun.toml travel in its check options (the
  // checker resolves them from there); they are listed here, after the built-in ones.
  for (const dsl::FieldEntry& entry : settings.check.fields.entries()) {
    if (!entry.custom_slot || entry.object != object) continue;
    fields.push_back({entry.object, entry.name, entry.type, entry.doc, true});
  }
  return fields;
}

}  // namespace dun::lsp

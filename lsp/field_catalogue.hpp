// The fields a document may read after `invoice.`, `customer.`, `collector.` — for completion
// and hover. THE one place the language server learns fields: built-in ones from the language's
// catalogue (dsl/fields.hpp) and, with them, the custom fields that the document's dun.toml
// declares (data-model.md "Custom fields"), which reach it through the document's check options.
// Pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dsl/types.hpp"
#include "lsp/analysis.hpp"

namespace dun::lsp {

struct FieldEntry {
  std::string object;  // "invoice"
  std::string name;    // "balance"
  dsl::Type type = dsl::Type::error;
  std::string documentation;  // plain words, from the docs table (docs_table.hpp)
  bool custom = false;        // declared in dun.toml
};

// The fields of `object` a scenario expression may read, built-in first.
std::vector<FieldEntry> fields_of(std::string_view object, const DocumentSettings& settings);

}  // namespace dun::lsp

// dun.toml's `[fields]` table (data-model.md, "Custom fields"): the extra snapshot columns that
// scenarios and templates may read, each `"invoice.NAME" = "TYPE"` or
// `"customer.NAME" = { type = "TYPE", default = VALUE }`. Errors carry the position of the
// offending key, like the rest of engine/base/config.cpp. A function of its arguments only: safe
// from any thread.
//
// What this cannot see is left to the layers that can: whether a name collides with a built-in
// field (dsl/field_table.hpp) and whether a default parses as its type for a row's currency (the
// snapshot loaders, which parse it exactly like a cell).
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <vector>

#include "engine/base/config_letters.hpp"
#include "stdlib/custom_field.hpp"

namespace dun {

// Appends the declarations in the order dun.toml lists them.
std::optional<ConfigProblem> read_fields_config(const toml::table& table,
                                                std::vector<CustomFieldDeclaration>& fields);

}  // namespace dun

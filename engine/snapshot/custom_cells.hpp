// The cells of custom fields (dun.toml [fields], data-model.md "Custom fields"): one cell's text
// parsed as its declared type, exactly as the built-in columns are (dates YYYY-MM-DD, amounts
// as decimal strings in the row's currency, booleans true/false, 1/0, yes/no). An empty cell
// takes the declared default, parsed the same way, or else is absent.
// Pure functions that keep no reference to their arguments (but `text`, which a string cell's
// result points into); safe from any number of threads.
#pragma once

#include <cstdint>
#include <string_view>

#include "stdlib/currency.hpp"
#include "stdlib/custom_field.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct CustomCell {
  bool present = false;
  std::int64_t value = 0;  // the batch ABI's encoding (dsl/batch.hpp, CustomFieldColumn)
  std::string_view text;   // a string field's value
};

// `currency` is the row's (the invoice's or the customer's): money is in its minor units.
// The error is the reason, as quarantine records show it after `file:line: column: `.
Result<CustomCell> parse_custom_cell(const CustomFieldDeclaration& field, std::string_view text,
                                     Currency currency);

}  // namespace dun

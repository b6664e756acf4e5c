// A custom field's value (dun.toml [fields]) as a template shows it: money and dates formatted
// by ICU in the document's language like the built-in fields, numbers localised, booleans as
// true/false, strings as they are. Pure functions of their arguments; safe wherever the
// LocaleFormatter is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "documents/locale_format.hpp"
#include "engine/portfolio/portfolio.hpp"

namespace dun {

// The custom field named `qualified` ("invoice.payment_url") of the portfolio, or null.
const CustomFieldValues* find_custom_field(const Portfolio& portfolio, std::string_view qualified);

// The field's value at `invoice` (or at `customer` for a customer field); nullopt when the cell
// is absent (empty, no default).
std::optional<std::string> custom_field_text(const Portfolio& portfolio,
                                             const CustomFieldValues& field, RowIndex invoice,
                                             RowIndex customer, const LocaleFormatter& format);

}  // namespace dun

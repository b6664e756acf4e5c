// The documentation an editor shows (hover, completion details): one table of plain-words texts
// for fields, standard-library functions and keywords, taken from language.md. Empty text for a
// name the table does not know. Constant data; safe from any thread.
#pragma once

#include <string_view>

namespace dun::lsp {

// "invoice.balance" → "The amount still due on the invoice…"
std::string_view field_documentation(std::string_view qualified_name);
// "days_between" → what it computes (its signatures come from dsl/builtins.hpp).
std::string_view function_documentation(std::string_view name);
// "step", "at", "grouped"… → what the clause or option does.
std::string_view keyword_documentation(std::string_view word);

}  // namespace dun::lsp

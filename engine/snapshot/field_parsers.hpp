// Parsers for the snapshot's scalar formats that stdlib does not already own (dates and money are
// Date::parse and parse_minor_units). Each returns nullopt/false on anything not exactly right:
// snapshot values are never guessed at. Pure functions, safe from any number of threads.
#pragma once

#include <optional>
#include <string_view>

#include "engine/portfolio/portfolio.hpp"

namespace dun {

// true/false, 1/0, yes/no, in any letter case.
std::optional<bool> parse_snapshot_bool(std::string_view text);
// "invoice" or "credit_note", exactly.
std::optional<InvoiceKind> parse_invoice_kind(std::string_view text);
// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates or code points past
// U+10FFFF. Fast on ASCII, which is nearly all a snapshot holds.
bool is_valid_utf8(std::string_view text);
// A plausible single address: local@domain, a dot in the domain, no spaces or control bytes.
// Deliverability is the adapter's business; this catches columns shifted or pasted wrong.
bool looks_like_email(std::string_view text);

}  // namespace dun

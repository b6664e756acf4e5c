// Renders diagnostics for people and for tools (docs/diagnostics.md describes both layouts).
//
// Text, one block per diagnostic:
//   scenarios/x.dun:12:27: error: expected ')' to close the condition
//      12 |   pause when invoice.disputed or (invoice.promised and
//         |                                                       ^
// A tab in the source line is shown as 4 spaces and the caret is aligned under it; columns count
// characters. JSON: an array of {"file", "line", "column", "severity", "message"}.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "dsl/diagnostics.hpp"
#include "dsl/source.hpp"

namespace dun::dsl {

std::string_view severity_name(Severity severity);

// One diagnostic as text. `source` is the file the diagnostic points into, or nullptr when it
// is not at hand (then only the first line is printed).
std::string render_text(const Diagnostic& diagnostic, const SourceFile* source);

// The source line and caret lines of a diagnostic, as in render_text.
std::string render_excerpt(const SourceFile& source, SourcePos pos);

// Every diagnostic as one JSON array (valid JSON whatever bytes the messages hold).
std::string render_json(std::span<const Diagnostic> diagnostics);

}  // namespace dun::dsl

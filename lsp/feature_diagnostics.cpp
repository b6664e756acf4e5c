// Diagnostics and their quick fixes: the checker's own messages, ranges widened to the token the
// diagnostic points at, and the checker's suggestion ("did you mean 'X'?") as a replacement.
#include <algorithm>
#include <optional>

#include "lsp/features.hpp"

namespace dun::lsp {
namespace {

using nlohmann::json;

// LSP's DiagnosticSeverity: 1 error, 2 warning, 3 information.
int severity_code(dsl::Severity severity) {
  switch (severity) {
    case dsl::Severity::error:
      return 1;
    case dsl::Severity::warning:
      return 2;
    case dsl::Severity::note:
      return 3;
  }
  return 1;
}

bool in_this_file(const Analysis& analysis, const dsl::Diagnostic& diagnostic) {
  return diagnostic.file == analysis.source.name();
}

// The bytes a diagnostic covers: the token it points at (nothing at the end of the file).
std::pair<std::size_t, std::size_t> covered(const Analysis& analysis,
                                            const dsl::Diagnostic& diagnostic) {
  const std::size_t begin = diagnostic.pos.offset;
  const dsl::Token* token = dsl::token_at_offset(analysis.tokens, begin);
  if (token == nullptr || token->kind == dsl::TokenKind::comment) return {begin, begin};
  return {token->offset, token->end()};
}

// The replacement a message suggests: the text X of its last "did you mean 'X'?".
std::optional<std::string> suggestion_of(const std::string& message) {
  static constexpr std::string_view kIntro = "did you mean '";
  const std::size_t at = message.rfind(kIntro);
  if (at == std::string::npos) return std::nullopt;
  const std::size_t begin = at + kIntro.size();
  const std::size_t end = message.rfind("'?");
  if (end == std::string::npos || end <= begin) return std::nullopt;
  return message.substr(begin, end - begin);
}

json diagnostic_json(const Analysis& analysis, const dsl::Diagnostic& diagnostic) {
  json item;
  item["severity"] = severity_code(diagnostic.severity);
  item["source"] = "dun";
  if (in_this_file(analysis, diagnostic)) {
    // From the caret `dun check` shows to the end of the token it stands in.
    const std::size_t end =
        std::max<std::size_t>(covered(analysis, diagnostic).second, diagnostic.pos.offset);
    item["range"] = {{"start", position_json(to_lsp(analysis.source, diagnostic.pos))},
                     {"end", position_json(to_lsp(analysis.source, end))}};
    item["message"] = diagnostic.message;
  } else {
    // A diagnostic in a template the document uses: shown at the top, naming its file and line.
    item["range"] = {{"start", position_json({})}, {"end", position_json({})}};
    item["message"] = diagnostic.file + ":" + std::to_string(diagnostic.pos.line) + ":" +
                      std::to_string(diagnostic.pos.column) + ": " + diagnostic.message;
  }
  return item;
}

}  // namespace

json diagnostics_json(const Analysis& analysis) {
  json all = json::array();
  for (const dsl::Diagnostic& diagnostic : analysis.diagnostics.items()) {
    all.push_back(diagnostic_json(analysis, diagnostic));
  }
  return all;
}

json code_actions(const Analysis& analysis, const std::string& uri, Position from, Position to) {
  json actions = json::array();
  const std::size_t from_offset = to_offset(analysis.source, from);
  const std::size_t to_offset_ = to_offset(analysis.source, to);
  for (const dsl::Diagnostic& diagnostic : analysis.diagnostics.items()) {
    if (!in_this_file(analysis, diagnostic)) continue;
    const std::optional<std::string> suggestion = suggestion_of(diagnostic.message);
    if (!suggestion) continue;
    const auto [begin, end] = covered(analysis, diagnostic);
    if (end < from_offset || begin > to_offset_ || begin == end) continue;
    const dsl::Token* token = dsl::token_at_offset(analysis.tokens, begin);
    std::string replacement = *suggestion;
    // A template name is written in quotes; the suggestion names the template.
    if (token != nullptr && token->kind == dsl::TokenKind::string &&
        !replacement.starts_with('"')) {
      replacement = "\"" + replacement + "\"";
    }
    json edit = {{"range", range_json(analysis.source, begin, end)}, {"newText", replacement}};
    actions.push_back({{"title", "Replace with '" + *suggestion + "'"},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", json::array({diagnostic_json(analysis, diagnostic)})},
                       {"edit", {{"changes", {{uri, json::array({edit})}}}}}});
  }
  return actions;
}

}  // namespace dun::lsp

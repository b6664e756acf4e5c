// What the language server answers about one analysed document, as LSP 3.17 JSON: each function
// reads an Analysis (analysis.hpp) and never fails (a position outside the document, or in a
// document that does not parse, gets an empty answer). Pure functions; safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "lsp/analysis.hpp"
#include "lsp/text_position.hpp"

namespace dun::lsp {

// textDocument/publishDiagnostics' `diagnostics`: every diagnostic of `dun check`, with its range
// (the token it points at) in UTF-16 columns.
nlohmann::json diagnostics_json(const Analysis& analysis);
// textDocument/codeAction: a quick fix for each diagnostic in `range` whose message suggests a
// replacement ("did you mean 'invoice.balance'?").
nlohmann::json code_actions(const Analysis& analysis, const std::string& uri, Position from,
                            Position to);
// textDocument/completion: a CompletionList for the context at `position`.
nlohmann::json completion(const Analysis& analysis, Position position);
// textDocument/hover: the type and documentation of the name at `position`, or null.
nlohmann::json hover(const Analysis& analysis, Position position);
// textDocument/definition: where the step, let or template at `position` is defined, or null.
nlohmann::json definition(const Analysis& analysis, const std::string& uri, Position position);
// textDocument/documentSymbol: scenarios (with their lets and steps) and tests.
nlohmann::json document_symbols(const Analysis& analysis);
// textDocument/formatting: the edit that gives `dun fmt`'s layout ([] when the document does not
// parse or is already formatted).
nlohmann::json formatting(const Analysis& analysis);

// Helpers shared by the features.
nlohmann::json position_json(Position position);
nlohmann::json range_json(const dsl::SourceFile& file, std::size_t begin, std::size_t end);
// "file:///a/b.dun" → "/a/b.dun"; nullopt for another scheme.
std::optional<std::string> path_of_uri(const std::string& uri);
std::string uri_of_path(const std::string& path);

}  // namespace dun::lsp

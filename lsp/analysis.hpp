// One document as the language server knows it: its text parsed and checked by exactly the code
// `dun check` runs (dsl::parse, dsl::check, Diagnostics::sort), so the editor and the command line
// never disagree, plus its tokens for ranges and positions. Immutable once built; the server
// rebuilds it on every change. Not shared between threads.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "dsl/check.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/lexer.hpp"
#include "dsl/source.hpp"

namespace dun::lsp {

// What a document is checked with, from the dun.toml that applies to it (the first found from
// the document's folder upwards) — the same options `dun check` would use for that file.
struct DocumentSettings {
  dsl::CheckOptions check;
};

// Supplies a document's settings from its path (nullopt: not a file on disk). The command that
// starts the server provides it, so the server reads the configuration exactly as `dun check`.
using SettingsProvider =
    std::function<DocumentSettings(const std::optional<std::filesystem::path>& document)>;

struct Analysis {
  Analysis(std::string name, std::string text, DocumentSettings document_settings);

  dsl::SourceFile source;
  DocumentSettings settings;
  dsl::ast::File file;
  dsl::CheckedFile checked;
  dsl::Diagnostics diagnostics;  // sorted as `dun check` prints them
  std::vector<dsl::Token> tokens;
};

}  // namespace dun::lsp

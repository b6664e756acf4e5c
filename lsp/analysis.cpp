#include "lsp/analysis.hpp"

#include "dsl/parse.hpp"

namespace dun::lsp {

Analysis::Analysis(std::string name, std::string text, DocumentSettings document_settings)
    : source(std::move(name), std::move(text)), settings(std::move(document_settings)) {
  file = dsl::parse(source, diagnostics);
  checked = dsl::check(file, source, settings.check, diagnostics);
  diagnostics.sort();
  tokens = dsl::lex(source.text());
}

}  // namespace dun::lsp

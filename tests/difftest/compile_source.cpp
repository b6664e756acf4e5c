#include "tests/difftest/compile_source.hpp"

#include "dsl/diagnostic_text.hpp"
#include "dsl/parse.hpp"

namespace dun::difftest {

Result<CompiledSource> compile_source(std::string name, std::string text) {
  CompiledSource compiled;
  compiled.source = std::make_unique<dsl::SourceFile>(std::move(name), std::move(text));
  dsl::Diagnostics diagnostics;
  const dsl::ast::File file = dsl::parse(*compiled.source, diagnostics);
  compiled.checked = dsl::check(file, *compiled.source, dsl::CheckOptions{}, diagnostics);
  std::string errors;
  for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
    if (diagnostic.severity == dsl::Severity::error) {
      errors += dsl::render_text(diagnostic, compiled.source.get());
    }
  }
  if (!errors.empty()) return Error{errors};
  if (compiled.checked.scenarios.empty()) return Error{"no scenario in the text"};
  return compiled;
}

}  // namespace dun::difftest

// Scenario source text to checked IR through the real parser and checker, keeping the source
// and the checked file alive together (the IR's ranges point into the source).
#pragma once

#include <memory>
#include <string>

#include "dsl/check.hpp"
#include "dsl/source.hpp"
#include "stdlib/result.hpp"

namespace dun::difftest {

struct CompiledSource {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::CheckedFile checked;

  const dsl::ir::Scenario& scenario() const { return checked.scenarios.front(); }
};

// Fails with every error diagnostic rendered (file:line:col, line, caret) when the text does not
// parse or check, or holds no scenario. Warnings are allowed.
Result<CompiledSource> compile_source(std::string name, std::string text);

}  // namespace dun::difftest

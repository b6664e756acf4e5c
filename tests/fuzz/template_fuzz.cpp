// libFuzzer target: arbitrary bytes as a template file (NAME.LANG.txt). compile_template must
// either return a template or report at least one diagnostic, each inside the file.
#include <cstdint>
#include <string>

#include "dsl/diagnostics.hpp"
#include "dsl/template.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const dun::dsl::SourceFile file("fuzz.en.txt",
                                  std::string(reinterpret_cast<const char*>(data), size));
  dun::dsl::Diagnostics diagnostics;
  const auto compiled = dun::dsl::compile_template(file, diagnostics);
  if (!compiled) dun::fuzz::require(diagnostics.has_errors());
  for (const auto& diagnostic : diagnostics.items()) {
    dun::fuzz::require(diagnostic.pos.line >= 1 && diagnostic.pos.line <= file.line_count() + 1);
  }
  return 0;
}

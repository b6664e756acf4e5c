// libFuzzer target: any bytes given to the parser must give diagnostics, never a crash, a hang
// or a sanitizer report (language.md §7: "Nothing a user types may crash the checker").
#include <cstddef>
#include <cstdint>
#include <string>

#include "dsl/check.hpp"
#include "dsl/diagnostic_text.hpp"
#include "dsl/diagnostics.hpp"
#include "dsl/parse.hpp"
#include "dsl/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const dun::dsl::SourceFile source("fuzz.dun",
                                    std::string(reinterpret_cast<const char*>(data), size));
  dun::dsl::Diagnostics diagnostics;
  const dun::dsl::ast::File file = dun::dsl::parse(source, diagnostics);
  (void)dun::dsl::check(file, source, {}, diagnostics);
  for (const dun::dsl::Diagnostic& diagnostic : diagnostics.items()) {
    (void)dun::dsl::render_text(diagnostic, &source);
  }
  (void)dun::dsl::render_json(diagnostics.items());
  return 0;
}

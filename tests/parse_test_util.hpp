// Helpers shared by the parser's test suites.
#pragma once

#include <string>
#include <vector>

#include "dsl/diagnostics.hpp"
#include "dsl/parse.hpp"
#include "dsl/source.hpp"

namespace dun::dsl::testing {

struct Parsed {
  SourceFile source;
  Diagnostics diagnostics;
  ast::File file;
};

inline Parsed parse_text(std::string text) {
  Parsed parsed{SourceFile("test.dun", std::move(text)), {}, {}};
  parsed.file = parse(parsed.source, parsed.diagnostics);
  return parsed;
}

// "LINE:COL: message" of every diagnostic, in order.
inline std::vector<std::string> messages(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.items()) {
    out.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
                  d.message);
  }
  return out;
}

}  // namespace dun::dsl::testing

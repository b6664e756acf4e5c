// Diagnostics: collected, never thrown (architecture.md). The parser and the checker add to one
// Diagnostics list per file; the CLI renders them as text (file:line:col, source line, caret)
// or JSON.
#pragma once

#include <string>
#include <vector>

#include "dsl/source.hpp"

namespace dun::dsl {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  SourcePos pos;
  std::string file;     // the file the position is in (a scenario or a template)
  std::string message;  // plain words; suggestions ("did you mean …") are part of it
};

class Diagnostics {
 public:
  void error(const SourceFile& file, SourcePos pos, std::string message);
  void warning(const SourceFile& file, SourcePos pos, std::string message);
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

  const std::vector<Diagnostic>& items() const { return items_; }
  bool has_errors() const;
  std::size_t error_count() const;
  // Stable order: by file, then line, then column (insertion order breaks ties).
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace dun::dsl

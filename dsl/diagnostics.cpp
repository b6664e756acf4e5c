#include "dsl/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace dun::dsl {

void Diagnostics::error(const SourceFile& file, SourcePos pos, std::string message) {
  items_.push_back({Severity::error, pos, file.name(), std::move(message)});
}

void Diagnostics::warning(const SourceFile& file, SourcePos pos, std::string message) {
  items_.push_back({Severity::warning, pos, file.name(), std::move(message)});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.pos.line, a.pos.column) < std::tie(b.file, b.pos.line, b.pos.column);
  });
}

}  // namespace dun::dsl

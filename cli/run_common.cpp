#include "cli/run_common.hpp"

#include <chrono>
#include <cstdio>

namespace dun::cli {

Result<Date> parse_run_date(const std::optional<std::string>& text) {
  if (!text) {
    const auto now = std::chrono::system_clock::now();
    const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    return Date::from_days(static_cast<std::int32_t>(days));
  }
  if (auto date = Date::parse(*text)) return *date;
  return Error{"--date '" + *text + "' is not a date: write it YYYY-MM-DD, like 2026-01-19"};
}

Result<BackendKind> parse_backend(const std::optional<std::string>& text) {
  if (!text || *text == "interp") return BackendKind::interp;
  if (*text == "jit") return BackendKind::jit;
  return Error{"--backend '" + *text + "': choose interp or jit"};
}

void print_diagnostics(const dsl::Diagnostics& diagnostics) {
  for (const dsl::Diagnostic& d : diagnostics.items()) {
    const char* severity = d.severity == dsl::Severity::error     ? "error"
                           : d.severity == dsl::Severity::warning ? "warning"
                                                                  : "note";
    std::fprintf(stderr, "%s:%u:%u: %s: %s\n", d.file.c_str(), d.pos.line, d.pos.column, severity,
                 d.message.c_str());
  }
}

}  // namespace dun::cli

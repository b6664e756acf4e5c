#include "cli/run_common.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "dsl/render.hpp"

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

std::span<const BackendKind> available_backends() {
  static constexpr BackendKind kAvailable[] = {BackendKind::interp};
  return kAvailable;
}

std::string_view backend_name(BackendKind backend) {
  switch (backend) {
    case BackendKind::interp:
      return "interp";
    case BackendKind::jit:
      return "jit";
  }
  return "interp";
}

void print_diagnostics(const dsl::Diagnostics& diagnostics) {
  // The same layout as `dun check` (docs/diagnostics.md): each file is read again for its source
  // lines, which only happens when a scenario has a problem.
  std::map<std::string, std::unique_ptr<dsl::SourceFile>> sources;
  for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
    auto& source = sources[diagnostic.file];
    if (!source) {
      std::ifstream in(diagnostic.file, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      if (in) source = std::make_unique<dsl::SourceFile>(diagnostic.file, text.str());
    }
    std::fputs(dsl::render_text(diagnostic, source.get()).c_str(), stderr);
  }
}

}  // namespace dun::cli

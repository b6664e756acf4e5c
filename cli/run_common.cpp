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
  if (!text || *text == "jit") return BackendKind::jit;
  if (*text == "interp") return BackendKind::interp;
  return Error{"--backend '" + *text + "': choose jit (the default) or interp"};
}

Result<int> parse_opt_level(const std::optional<std::string>& text) {
  if (!text) return 2;
  if (text->size() == 1 && (*text)[0] >= '0' && (*text)[0] <= '3') return (*text)[0] - '0';
  return Error{"--opt '" + *text + "': choose an optimisation level 0, 1, 2 or 3 (default 2)"};
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

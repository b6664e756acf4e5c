// What the verbs that evaluate scenarios share: the config with the flags that override it, the
// run date, the back end, and how diagnostics are printed.
#pragma once

#include <optional>
#include <string>

#include "dsl/diagnostics.hpp"
#include "engine/config.hpp"
#include "engine/scenario_set.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

// "2026-01-19", or today's date (UTC) when absent.
Result<Date> parse_run_date(const std::optional<std::string>& text);
// --backend interp|jit; absent means jit (the reference interpreter is for checking it).
Result<BackendKind> parse_backend(const std::optional<std::string>& text);
// --opt 0..3, the JIT's optimisation level; absent means 2.
Result<int> parse_opt_level(const std::optional<std::string>& text);
void print_diagnostics(const dsl::Diagnostics& diagnostics);

}  // namespace dun::cli

// What the verbs that evaluate scenarios share: the config with the flags that override it, the
// run date, the back end, and how diagnostics are printed.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "dsl/diagnostics.hpp"
#include "engine/config.hpp"
#include "engine/scenario_set.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

// "2026-01-19", or today's date (UTC) when absent.
Result<Date> parse_run_date(const std::optional<std::string>& text);
Result<BackendKind> parse_backend(const std::optional<std::string>& text);
// The back ends this build evaluates with, in the order `dun test` runs them: the one list to
// extend when a back end lands.
std::span<const BackendKind> available_backends();
// "interp", "jit": the value of --backend.
std::string_view backend_name(BackendKind backend);
void print_diagnostics(const dsl::Diagnostics& diagnostics);

}  // namespace dun::cli

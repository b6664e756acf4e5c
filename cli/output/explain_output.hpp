// How `dun explain` shows an Explanation: indented text, one clause per line as
// `at = 2026-01-19 (due_date 2026-01-12 + 7 days)`, or one JSON object (docs/analyst-tools.md).
#pragma once

#include <string>

#include "engine/analyst/explain.hpp"

namespace dun::cli {

std::string explanation_text(const Explanation& explanation);
std::string explanation_json(const Explanation& explanation);

}  // namespace dun::cli

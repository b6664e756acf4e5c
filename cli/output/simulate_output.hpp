// How `dun simulate` shows a Simulation: a per-day table (date, scenario, step, channel, actions,
// invoices, customers) and totals per scenario, step and channel; or one JSON object whose shape
// docs/analyst-tools.md documents.
#pragma once

#include <filesystem>
#include <string>

#include "engine/analyst/simulate.hpp"

namespace dun::cli {

std::string simulation_text(const Simulation& simulation, const std::filesystem::path& database);
std::string simulation_json(const Simulation& simulation, const std::filesystem::path& database);

}  // namespace dun::cli

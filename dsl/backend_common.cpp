#include "dsl/backend_common.hpp"

#include <algorithm>
#include <string>

namespace dun::dsl {

Status check_step_limit(const ir::Scenario& scenario) {
  if (scenario.steps.size() <= kMaxSteps) return Status::Ok();
  return Error{"scenario " + scenario.name + " has " + std::to_string(scenario.steps.size()) +
               " steps; at most " + std::to_string(kMaxSteps) + " are supported"};
}

std::uint32_t rows_to_decide(const BatchInput& batch, std::span<const Decision> decisions) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(batch.row_count, decisions.size()));
}

Result<Calendar> scenario_calendar(const ir::Scenario& scenario) {
  if (scenario.calendar.empty()) return Calendar::weekends_only();
  const auto known = Calendar::from_code(scenario.calendar);
  if (!known) return Error{"unknown calendar " + scenario.calendar};
  return *known;
}

}  // namespace dun::dsl

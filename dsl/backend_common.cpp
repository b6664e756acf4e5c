#include "dsl/backend_common.hpp"

#include <string>

#include "dsl/batch.hpp"

namespace dun::dsl {

std::optional<Error> step_limit_error(const ir::Scenario& scenario) {
  if (scenario.steps.size() <= kMaxSteps) return std::nullopt;
  return Error{"scenario " + scenario.name + " has " + std::to_string(scenario.steps.size()) +
               " steps; at most " + std::to_string(kMaxSteps) + " are supported"};
}

Result<Calendar> scenario_calendar(const ir::Scenario& scenario) {
  if (scenario.calendar.empty()) return Calendar::weekends_only();
  const auto known = Calendar::from_code(scenario.calendar);
  if (!known) return Error{"unknown calendar " + scenario.calendar};
  return *known;
}

}  // namespace dun::dsl

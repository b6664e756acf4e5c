#include "engine/day/day_inputs.hpp"

namespace dun {

std::unique_ptr<DayInputs> DayInputs::build(const Portfolio& portfolio,
                                            const ScenarioSet& scenarios, const Config& config,
                                            Date date, const std::vector<Override>& overrides) {
  std::unique_ptr<DayInputs> inputs(new DayInputs(compute_aggregates(portfolio, date, config.rates),
                                                  config.company.late_interest_rate,
                                                  &config.rates));
  inputs->view_ = std::make_unique<PortfolioColumnsView>(portfolio, *inputs->aggregates_);
  inputs->assignment_ =
      assign_scenarios(portfolio, scenarios, config.engine.default_scenario, overrides);
  return inputs;
}

}  // namespace dun

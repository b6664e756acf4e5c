#include "engine/day/day_inputs.hpp"

namespace dun {

std::unique_ptr<DayInputs> DayInputs::build(const Portfolio& portfolio,
                                            const ScenarioSet& scenarios, const Config& config,
                                            Date date, const std::vector<Override>& overrides,
                                            const DeliveryFacts* delivery) {
  std::unique_ptr<DayInputs> inputs(new DayInputs(compute_aggregates(portfolio, date, config.rates),
                                                  config.company.late_interest_rate,
                                                  &config.rates));
  inputs->view_ = std::make_unique<PortfolioColumnsView>(portfolio, *inputs->aggregates_);
  if (delivery != nullptr) {
    inputs->delivery_ = delivery_columns(portfolio, *delivery);
    inputs->view_->set_delivery_columns(inputs->delivery_.last_letter_status.data(),
                                        inputs->delivery_.email_bounced.data());
  }
  inputs->assignment_ =
      assign_scenarios(portfolio, scenarios, config.engine.default_scenario, overrides);
  return inputs;
}

}  // namespace dun

// Which scenario handles each invoice today (language.md §3.1, "Scenario assignment"): the
// collector's override for the customer, else customer.scenario, else the configured default;
// `none` means no follow-up. An invoice with dunning = false, or opted out by the collector, is
// never handled.
//
// Assignment owns its vectors and keeps no pointer into its inputs. Pure function: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/day/scenario_set.hpp"
#include "engine/model/store_records.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/status.hpp"

namespace dun {

inline constexpr std::uint32_t kNotHandled = UINT32_MAX;

struct Assignment {
  std::vector<std::uint32_t> scenario;  // per invoice row: index in ScenarioSet, or kNotHandled
  std::vector<std::string> warnings;    // unknown scenario names, once per customer
};

// The names the configuration and the collector chose must be scenarios of the set: an unknown
// [engine] default_scenario, or a collector's `dun assign` to a scenario that is not (or no longer)
// there, is an error that stops the run before anything is written ("did you mean"), not a warning
// per customer while their sequences close. ("none" and an empty default are no follow-up.) An
// unknown customer.scenario in the snapshot stays a warning of the run: it is data, not config.
Status check_chosen_scenarios(const ScenarioSet& scenarios, const std::string& default_scenario,
                              const std::vector<Override>& overrides);

Assignment assign_scenarios(const Portfolio& portfolio, const ScenarioSet& scenarios,
                            const std::string& default_scenario,
                            const std::vector<Override>& overrides);

}  // namespace dun

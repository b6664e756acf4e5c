#include "engine/day/assign.hpp"

#include <unordered_map>
#include <unordered_set>

#include "stdlib/suggest.hpp"

namespace dun {

namespace {

// "names 'gentle_b2c', which is not a scenario (the scenarios are: a, b)"
std::string unknown_scenario(std::string_view name, const ScenarioSet& scenarios) {
  std::string text =
      "names '" + std::string(name) + "', which is not a scenario (the scenarios are: ";
  const auto& loaded = scenarios.scenarios();
  for (std::size_t k = 0; k < loaded.size(); ++k) text += (k ? ", " : "") + loaded[k].ir->name;
  return text + (loaded.empty() ? "none loaded)" : ")");
}

// "; did you mean 'gentle_b2b'?" when a scenario's name is close, else "".
std::string did_you_mean(std::string_view name, const ScenarioSet& scenarios) {
  std::vector<std::string_view> known;
  for (const LoadedScenario& scenario : scenarios.scenarios()) known.push_back(scenario.ir->name);
  auto close = closest_match(name, known);
  return close ? "; did you mean '" + *close + "'?" : "";
}

}  // namespace

Status check_chosen_scenarios(const ScenarioSet& scenarios, const std::string& default_scenario,
                              const std::vector<Override>& overrides) {
  if (!default_scenario.empty() && default_scenario != "none" &&
      !scenarios.find(default_scenario)) {
    return Error{"[engine] default_scenario " + unknown_scenario(default_scenario, scenarios) +
                 ": fix dun.toml, nothing was run or written" +
                 did_you_mean(default_scenario, scenarios)};
  }
  for (const Override& override_row : overrides) {
    if (override_row.kind != OverrideKind::assign || override_row.scenario.empty() ||
        override_row.scenario == "none" || scenarios.find(override_row.scenario)) {
      continue;
    }
    return Error{"the assignment of customer " + override_row.subject + " (dun assign) " +
                 unknown_scenario(override_row.scenario, scenarios) +
                 ": assign it again (`dun assign " + override_row.subject +
                 " SCENARIO|none`) or restore the scenario; nothing was run or written" +
                 did_you_mean(override_row.scenario, scenarios)};
  }
  return Status::Ok();
}

Assignment assign_scenarios(const Portfolio& portfolio, const ScenarioSet& scenarios,
                            const std::string& default_scenario,
                            const std::vector<Override>& overrides) {
  std::unordered_map<std::string_view, std::string_view> assigned;  // customer id -> scenario
  std::unordered_set<std::string_view> opted_out;                   // invoice ids
  for (const Override& override_row : overrides) {
    if (override_row.kind == OverrideKind::assign)
      assigned[override_row.subject] = override_row.scenario;
    if (override_row.kind == OverrideKind::optout) opted_out.insert(override_row.subject);
  }

  // Resolve once per customer: few customers, many invoices.
  const Customers& customers = portfolio.customers;
  std::vector<std::uint32_t> customer_scenario(customers.size(), kNotHandled);
  Assignment result;
  for (std::size_t c = 0; c < customers.size(); ++c) {
    std::string_view name = portfolio.symbols.text(customers.scenario[c]);
    if (auto found = assigned.find(customers.id[c]); found != assigned.end()) name = found->second;
    if (name.empty()) name = default_scenario;
    if (name.empty() || name == "none") continue;
    if (auto index = scenarios.find(name)) {
      customer_scenario[c] = static_cast<std::uint32_t>(*index);
    } else {
      result.warnings.push_back("customer " + std::string(customers.id[c]) +
                                ": unknown scenario '" + std::string(name) +
                                "'; its invoices are not followed up (assign a known scenario "
                                "or 'none')");
    }
  }

  const Invoices& invoices = portfolio.invoices;
  result.scenario.resize(invoices.size(), kNotHandled);
  for (std::size_t i = 0; i < invoices.size(); ++i) {
    if (!invoices.dunning[i]) continue;
    if (!opted_out.empty() && opted_out.count(invoices.id[i])) continue;
    result.scenario[i] = customer_scenario[invoices.customer[i]];
  }
  return result;
}

}  // namespace dun

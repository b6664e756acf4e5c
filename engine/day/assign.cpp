#include "engine/day/assign.hpp"

#include <unordered_map>
#include <unordered_set>

namespace dun {

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

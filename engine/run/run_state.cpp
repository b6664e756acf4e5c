#include "engine/run/run_state.hpp"

#include "engine/day/assign.hpp"

namespace dun {

Result<RunState> load_run_state(StateStore& store, const ScenarioSet& scenarios,
                                const std::string& default_scenario) {
  RunState state;
  auto sequences = store.load_sequences();
  if (!sequences) return sequences.error();
  state.sequences = std::move(sequences).value();
  auto overrides = store.load_overrides();
  if (!overrides) return overrides.error();
  state.overrides = std::move(overrides).value();
  auto delivery = store.load_delivery_facts();
  if (!delivery) return delivery.error();
  state.delivery = std::move(delivery).value();
  if (auto chosen = check_chosen_scenarios(scenarios, default_scenario, state.overrides); !chosen)
    return chosen.error();
  auto open_tasks = store.list_tasks(/*open_only=*/true);
  if (!open_tasks) return open_tasks.error();
  state.open_tasks = std::move(open_tasks).value();
  return state;
}

}  // namespace dun

// What the daily run reads of the state store before it plans the day (its "load state" phase):
// every sequence with its step events, the collectors' overrides, the delivery facts, the open
// tasks, each read by the StateStore method named below.
//
// RunState owns its data. load_run_state uses the store's one connection from start to end, so
// while it runs (on another thread, engine/run/overlapped_load.hpp) the store belongs to it.
#pragma once

#include <string>
#include <vector>

#include "engine/day/scenario_set.hpp"
#include "engine/model/delivery_records.hpp"
#include "engine/model/sequence_table.hpp"
#include "engine/model/store_records.hpp"
#include "engine/model/task.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct RunState {
  SequenceTable sequences;          // load_sequences()
  std::vector<Override> overrides;  // load_overrides()
  DeliveryFacts delivery;           // load_delivery_facts()
  std::vector<Task> open_tasks;     // list_tasks(open_only)
};

// Reads the run's state from `store` in this order, and before the open tasks checks the
// collectors' assignments against `scenarios` (check_chosen_scenarios, with
// `default_scenario`): the first failure is the result, so a run reports the same error whether
// this runs beside the snapshot's load or after it.
// REQUIRES: nothing else uses `store` until it returns; `scenarios` is not changed meanwhile.
Result<RunState> load_run_state(StateStore& store, const ScenarioSet& scenarios,
                                const std::string& default_scenario);

}  // namespace dun

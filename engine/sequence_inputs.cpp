#include "engine/sequence_inputs.hpp"

#include <algorithm>

namespace dun {
namespace {

// The SequenceTable's name index of each step name (kNoName when no sequence ever reached it).
std::vector<std::uint32_t> step_name_indexes(const dsl::ir::Scenario& scenario,
                                             const SequenceTable& sequences) {
  std::vector<std::uint32_t> indexes(scenario.steps.size(), SequenceTable::kNoName);
  for (std::size_t k = 0; k < scenario.steps.size(); ++k) {
    const auto found =
        std::find(sequences.names.begin(), sequences.names.end(), scenario.steps[k].name);
    if (found != sequences.names.end()) {
      indexes[k] = static_cast<std::uint32_t>(found - sequences.names.begin());
    }
  }
  return indexes;
}

bool is_waiting(StepStatus status) {
  return status == StepStatus::pending_confirmation || status == StepStatus::waiting_task;
}

}  // namespace

SequenceInputs build_sequence_inputs(const dsl::ir::Scenario& scenario,
                                     std::span<const std::uint32_t> sequence_rows,
                                     const SequenceTable& sequences, Date today) {
  const std::size_t rows = sequence_rows.size();
  const std::size_t steps = scenario.steps.size();
  SequenceInputs inputs;
  inputs.status.assign(rows, dsl::SequenceStatus::none);
  inputs.flags.assign(rows, 0);
  inputs.last_step.assign(rows, -1);
  inputs.step_dates.assign(rows * steps, dsl::kNoDate);
  const std::vector<std::uint32_t> names = step_name_indexes(scenario, sequences);

  for (std::size_t r = 0; r < rows; ++r) {
    const std::uint32_t s = sequence_rows[r];
    if (s == kNoSequence) continue;
    switch (sequences.state[s]) {
      case SequenceState::active:
        inputs.status[r] = dsl::SequenceStatus::active;
        break;
      case SequenceState::paused:
        inputs.status[r] = dsl::SequenceStatus::active;
        inputs.flags[r] |= dsl::kSequencePaused;
        break;
      case SequenceState::closed:
        inputs.status[r] = dsl::SequenceStatus::closed;
        break;
      case SequenceState::stopped:
        inputs.status[r] = dsl::SequenceStatus::stopped;
        break;
    }
    // Each step's event date; a step still waiting for its task has no event date yet.
    std::int32_t* dates = inputs.step_dates.data() + r * steps;
    std::int8_t first_without_event = -1;
    for (std::size_t k = 0; k < steps; ++k) {
      for (std::uint32_t e = sequences.event_begin[s]; e < sequences.event_begin[s + 1]; ++e) {
        if (sequences.event_step[e] != names[k] || names[k] == SequenceTable::kNoName) continue;
        if (!is_waiting(sequences.event_status[e])) dates[k] = sequences.event_date[e].days();
      }
    }
    for (std::size_t k = 0; k < steps; ++k) {
      bool has_event = false;
      for (std::uint32_t e = sequences.event_begin[s]; e < sequences.event_begin[s + 1]; ++e) {
        has_event |= sequences.event_step[e] == names[k] && names[k] != SequenceTable::kNoName;
      }
      if (!has_event) {
        first_without_event = static_cast<std::int8_t>(k);
        break;
      }
    }

    const std::uint32_t last = sequences.last_step[s];
    if (last == SequenceTable::kNoName) continue;
    const auto found = std::find(names.begin(), names.end(), last);
    if (found != names.end()) {
      inputs.last_step[r] = static_cast<std::int8_t>(found - names.begin());
    } else {
      // The last step reached was removed from the scenario: go on with the first step that has
      // no event yet (docs/run-semantics.md).
      inputs.last_step[r] = first_without_event < 0
                                ? static_cast<std::int8_t>(steps - 1)
                                : static_cast<std::int8_t>(first_without_event - 1);
      continue;
    }
    // The last step's event: waiting for its task, or fired/completed today (one step a day).
    for (std::uint32_t e = sequences.event_begin[s]; e < sequences.event_begin[s + 1]; ++e) {
      if (sequences.event_step[e] != last) continue;
      if (is_waiting(sequences.event_status[e])) inputs.flags[r] |= dsl::kSequenceAwaiting;
      if (sequences.event_status[e] != StepStatus::skipped && sequences.event_date[e] == today) {
        inputs.flags[r] |= dsl::kSequenceActedToday;
      }
    }
  }
  return inputs;
}

}  // namespace dun

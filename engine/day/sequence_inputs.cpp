#include "engine/day/sequence_inputs.hpp"

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

bool repeats_ended(const dsl::ir::Repeat& repeat, StepStatus last_status, int repetitions) {
  // A skipped step never fired (or a repetition was skipped): nothing to repeat.
  if (last_status == StepStatus::skipped) return true;
  return repeat.max_times && repetitions >= *repeat.max_times;
}

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
    // One pass over the sequence's events: which steps have an event, and each step's event date
    // (a step still waiting for its task has none yet).
    std::uint32_t steps_with_event = 0;  // bit k: step k has an event (kMaxSteps fits)
    for (std::uint32_t e = sequences.event_begin[s]; e < sequences.event_begin[s + 1]; ++e) {
      const auto step = std::find(names.begin(), names.end(), sequences.event_step[e]);
      if (step == names.end()) continue;  // a step the edited scenario no longer has
      const auto k = static_cast<std::size_t>(step - names.begin());
      steps_with_event |= 1u << k;
      if (!is_waiting(sequences.event_status[e])) {
        inputs.step_dates[dsl::step_date_index(k, rows, r)] = sequences.event_date[e].days();
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
      std::size_t first_without_event = 0;
      while (first_without_event < steps && (steps_with_event >> first_without_event & 1u) != 0) {
        ++first_without_event;
      }
      inputs.last_step[r] = static_cast<std::int8_t>(first_without_event) - 1;
      continue;
    }
    // The last step's event: waiting for its task, or fired/completed today (one step a day).
    const bool last_repeats = static_cast<std::size_t>(found - names.begin()) + 1 == steps &&
                              scenario.steps.back().repeat.has_value();
    for (std::uint32_t e = sequences.event_begin[s]; e < sequences.event_begin[s + 1]; ++e) {
      if (sequences.event_step[e] != last) continue;
      if (is_waiting(sequences.event_status[e])) inputs.flags[r] |= dsl::kSequenceAwaiting;
      if (sequences.event_status[e] != StepStatus::skipped && sequences.event_date[e] == today) {
        inputs.flags[r] |= dsl::kSequenceActedToday;
      }
      if (last_repeats && repeats_ended(*scenario.steps.back().repeat, sequences.event_status[e],
                                        sequences.event_repetition[e])) {
        inputs.flags[r] |= dsl::kSequenceRepeatsEnded;
      }
    }
  }
  return inputs;
}

}  // namespace dun

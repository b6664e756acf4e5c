// The stored sequence state of one scenario's invoices, laid out as the batch columns of
// dsl/batch.hpp (SequenceColumns), parallel to the batch's rows. Steps are matched by NAME
// (language.md §3: an edited scenario keeps running sequences on the same step); see
// docs/run-semantics.md for a last step that was removed.
//
// SequenceInputs owns its columns; columns() points into them (valid while the SequenceInputs
// lives and is not resized; moving it keeps them). Built by DayPlan (day_plan.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "dsl/batch.hpp"
#include "dsl/ir.hpp"
#include "engine/model/sequence_table.hpp"
#include "stdlib/date.hpp"

namespace dun {

inline constexpr std::uint32_t kNoSequence = UINT32_MAX;

struct SequenceInputs {
  std::vector<dsl::SequenceStatus> status;
  std::vector<std::uint8_t> flags;
  std::vector<std::int8_t> last_step;
  // Column-major: one column of status.size() dates per step of the scenario (dsl/batch.hpp,
  // step_date_index).
  std::vector<std::int32_t> step_dates;

  dsl::SequenceColumns columns() const {
    return {status.data(), flags.data(), last_step.data(), step_dates.data()};
  }
};

// Whether the last step's `repeat` is over (language.md §3.2), given the stored event of that
// step: it was skipped (it never fired, or a repetition was skipped), or `at most K times` is used
// up by `repetitions`.
bool repeats_ended(const dsl::ir::Repeat& repeat, StepStatus last_status, int repetitions);

// `sequence_rows[r]`: the SequenceTable row of batch row r when it belongs to this scenario, else
// kNoSequence (the invoice starts afresh). REQUIRES: every row other than kNoSequence is a row of
// `sequences`. Nothing of `scenario` or `sequences` is kept.
SequenceInputs build_sequence_inputs(const dsl::ir::Scenario& scenario,
                                     std::span<const std::uint32_t> sequence_rows,
                                     const SequenceTable& sequences, Date today);

}  // namespace dun

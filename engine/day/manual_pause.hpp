// The collector's pause (`dun pause INVOICE --until D`): which invoices it holds on a run date,
// and the flag that tells the back ends (dsl/batch.hpp kSequenceManualPause). The pause holds
// through D inclusive — like a step's `until` (language.md §3.1) — and the invoice's sequence
// goes on from D + 1, or from the first run after `dun resume`. DayPlan (day_plan.hpp) is the one
// caller that marks a batch; the functions keep no state and are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/day/sequence_inputs.hpp"
#include "engine/model/store_records.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/date.hpp"

namespace dun {

// True when a `pause` override holds on `today` (its until date is today or later).
bool manual_pause_holds(const Override& override_row, Date today);

// Invoice id -> until date, for the pauses that hold on `today`. The views point into
// `overrides`.
std::unordered_map<std::string_view, Date> manual_pauses(const std::vector<Override>& overrides,
                                                         Date today);

// Sets kSequenceManualPause on the batch rows (portfolio invoice rows `rows`) that are paused.
void mark_manual_pauses(SequenceInputs& inputs, std::span<const std::uint32_t> rows,
                        const Portfolio& portfolio,
                        const std::unordered_map<std::string_view, Date>& pauses);

}  // namespace dun

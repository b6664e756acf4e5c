// What every evaluation back end (the interpreter, interp.cpp, and the JIT, jit.cpp) checks and
// resolves before it evaluates a scenario, written once so that both accept and refuse the same
// scenarios with the same messages.
//
// Stateless functions of their argument: safe from any number of threads at once. Neither keeps
// a reference to the scenario.
#pragma once

#include <cstdint>
#include <span>

#include "dsl/batch.hpp"
#include "dsl/ir.hpp"
#include "stdlib/calendar.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::dsl {

// Ok when the scenario has at most kMaxSteps steps (a day's skips must fit one Decision);
// otherwise the error that names the scenario, its step count and the limit.
Status check_step_limit(const ir::Scenario& scenario);

// How many rows an evaluate call decides: batch.row_count, which decisions.size() equals by
// contract (dsl/backend.hpp), and never more than the span holds if a caller errs.
std::uint32_t rows_to_decide(const BatchInput& batch, std::span<const Decision> decisions);

// The calendar the scenario's business days follow: the one of `calendar CC`, or weekends only
// when it names none. Fails when the stdlib has no calendar of that code.
Result<Calendar> scenario_calendar(const ir::Scenario& scenario);

}  // namespace dun::dsl

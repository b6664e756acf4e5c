// `dun simulate` (architecture.md): the actions the next N days would bring if nobody paid and
// every confirm-task were confirmed and every task completed on the day it was created. It is
// the real daily run (engine/run/run.hpp run_day) and the real agenda (engine/run/agenda.hpp),
// played day after day against a private copy of the state store on the same snapshot, so a
// forecast can never disagree with what the runs will do. The real state store is only read,
// through a read-only connection that changes no byte of it and leaves no file beside it.
//
// Cost: one simulated day costs about one `dun run` (scenarios, snapshot, evaluation, commit into
// the copy), plus the copy of the store once.
//
// A Simulation owns what it reports. The copy of the store lives in a private temporary folder
// removed before simulate returns; SimulateOptions::run refers to a Config that must outlive the
// call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/model/action.hpp"
#include "engine/run/run.hpp"

namespace dun {

struct SimulateOptions {
  // The inputs of the runs; `run.database` is the real state store (it may not exist yet: the
  // simulation then starts from an empty store), `run.date` is today.
  RunOptions run;
  int days = 1;
  // The first simulated day. Default: the day after the last run recorded in the store, or
  // `run.date` when there is none. A day before the last recorded run is refused.
  std::optional<Date> from;
};

struct SimulatedDay {
  Date date;
  std::vector<Action> actions;  // created that day, by scenario, step, customer
  std::size_t tasks_confirmed = 0;
  std::size_t tasks_completed = 0;
  std::size_t held_by_limit = 0;  // candidate actions the contact limit held (language.md §3.2)
  std::size_t repetitions = 0;    // steps that fired as a repetition of a `repeat` step
  std::vector<EvaluationErrorRecord> errors;
};

struct Simulation {
  Date from;
  std::optional<Date> last_run;  // the last run recorded in the real store
  bool empty_store = false;      // no state store yet: started from nothing
  std::size_t invoices = 0;      // in the snapshot
  std::size_t quarantined = 0;   // bad rows of the snapshot (left out, as by the run)
  std::vector<std::string> warnings;
  std::vector<SimulatedDay> days;
};

// Fails when a day's run cannot be done (the same reasons as run_day) or the store cannot be read.
Result<Simulation> simulate(const SimulateOptions& options, dsl::Diagnostics& diagnostics);

}  // namespace dun

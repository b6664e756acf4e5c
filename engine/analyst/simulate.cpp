#include "engine/analyst/simulate.hpp"

#include <algorithm>

#include "engine/base/temp_folder.hpp"
#include "engine/run/agenda.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

// Copies the real store (read-only) into `copy`; returns the date of its last run. With no store
// yet, `copy` starts empty.
Result<std::optional<Date>> copy_state_store(const std::filesystem::path& real,
                                             const std::filesystem::path& copy, bool& empty) {
  std::error_code error;
  empty = !std::filesystem::exists(real, error);
  std::optional<Date> last_run;
  if (!empty) {
    auto opened = StateStore::open_read_only(real);
    if (!opened) return opened.error();
    StateStore& store = opened.value();
    auto last = store.last_completed_run_date();
    if (!last) return last.error();
    last_run = *last;
    // Without the lines a crashed command left queued in the real store: they are for the real
    // store's next command to write.
    if (auto copied = store.copy_for_simulation(copy); !copied) return copied.error();
  }
  return last_run;
}

// Every open task closes on `date` as the assumption says: confirm-tasks confirmed, tasks
// completed — through the real agenda code, so the sequences move on exactly as they would.
Status close_open_tasks(StateStore& store, Date date, SimulatedDay& day) {
  auto open_tasks = store.list_tasks(/*open_only=*/true);
  if (!open_tasks) return open_tasks.error();
  for (const Task& task : *open_tasks) {
    const bool confirm = task.kind == TaskKind::confirm;
    auto closed =
        close_agenda_task(store, task.id, confirm ? AgendaVerb::confirm : AgendaVerb::complete,
                          std::max(date, task.created_on), "dun simulate", std::nullopt);
    if (!closed) return closed.error();
    ++(confirm ? day.tasks_confirmed : day.tasks_completed);
  }
  return Status::Ok();
}

}  // namespace

Result<Simulation> simulate(const SimulateOptions& options, dsl::Diagnostics& diagnostics) {
  auto folder = TemporaryFolder::create("dun-simulate");
  if (!folder) return folder.error();
  const std::filesystem::path copy = folder->path() / "simulate.db";

  Simulation simulation;
  auto last_run = copy_state_store(options.run.database, copy, simulation.empty_store);
  if (!last_run) return last_run.error();
  simulation.last_run = *last_run;
  if (options.from && simulation.last_run && *options.from < *simulation.last_run) {
    return Error{"--from " + options.from->to_string() +
                 " is before the last run recorded in the state store (" +
                 simulation.last_run->to_string() +
                 "): a simulation goes on from the stored state; start on or after that date"};
  }
  simulation.from = options.from          ? *options.from
                    : simulation.last_run ? *simulation.last_run + 1
                                          : options.run.date;

  RunOptions run = options.run;
  run.database = copy;
  run.jsonl.reset();
  run.dry_run = false;
  run.progress = nullptr;
  for (int offset = 0; offset < options.days; ++offset) {
    run.date = simulation.from + offset;
    auto summary = run_day(run, diagnostics);
    if (!summary)
      return Error{"simulating " + run.date.to_string() + ": " + summary.error().message};
    if (offset == 0) {
      simulation.invoices = summary->invoices;
      simulation.quarantined = summary->quarantine.size();
      simulation.warnings = summary->warnings;
    }
    SimulatedDay day;
    day.date = run.date;
    day.errors = std::move(summary->errors);
    day.held_by_limit = summary->held_by_limit;
    day.repetitions = summary->repetitions;
    auto opened = StateStore::open(copy);
    if (!opened) return opened.error();
    StateStore& store = opened.value();
    auto actions = store.actions_created_on(run.date);
    if (!actions) return actions.error();
    day.actions = std::move(actions).value();
    if (auto closed = close_open_tasks(store, run.date, day); !closed) return closed.error();
    simulation.days.push_back(std::move(day));
  }
  return simulation;
}

}  // namespace dun

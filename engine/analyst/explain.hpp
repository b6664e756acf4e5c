// `dun explain INVOICE` (architecture.md): why a step fires, is skipped or waits for one invoice
// today. The invoice is loaded exactly as the run loads it (snapshot, aggregates, assignment,
// stored sequence), its decision comes from the chosen back end, and every clause value shown
// comes from the reference interpreter's evaluate_expr — the evaluator of the run, never a second
// implementation. The day is planned by the run's own planner (DayPlan, engine/day/day_plan.hpp)
// for that one invoice, so explain sees what the run sees, a collector's pause included. The
// state store is only read (StateStore::open_read_only).
//
// Only what the invoice's day depends on is read (docs/analyst-tools.md): its customer's rows of
// the snapshot (LoadOptions::customer: every invoice of the customer, for its aggregates and the
// contact limit, kept or quarantined exactly as in a whole load) and the stored sequences of
// those invoices. The snapshot is not held to the run's sanity gate: explain describes the rows
// as they are and changes nothing.
//
// An Explanation owns all its text and keeps no pointer into the inputs. explain_invoice opens
// and closes its own store connection; it keeps no state between calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/run/run.hpp"
#include "engine/snapshot/snapshot.hpp"

namespace dun {

struct ExplainOptions {
  RunOptions run;  // the inputs; run.date is the date explained; run.database must exist
  std::string invoice;
  // Load every row of the snapshot instead of the invoice's customer's alone: the same
  // explanation, slower; tests compare the two.
  bool whole_snapshot = false;
  // The customer index that finds the customer's rows in a CSV snapshot (customer_index.hpp;
  // `dun explain` keeps it beside the state store). Without it, the files are walked.
  std::optional<CustomerIndexSettings> customer_index = {};
};

struct ClauseValue {
  std::string
      clause;  // "applies", "stop", "pause", "let NAME", "at", "until", "when", "wait until"
  std::string source;  // the expression as written
  std::string value;   // "2026-01-19", "false", "error: absent value", "not written"
  std::string detail;  // the operands: "due_date 2026-01-12 + 7 days"
  std::string note;    // what the value does: "→ skipped (condition)"
};

struct StepExplanation {
  std::string name;
  std::string outcome;  // "fires", "skipped (condition)", "held by wait until", "not due", "error"
  std::vector<ClauseValue> clauses;
};

struct StoredStep {
  std::string name;
  std::string status;  // fired, skipped, pending_confirmation, waiting_task, completed
  std::string reason;
  Date date;
};

struct Explanation {
  Date date;
  std::string invoice;
  std::string customer;
  std::string customer_name;
  std::string scenario;     // empty when the invoice is not followed up
  std::string assigned_by;  // why this scenario (or why none)
  // The stored sequence: "none" (never started), "active", "paused", "closed", "stopped".
  std::string status = "none";
  std::string last_step;
  std::optional<Date> last_step_date;
  bool paused = false;
  bool awaiting = false;
  std::optional<Date> paused_until;  // a collector's pause (dun pause) holding on the date
  std::vector<StoredStep> history;   // the step events of the current scenario, by step order
  std::vector<ClauseValue> scenario_clauses;  // applies, stop, pause as far as evaluated
  std::vector<ClauseValue> lets;              // the lets the clauses shown read
  std::vector<StepExplanation> steps;         // today's walk over the steps
  // fire, skip, hold, wait, pause, resume, close, stop, error, nothing, not followed
  std::string decision;
  bool held_by_limit = false;  // the hold is the contact limit's (language.md §3.2)
  std::string why;
};

// Fails with what to do next: no state store yet (run `dun run` first), an unknown invoice (with
// the closest ids), or any reason a run would fail to load.
Result<Explanation> explain_invoice(const ExplainOptions& options, dsl::Diagnostics& diagnostics);

}  // namespace dun

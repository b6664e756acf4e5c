// Turns the decisions of one scenario's batch into what the state store keeps (language.md §3,
// data-model.md): sequence updates, step events, history events, and the actions and tasks of
// the fired steps as plan_customer_day merged and limited them (engine/day/customer_day.hpp) —
// and counts what it recorded, for the run's summary.
//
// Ownership and lifetimes: a DayRecorder keeps references to the Portfolio, the SequenceTable
// and the Config, which must outlive finish(), and the ScenarioBatchViews it is given (their
// `input` until build_actions(), the rest until finish()). The
// sequence updates and step events of the RecordedDay it returns view the Portfolio's invoice and
// customer ids, the SequenceTable's ids and names and the scenarios' names (ChangeBatch): those
// must also outlive the RecordedDay (the run keeps them until its commit). It is used by one
// thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "dsl/batch.hpp"
#include "engine/base/config.hpp"
#include "engine/day/customer_day.hpp"
#include "engine/day/scenario_set.hpp"
#include "engine/model/sequence_table.hpp"
#include "engine/model/store_records.hpp"
#include "engine/portfolio/portfolio.hpp"

namespace dun {

struct EvaluationErrorRecord {
  std::string invoice;
  std::string scenario;
  std::string clause;  // "when of step first"
  std::string message;
};

// What one day's recording counted, and the evaluation errors it met; the run's RunSummary
// extends it with what only the run knows.
struct RecordCounts {
  // (scenario, step, channel) -> actions built
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> actions;
  std::size_t fired = 0;
  std::size_t skipped = 0;
  std::size_t held = 0;           // steps held today: `wait until` or the contact limit
  std::size_t held_by_limit = 0;  // candidate actions the contact limit held (language.md §3.2)
  std::size_t held_by_limit_invoices = 0;  // the invoices of those (counted in `held` too)
  std::size_t repetitions = 0;             // fired steps that were repetitions of a `repeat` step
  std::size_t started = 0;
  std::size_t paused = 0;
  std::size_t resumed = 0;
  std::size_t closed = 0;
  std::size_t reopened = 0;
  std::size_t stopped = 0;
  std::vector<EvaluationErrorRecord> errors;
  // Letters to a contact without a postal address of its own, sent to the customer's instead.
  std::vector<std::string> recipient_warnings;
};

// Everything to commit for the day, and what it counted.
struct RecordedDay {
  ChangeBatch changes;
  RecordCounts counts;
};

struct ScenarioBatchView {
  const LoadedScenario* scenario = nullptr;
  // The batch as its back end read it: build_actions() evaluates the actions' payload
  // expressions on it. Not read after build_actions().
  const dsl::BatchInput* input = nullptr;
  std::span<const std::uint32_t> rows;           // portfolio invoice rows
  std::span<const std::uint32_t> sequence_rows;  // per batch row, kNoSequence for a fresh start
  std::span<const std::uint8_t> sequence_flags;  // per batch row: dsl::SequenceFlag bits
};

// Records the day in an order that lets the run free the day's plan before the per-invoice rows
// are recorded, so that the plan is never alive beside the whole batch:
//   add_batch() for every batch, reserve(), build_actions(); then the caller may free each
//   batch's input and the CustomerDay; then close_sequence() for each closing, record() for each
//   batch (whose decisions may be freed right after), and finish().
// The rows come out in the order of the day: closings, then each batch's state changes and
// skipped steps, then the fired steps, then the tasks' events; the evaluation errors in batch
// order, then the actions' errors.
class DayRecorder {
 public:
  DayRecorder(const Portfolio& portfolio, const SequenceTable& sequences, const Config& config,
              Date today)
      : portfolio_(portfolio), sequences_(sequences), config_(config), today_(today) {
    // At most one update per invoice, usually: reserved once, the vector is never moved while it
    // grows (a first run of a million invoices records ~700k updates). Untouched capacity costs
    // address space, not memory.
    changes_.sequences.reserve(portfolio.invoices.size());
  }

  // Registers a batch of the DayPlan, every one (empty ones included) in the plan's order:
  // DayAction::batch indexes them. The spans must stay valid until finish().
  void add_batch(const ScenarioBatchView& batch) { batches_.push_back(batch); }
  // Reserves the batch's step events and history events for the day: the plan's decisions (by
  // batch), its closings, and the actions `day` will build. A vector that grows by copying holds
  // both copies for a moment, and the last growth comes at the end of the record phase, when the
  // day's memory is at its highest. Optional: without it the vectors grow as they must.
  void reserve(std::span<const std::vector<dsl::Decision>> decisions, std::size_t closings,
               const CustomerDay& day);
  // Builds the day's actions (merged and limited by plan_customer_day) and their tasks.
  // REQUIRES: called once, after every add_batch() and before record(), with the CustomerDay of
  // the decisions that record() will be given. Afterwards neither `day` nor the batches' inputs
  // are read.
  void build_actions(const CustomerDay& day);
  // A stored sequence that no longer applies today without being evaluated: its invoice left the
  // snapshot, or it is no longer followed up by that scenario (reassigned, opted out).
  void close_sequence(std::uint32_t sequence_row, const std::string& detail);
  // Records the decisions of batch `batch` (the index of its add_batch()): state changes, skipped
  // steps, and which steps fire. Called once per batch, in order. `decisions` is not kept.
  // REQUIRES: the decisions are those plan_customer_day left (its holds applied).
  void record(std::size_t batch, std::span<const dsl::Decision> decisions);
  // Adds the fired steps' and the tasks' rows and returns everything to commit with the counts.
  // REQUIRES: called once, last.
  RecordedDay finish();

 private:
  struct Fired {
    std::uint32_t row;  // portfolio invoice row
    std::uint32_t batch;
    std::uint8_t step;
    int repetition;  // 0: not a repetition
  };
  // The action a fired invoice's step event links to (its first) and the status its step is
  // left in (every action it is part of counts: a merge may make it wait for a confirm).
  struct InvoiceAction {
    std::uint32_t row;  // portfolio invoice row
    StepStatus leaves;
    std::string_view action_id;  // kept in changes_.text
  };
  // `invoice` and `customer` view the Portfolio's or the SequenceTable's ids (they outlive the
  // batch until it is written); `detail` is copied into the batch's pool.
  void add_event(std::string_view invoice, std::string_view customer, EventKind kind,
                 std::string_view detail);

  const Portfolio& portfolio_;
  const SequenceTable& sequences_;
  const Config& config_;
  Date today_;
  ChangeBatch changes_;
  RecordCounts counts_;
  std::vector<Fired> fired_;
  // The batches registered; the caller keeps what they point to alive as documented above.
  std::vector<ScenarioBatchView> batches_;
  // From build_actions(), for finish(): by row, one per invoice of the day's actions.
  std::vector<InvoiceAction> invoice_actions_;
  std::vector<HistoryEvent> task_events_;  // few: their text is copied into the pool at the end
  std::vector<EvaluationErrorRecord> action_errors_;  // after the evaluation errors
};

}  // namespace dun

// The plan of one day: every invoice split by the scenario that handles it (the collector's
// overrides, customer.scenario, the default), the stored sequences each one goes on with, the
// ones that close without being evaluated, the collector's pauses, and per scenario the batch the
// back ends evaluate (dsl/batch.hpp). It is THE planner: the daily run, `dun status` and
// `dun explain` (and through the run `dun simulate` and `dun test`) all build their day with it,
// so none of them can see a different day than the run does.
//
// Ownership and lifetimes: a DayPlan owns its batches' row lists and sequence columns and shares
// its DayInputs (aggregates, columns, environment; immutable, on the heap), and every BatchInput
// points only into those, so moving a DayPlan keeps every pointer valid. It keeps references,
// pointers or views into
//   - the Portfolio (the batch columns read it),
//   - the ScenarioSet (ScenarioBatch::scenario),
//   - the Config (the rate table of the environment),
//   - the overrides (manual_pause_until's keys are views of their invoice ids),
//   - the delivery facts, if any (read only while building),
// which must all outlive it. The SequenceTable is only read while building; sequence rows are
// indexes into it. A DayPlan is immutable once built: concurrent readers are safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/batch.hpp"
#include "engine/base/config.hpp"
#include "engine/day/assign.hpp"
#include "engine/day/day_inputs.hpp"
#include "engine/day/scenario_set.hpp"
#include "engine/day/sequence_inputs.hpp"
#include "engine/model/sequence_table.hpp"
#include "engine/model/store_records.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

// One scenario's share of the day, laid out for its back end.
struct ScenarioBatch {
  const LoadedScenario* scenario = nullptr;  // points into the ScenarioSet
  std::vector<std::uint32_t> rows;           // portfolio invoice rows, ascending
  // Per batch row: the SequenceTable row it goes on with, or kNoSequence (it starts afresh).
  std::vector<std::uint32_t> sequence_rows;
  SequenceInputs sequences;  // the stored state, with the collector's pauses flagged
  dsl::BatchInput input;     // row_count == rows.size(); points into this batch and the plan

  bool empty() const { return rows.empty(); }
};

// A stored sequence the day closes without evaluating it, with the history event's detail:
// its invoice left the snapshot, is no longer followed up, or is reassigned to another scenario.
struct SequenceClosing {
  std::uint32_t sequence_row = 0;
  std::string detail;
};

// Where an invoice sits in the plan.
struct PlannedRow {
  std::uint32_t scenario = 0;  // index in DayPlan::batches() (= in the ScenarioSet)
  std::uint32_t position = 0;  // in that batch
};

// What a day is planned from; every reference must outlive the DayPlan (see above).
struct DaySources {
  const Portfolio& portfolio;
  const ScenarioSet& scenarios;
  const Config& config;
  const SequenceTable& sequences;
  const std::vector<Override>& overrides;
  Date date;
  // What the scenarios read of delivery (invoice.last_letter_status, customer.email_bounced);
  // null: nothing known (no letter, no bounce).
  const DeliveryFacts* delivery = nullptr;
};

class DayPlan {
 public:
  // Plans every invoice of the portfolio, or only `only_rows` (portfolio invoice rows, e.g. one
  // customer's for `dun status --customer`, one invoice for `dun explain`): a planned row's batch
  // values do not depend on which other rows are planned. Closings are listed for every stored
  // sequence whose invoice left the snapshot, and for the planned rows.
  static DayPlan build(const DaySources& sources,
                       std::optional<std::span<const std::uint32_t>> only_rows = {});
  // The same with `inputs` built before from the same sources (DayInputs::build): the many small
  // plans of one day (the pages of the workspace) share them instead of each building them for
  // the whole portfolio. REQUIRES: inputs != nullptr.
  static DayPlan build(const DaySources& sources, std::shared_ptr<const DayInputs> inputs,
                       std::optional<std::span<const std::uint32_t>> only_rows);

  DayPlan(DayPlan&&) = default;
  DayPlan& operator=(DayPlan&&) = default;
  DayPlan(const DayPlan&) = delete;
  DayPlan& operator=(const DayPlan&) = delete;

  Date date() const { return date_; }
  // Which scenario handles each invoice row of the portfolio (all rows, planned or not).
  const Assignment& assignment() const { return inputs_->assignment(); }
  // What the plan was built on, for other plans of the same day.
  const std::shared_ptr<const DayInputs>& inputs() const { return inputs_; }
  // The customer aggregates of the day (shared: they outlive the plan if kept).
  const std::shared_ptr<const CustomerAggregates>& aggregates() const {
    return inputs_->aggregates();
  }
  // The delivery facts of the day as the back ends read them (empty when none were given).
  const DeliveryColumns& delivery() const { return inputs_->delivery(); }
  // One per scenario of the ScenarioSet, in its order; a batch with no invoice is empty.
  std::span<const ScenarioBatch> batches() const { return batches_; }
  // In the order the run records them: absent invoices by sequence row, then by invoice row.
  const std::vector<SequenceClosing>& closings() const { return closings_; }
  // The invoices the batches hold (the handled ones).
  std::size_t handled() const { return handled_; }
  // The batch and position of a planned, handled invoice row; nullopt otherwise.
  std::optional<PlannedRow> find(std::uint32_t row) const;
  // The until date of a collector's pause that holds on the date, for any invoice id.
  std::optional<Date> manual_pause_until(std::string_view invoice) const;
  // Each batch's decisions from its scenario's evaluator, in the order of batches(): one per
  // batch row (none for an empty batch). The run, explain and status evaluate through this.
  std::vector<std::vector<dsl::Decision>> evaluate() const;

  // Frees what only evaluation and the actions' payloads read: the day's inputs (columns,
  // assignment, delivery; the aggregates stay alive if shared), the collector's pauses, and each
  // batch's sequence columns but its flags. Each batch keeps its scenario, rows, sequence_rows
  // and sequences.flags, and the plan its closings, date and handled count: what the run records
  // once the actions are built. The run calls it there because the plan would otherwise sit
  // beside the day's whole batch at its highest (~0.3 GB at 10M invoices). After it, evaluate(),
  // find(), manual_pause_until(), assignment(), aggregates(), delivery(), inputs() and each
  // batch's `input` must not be used (the input's freed columns are null).
  void release_evaluation_inputs();

 private:
  explicit DayPlan(Date date) : date_(date) {}

  Date date_;
  std::shared_ptr<const DayInputs> inputs_;
  std::vector<ScenarioBatch> batches_;
  std::vector<SequenceClosing> closings_;
  std::unordered_map<std::string_view, Date> manual_pauses_;  // views into the overrides
  std::size_t handled_ = 0;
};

}  // namespace dun

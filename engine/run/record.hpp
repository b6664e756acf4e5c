// Turns the decisions of one scenario's batch into what the state store keeps (language.md §3,
// data-model.md): sequence updates, step events, history events, and the actions and tasks of
// the fired steps — grouped per customer where the action says `grouped` (same customer,
// scenario, step, action position and day; never across customers) — and counts what it
// recorded, for the run's summary.
//
// Ownership and lifetimes: a DayRecorder keeps references to the Portfolio, the SequenceTable
// and the Config, and the ScenarioBatchViews it is given, which must all outlive finish(). It is
// used by one thread.
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
  std::size_t held = 0;
  std::size_t started = 0;
  std::size_t paused = 0;
  std::size_t resumed = 0;
  std::size_t closed = 0;
  std::size_t reopened = 0;
  std::size_t stopped = 0;
  std::vector<EvaluationErrorRecord> errors;
};

// Everything to commit for the day, and what it counted.
struct RecordedDay {
  ChangeBatch changes;
  RecordCounts counts;
};

struct ScenarioBatchView {
  const LoadedScenario* scenario = nullptr;
  const dsl::BatchInput* input = nullptr;
  std::span<const dsl::Decision> decisions;
  std::span<const std::uint32_t> sequence_rows;  // per batch row, kNoSequence for a fresh start
};

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

  // Records one scenario's decisions (state changes now; actions are grouped in finish()).
  void record(const ScenarioBatchView& batch);
  // A stored sequence that no longer applies today without being evaluated: its invoice left the
  // snapshot, or it is no longer followed up by that scenario (reassigned, opted out).
  void close_sequence(std::uint32_t sequence_row, const std::string& detail);
  // Groups the fired steps' actions, builds tasks, and returns everything to commit with the
  // counts. REQUIRES: called once, last.
  RecordedDay finish();

 private:
  struct Fired {
    std::size_t batch;       // index in batches_
    std::uint32_t position;  // in the batch
    std::uint8_t step;
  };
  void build_actions(std::vector<Fired> fired);
  void add_event(std::string_view invoice, std::string_view customer, EventKind kind,
                 std::string detail);

  const Portfolio& portfolio_;
  const SequenceTable& sequences_;
  const Config& config_;
  Date today_;
  ChangeBatch changes_;
  RecordCounts counts_;
  std::vector<Fired> fired_;
  // The batches recorded so far; the caller keeps what they point to alive until finish().
  std::vector<ScenarioBatchView> batches_;
};

}  // namespace dun

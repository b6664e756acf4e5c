// The rows a run reads from and writes to the state store, other than actions and tasks
// (action.hpp, task.hpp): per-invoice sequence state, step events, history events, quarantined
// input rows, collector overrides, and the run record itself.
//
// Plain values, copied and moved freely, that own their text — except the rows a ChangeBatch
// writes in the hundreds of thousands (SequenceUpdate, StepEvent), whose text fields are views:
// see ChangeBatch for what they may point into. Nothing synchronises them. The enum words
// (to_string, parse_*) are those of the store's CHECK constraints (record_names.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/quarantined_row.hpp"
#include "engine/model/action.hpp"
#include "engine/model/task.hpp"
#include "engine/model/text_pool.hpp"
#include "stdlib/date.hpp"

namespace dun {

enum class SequenceState { active, paused, closed, stopped };
enum class StepStatus { fired, skipped, pending_confirmation, waiting_task, completed };
enum class EventKind {
  step_fired,
  step_skipped,
  paused,
  resumed,
  closed,
  reopened,
  stopped,
  quarantined,
  task_created,
  task_confirmed,
  task_cancelled,
  task_completed,
  delivery,
  override_set  // a collector's override (dun assign|optout|optin|pause|resume); stored `override`
};
enum class OverrideKind { assign, optout, pause };

std::string_view to_string(SequenceState state);
std::string_view to_string(StepStatus status);
std::string_view to_string(EventKind kind);
std::string_view to_string(OverrideKind kind);
std::optional<SequenceState> parse_sequence_state(std::string_view text);
std::optional<StepStatus> parse_step_status(std::string_view text);
std::optional<EventKind> parse_event_kind(std::string_view text);
std::optional<OverrideKind> parse_override_kind(std::string_view text);

// An invoice's sequence: `Text` is a RowText (a view) in a batch's SequenceUpdate (see
// ChangeBatch), std::string in the StoredSequence the store reads back (StateStore::find_sequence).
template <typename Text>
struct BasicSequence {
  Text invoice_id;
  Text customer_id;
  Text scenario;
  SequenceState state = SequenceState::active;
  Text last_step;  // by name; empty before the first step
  Date started_on;
  Date updated_on;
};
// Inserted, or replacing the invoice's row.
using SequenceUpdate = BasicSequence<RowText>;
using StoredSequence = BasicSequence<std::string>;

// Inserted, or replacing the event of the same (invoice, scenario, step). Its text is viewed
// (see ChangeBatch).
struct StepEvent {
  RowText invoice_id;
  RowText scenario;
  RowText step;
  StepStatus status = StepStatus::fired;
  RowText reason;  // for skipped steps: expired, condition, late, cancelled, settled, …
  Date date;
  RowText action_id;  // the action (or its task) that carries the step, if any
  // Of the last step's `repeat` (language.md §3.2): 0 for the step's first firing, n for its n-th
  // repetition. nullopt keeps what the store has (a confirmation, a skip, the agenda upkeep).
  std::optional<int> repetition = std::nullopt;
};

// One line of an invoice's (or a customer's) history. At least one of the ids is set. `Text` is
// a RowText (a view) in a batch's EventRow (see ChangeBatch), std::string in the HistoryEvent the
// store reads back (StateStore::invoice_history) and that commands build.
template <typename Text>
struct BasicHistoryEvent {
  Text invoice_id;
  Text customer_id;
  Date date;
  EventKind kind = EventKind::step_fired;
  Text detail;  // free text or JSON
};
using HistoryEvent = BasicHistoryEvent<std::string>;
using EventRow = BasicHistoryEvent<RowText>;

struct Override {
  OverrideKind kind = OverrideKind::assign;
  std::string subject;        // customer id (assign) or invoice id (optout, pause)
  std::string scenario;       // assign: a scenario name or "none"
  std::optional<Date> until;  // pause
  Date set_on;
  std::string set_by;
};

struct RunCounts {
  std::int64_t invoices = 0;
  std::int64_t actions = 0;
  std::int64_t events = 0;
  std::int64_t tasks = 0;
  std::int64_t quarantined = 0;
  std::int64_t evaluation_errors = 0;
};

enum class RunOutcome { completed, failed };

struct RunRecord {
  Date date;
  std::string snapshot_fingerprint;
  std::vector<std::pair<std::string, std::string>> scenario_fingerprints;  // name, fingerprint
  std::string started_at;  // ISO UTC time, see utc_now_iso()
  std::string ended_at;    // set by the store when empty
  RunOutcome outcome = RunOutcome::completed;
  std::string message;  // why a failed run failed
  RunCounts counts;
  std::string shard;  // "K/N" for `dun run --shard K/N`, empty for an unsharded run
};

// Everything one run phase writes, committed in one transaction (StateStore::commit_run).
// Rows are written in this order: sequences, step events, actions, tasks, events, quarantine.
//
// How the rows hold their text: actions, tasks and quarantine rows own theirs; sequences, step
// events and history events (a first run of a million invoices records ~700k, ~300k and ~300k of
// them) hold views (RowText, which refuses a temporary std::string), each pointing either
//   - into `text`, the batch's own pool (keep() copies a string there), or into static storage
//     (a string literal, to_string of an enum), both valid as long as the batch; or
//   - into storage its builder states outlives the batch until it is written: the run's
//     DayRecorder views the Portfolio's ids, the SequenceTable's and the loaded scenarios' names
//     (record.hpp). A builder that holds its text in locals keeps it in `text`.
// Copies of a batch share `text`, so a copy's views stay valid when the original is dropped.
struct ChangeBatch {
  TextPool text;
  std::vector<SequenceUpdate> sequences;
  std::vector<StepEvent> step_events;
  std::vector<Action> actions;
  std::vector<Task> tasks;  // their ids are given by the store; action_id links them
  std::vector<EventRow> events;
  std::vector<QuarantinedRow> quarantine;

  // Appends `event` with its text copied into `text`: for events whose strings do not outlive the
  // batch (a command's, a task closing's).
  void add_event(const HistoryEvent& event) {
    events.push_back(EventRow{text.keep(event.invoice_id), text.keep(event.customer_id), event.date,
                              event.kind, text.keep(event.detail)});
  }
};

// The current time in UTC, to the second: "2026-11-22T13:45:07Z". Safe from any thread.
std::string utc_now_iso();

// What the reports read from the outbox and the history (`dun report effectiveness`, the
// workspace's reports).
struct ActionPayment {
  std::string scenario;
  std::string step;
  Date action_date;
  std::string invoice_id;
  std::optional<Date> closed_on;  // the first close on or after action_date
};

struct DailyActions {
  Date date;
  std::string channel;
  std::int64_t count = 0;
};

}  // namespace dun

// The state store: everything dun remembers between runs, in one SQLite file (data-model.md,
// "State store"; docs/state-store.md has the schema and why a crash at any point is safe).
//
// A run uses it in three moves:
//   1. begin_run(D)      — refuses a date before the last completed run, says whether D repeats it;
//   2. load_sequences()  — all per-invoice state in one pass, in columns;
//   3. commit_run(…)     — every change of the run and the run record, in ONE transaction.
// Agenda, outbox and override operations are each one transaction too. Nothing is written outside
// a transaction, so the file always holds whole runs and whole agenda or delivery changes.
//
// A StateStore owns one SQLite connection to its file: it can be moved, not copied, and closes the
// connection when destroyed. Not thread-safe: one connection, used by one thread at a time;
// another thread or process opens its own StateStore on the same file (SQLite's locks serialise
// the writers, WAL lets readers go on). Everything it returns is a value that owns its data and
// may outlive the store. The SQL stays inside engine/store: its sqlite_db.hpp, schema.hpp,
// store_rows.hpp and store_batch.hpp are private (scripts/check_includes.py).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/shard.hpp"
#include "engine/model/action.hpp"
#include "engine/model/delivery_records.hpp"
#include "engine/model/sequence_table.hpp"
#include "engine/model/store_records.hpp"
#include "engine/model/task.hpp"
#include "engine/model/user_account.hpp"
#include "engine/store/sqlite_db.hpp"
#include "engine/store/store_lock.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

struct RunStart {
  Date date;
  std::optional<Date> last_completed;  // the date of the last completed run, if any
  bool repeats_last_date = false;      // date == last_completed: a re-run of the same day
};

// A collector closing a task (dun agenda confirm|complete|cancel).
struct TaskClosing {
  std::int64_t task_id = 0;
  TaskStatus to = TaskStatus::confirmed;  // confirmed, completed or cancelled
  Date date;
  std::string by;
  std::string note;  // e.g. the reason of a cancellation ("settled")
  // Confirm only: the invoices still to act on after the re-check (language.md §3.1); empty
  // keeps them all. The action keeps its id and lists only these.
  std::vector<std::string> remaining_invoices;
};

// The task and its action after the change (what the jsonl adapter writes a line for).
struct TaskClosed {
  Task task;
  Action action;
};

// One row of `dun runs list`: a run as the store recorded it, and how many of the actions created
// on its date have been handed to an adapter (an attempt made), which a run cannot take back.
struct RunListing {
  std::int64_t id = 0;
  Date date;
  std::string outcome;  // "completed" or "failed"
  std::string started_at;
  std::string ended_at;
  std::string shard;    // "K/N", "" unsharded
  std::string message;  // why a failed run failed
  RunCounts counts;
  std::int64_t actions_attempted = 0;
};

// What `dun runs undo` removed, or would remove on a dry run.
struct UndoReport {
  std::vector<RunListing> runs;        // the runs undone, oldest first
  std::optional<Date> back_to;         // the last completed run the store keeps, if any
  std::int64_t actions = 0;            // actions the runs created, removed
  std::int64_t tasks = 0;              // tasks the runs created, removed
  std::int64_t events = 0;             // history events of the runs, removed
  std::int64_t sequences_removed = 0;  // sequences the runs started, removed
  std::int64_t rows_restored = 0;  // rows the runs changed, set back (sequences, step events, …)
};

// An invoice's last follow-up (StateStore::last_follow_ups).
struct LastFollowUp {
  std::string invoice_id;
  Date date;
  std::string step;
  Channel channel = Channel::email;
  ActionStatus status = ActionStatus::queued;
};

struct CommitReport {
  std::int64_t run_id = 0;
  std::int64_t actions_created = 0;
  std::vector<std::string> duplicate_action_ids;       // already in the outbox: not inserted again
  std::vector<Task> tasks_created;                     // with the ids the store gave them
  std::vector<std::string> duplicate_task_action_ids;  // a task for that action already exists
  std::vector<TaskClosed> tasks_closed;                // the run's agenda upkeep (closings)
};

class StateStore {
 public:
  // Opens or creates the file and brings its schema to this build's version, as the one writer
  // of the store: it first takes the store's lock (store_lock.hpp), waiting up to writer.wait for
  // another process that holds it, and keeps it until the StateStore is destroyed.
  static Result<StateStore> open(const std::filesystem::path& path, const StoreWriter& writer = {});
  // Opens an existing store for reading only (sqlite::Database::open_read_only): not a byte of
  // it changes. Fails when the file is missing or its schema is not this build's. Any writing
  // method then fails with SQLite's "attempt to write a readonly database".
  static Result<StateStore> open_read_only(const std::filesystem::path& path);
  // Opens an existing store for reading only, live (sqlite::Database::open_live_read_only): it
  // takes no lock and each read sees what other processes (the nightly `dun run`, a writer opened
  // for one request) committed since. For a long-lived reader beside writers: `dun serve` keeps
  // one and opens a writer with open() only for the request that changes something.
  static Result<StateStore> open_live_read_only(const std::filesystem::path& path);

  // --- Runs ---
  Result<RunStart> begin_run(Date date);
  Result<std::optional<Date>> last_completed_run_date();
  // A number that changes whenever another connection (of this process or another) commits to the
  // store, SQLite's `PRAGMA data_version`: a long-lived reader compares it to know when what it
  // cached from the store is stale.
  Result<std::int64_t> data_version();
  // Every run, oldest first (engine/store/store_runs.cpp).
  Result<std::vector<RunListing>> list_runs();
  // Writes the batch and the run record in one transaction, and checks again inside it that no
  // later run completed meanwhile. An action whose id is already stored is left as it is and
  // reported; so is a task for an action that already has one. Nothing is written on failure.
  // A record with outcome `failed` is written the same way (with whatever batch is given, usually
  // only quarantine rows).
  // `closings` are the run's agenda upkeep (language.md §3.1), applied in the same transaction
  // as close_task would, their history events written with the batch.
  // With `jsonl`, the JSON line of every action created (not a duplicate) or closed is queued
  // for that file in the same transaction; flush_jsonl() writes them afterwards.
  Result<CommitReport> commit_run(const RunRecord& record, const ChangeBatch& batch,
                                  std::span<const TaskClosing> closings = {},
                                  const std::optional<std::filesystem::path>& jsonl = {});
  // The same, for a batch the caller is done with: its sequences, step events and history events
  // are freed as soon as each table is written (the daily run's, ~1 GB of rows at 10M invoices,
  // would otherwise stay beside the commit's own memory). Its actions and tasks are kept.
  Result<CommitReport> commit_run(const RunRecord& record, ChangeBatch&& batch,
                                  std::span<const TaskClosing> closings = {},
                                  const std::optional<std::filesystem::path>& jsonl = {});

  // Rolls the store back over the run of `from` (the first run dated on or after it) and every
  // run recorded after it, newest first, as if they had never been made: what they inserted is
  // deleted, what they changed gets its earlier values back (engine/store/store_undo.cpp), in ONE
  // transaction. Refused, with every reason and nothing changed, when an action they created was
  // handed to an adapter, when a collector changed the agenda on their invoices since, or when a
  // run has no undo log (the kUndoableRuns latest runs keep one). With `dry_run` nothing is
  // written and the report says what would be removed.
  Result<UndoReport> undo_runs(Date from, bool dry_run);

  // --- Sequence state ---
  Result<SequenceTable> load_sequences();
  // The sequences (with their step events) of `invoice_ids` only, those that have one: what a
  // page of the workspace's dashboard plans, without loading them all. One read transaction.
  Result<SequenceTable> load_sequences_of(std::span<const std::string> invoice_ids);
  // One invoice's sequence, for verbs that look at a few invoices (the re-check on confirmation,
  // explain, status) without loading them all.
  Result<std::optional<StoredSequence>> find_sequence(const std::string& invoice_id);
  // The repetition (language.md §3.2) of the step event of `invoice_id` that action `action_id`
  // carries; 0 when none does (a first firing, a manual action).
  Result<int> action_repetition(const std::string& action_id, const std::string& invoice_id);

  // --- Agenda ---
  Result<std::vector<Task>> list_tasks(bool open_only);
  // The tasks `filter` selects, in id order.
  Result<std::vector<Task>> list_tasks(const TaskFilter& filter);
  Result<std::optional<Task>> find_task(std::int64_t task_id);
  // Moves an open task to `closing.to` and its action to the matching status (confirmed ->
  // queued, completed -> completed, cancelled -> cancelled), records a history event per invoice,
  // and writes `also` (the engine's step events and sequence updates) in the same transaction.
  // Refused with a message for an unknown task, a task that is not open, a kind that cannot take
  // that status (confirm a manual task, complete a confirm-task) or a date before its creation.
  Result<TaskClosed> close_task(const TaskClosing& closing, const ChangeBatch& also = {},
                                const std::optional<std::filesystem::path>& jsonl = {});
  // Several closings in ONE transaction: all of them or none. When any is refused nothing is
  // written and the error lists every refused task, one line each (a single closing's error is
  // its refusal as close_task words it). The results are in the order of `closings`.
  Result<std::vector<TaskClosed>> close_tasks(
      std::span<const TaskClosing> closings, const ChangeBatch& also = {},
      const std::optional<std::filesystem::path>& jsonl = {});

  // --- The jsonl adapter's outbox (engine/store/store_jsonl.cpp) ---
  // Appends every queued line to its file exactly once, even after a crash in a previous flush;
  // returns the number of lines written. Every command that queues lines calls it after its
  // commit, and before its own work (to finish what a crashed command left).
  Result<std::size_t> flush_jsonl();

  // --- Outbox ---
  // Actions waiting for delivery (queued or failed), oldest first.
  Result<std::vector<Action>> actions_to_deliver();
  Result<std::optional<Action>> find_action(const std::string& action_id);
  Result<std::vector<Action>> actions_of_invoice(const std::string& invoice_id);
  // The last follow-up of every invoice that has one (one scan, by invoice id), or of
  // `invoice_ids` only (in their order, those that have one): the last action naming the invoice,
  // by creation date then id, that was not cancelled.
  Result<std::vector<LastFollowUp>> last_follow_ups();
  Result<std::vector<LastFollowUp>> last_follow_ups(std::span<const std::string> invoice_ids);
  // The actions a run created on `date` (the step fired that day), by scenario, step, customer.
  Result<std::vector<Action>> actions_created_on(Date date);
  Result<std::vector<Action>> actions_of_customer(const std::string& customer_id);
  // The contact limit's count (language.md §3.2): per customer id of `customers`, the creation
  // dates of its actions on `channel` created from `first` to `last` (inclusive) that are not
  // cancelled, whatever their mode or scenario (`dun send`'s included). One indexed lookup per
  // customer (index actions_contacts).
  Result<std::vector<std::vector<Date>>> contact_dates(std::span<const std::string_view> customers,
                                                       Channel channel, Date first, Date last);
  // A one-off action outside the scenarios (`dun send`) with its history events, in one
  // transaction. False (and nothing written) when an action with its id is already stored.
  // `document`, when given, is kept as the action's document at once (a content the outbox
  // cannot render again from a template: `dun send --pdf`, `--body-file`, `--subject`, `--bcc`).
  Result<bool> record_manual_action(const Action& action, const std::vector<HistoryEvent>& events,
                                    const StoredDocument* document = nullptr);
  // How many emails and letters wait for delivery (queued or failed), by channel: what a pass
  // without any adapter reports, without reading the actions.
  Result<std::vector<std::pair<Channel, std::int64_t>>> count_to_deliver();
  // At most `limit` action ids that start with `prefix`, in id order (`dun show` takes a unique
  // prefix of an id, as git takes one of a commit's); none for an empty prefix.
  Result<std::vector<std::string>> action_ids_starting_with(std::string_view prefix,
                                                            std::int64_t limit);
  // Every action id, in order: the candidates of "did you mean" for an unknown id.
  Result<std::vector<std::string>> action_ids();
  // Sent actions with a provider reference, oldest first: what `dun deliver --sync` may track.
  Result<std::vector<Action>> sent_actions();

  // --- Delivery (engine/store/store_delivery.cpp, docs/delivery.md) ---
  Result<std::optional<StoredDocument>> stored_document(const std::string& action_id);
  // Starts an attempt, in one transaction: keeps `document` when the action has none yet (the
  // first attempt; a retry keeps the first one) and marks the attempt in flight. Returns the
  // document to deliver: the one kept. Refused unless the action is queued or failed and no
  // attempt is in flight.
  Result<StoredDocument> begin_attempt(const std::string& action_id,
                                       const StoredDocument& document);
  // Records an attempt's outcome (started or not): counts the attempt, sets the status (sent, or
  // failed with the next attempt's time or none), clears in_flight, and writes a `delivery` event
  // per invoice. Only a queued or failed action can take an outcome.
  // `by` is the adapter that made the attempt (kept on the action for `dun deliver --sync`).
  Result<Action> finish_attempt(const std::string& action_id, const AttemptResult& result,
                                const AttemptAdapter& by = {});
  // A tracking event of a sent action. False when that (status, time) is already recorded; else
  // it is kept, becomes the action's latest tracking status, and is a `delivery` event per
  // invoice.
  Result<bool> record_tracking_event(const std::string& action_id, const TrackingRecord& event);
  // The action's tracking events in the order they occurred.
  Result<std::vector<TrackingRecord>> tracking_events(const std::string& action_id);
  Status set_proof_path(const std::string& action_id, const std::string& path);
  // The delivery facts scenarios read (engine/model/delivery_records.hpp), from every action.
  Result<DeliveryFacts> load_delivery_facts();
  // The same facts of `invoice_ids` and of customer `customer_id` alone, read by index (explain,
  // status --customer): what the full facts say of them.
  Result<DeliveryFacts> load_delivery_facts_of(const std::string& customer_id,
                                               std::span<const std::string> invoice_ids);

  // --- History, in time order (date, then the order events were written) ---
  Result<std::vector<HistoryEvent>> invoice_history(const std::string& invoice_id);
  Result<std::vector<HistoryEvent>> customer_history(const std::string& customer_id);
  // Every invoice (or customer) id that has a history: the candidates of "did you mean".
  Result<std::vector<std::string>> invoices_with_history();
  Result<std::vector<std::string>> customers_with_history();
  Result<std::vector<QuarantinedRow>> quarantine_of_run(std::int64_t run_id);

  // --- Collector overrides ---
  // Each is one transaction with `event` (the history line of the change, kind override_set),
  // when given. put replaces an override of the same kind and subject.
  Status put_override(const Override& override_row, const std::optional<HistoryEvent>& event = {});
  // False when there was none (and then no event is written).
  Result<bool> remove_override(OverrideKind kind, const std::string& subject,
                               const std::optional<HistoryEvent>& event = {});
  Result<std::vector<Override>> load_overrides();
  Result<std::optional<Override>> find_override(OverrideKind kind, const std::string& subject);

  // --- Reports (engine/store/store_reports.cpp, `dun report`) ---
  // Per executed action (queued, sent or completed: confirmed or automatic) and invoice it named:
  // the action's scenario, step, date, and the first day on or after it that the invoice was
  // closed (paid), if it was.
  Result<std::vector<ActionPayment>> action_payments();
  // How many actions were created per day and channel from `since` on, by day then channel.
  Result<std::vector<DailyActions>> actions_per_day(Date since);

  // --- The workspace's accounts (engine/store/store_users.cpp) ---
  // Refused, saying so, when an account of that name exists.
  Status add_user(const UserAccount& account);
  // False when there was no such account.
  Result<bool> remove_user(const std::string& name);
  Result<std::vector<UserAccount>> list_users();  // by name
  Result<std::optional<UserAccount>> find_user(const std::string& name);

  // --- The file ---
  // The version of the SQLite library the store runs on ("3.40.1"), for `dun version`.
  static const char* sqlite_version();
  // For a dun process, first thing in main, before any database is opened: turns off SQLite's
  // memory statistics, which take one global mutex around every allocation and free inside
  // SQLite to keep their counters. dun reads none of them, and a run's commit allocates millions
  // of times: the mutex was 8 % of a first day's commit (bench/RESULTS.md). Returns false, and
  // changes nothing, once SQLite has been initialised in this process. Tests leave the statistics
  // on (they measure the commit's memory with them).
  static bool drop_sqlite_memory_statistics();
  // Whether SQLite keeps its memory statistics in this process. Meaningful once a database has
  // been opened (the counters are then above zero when kept); `dun run --verbose` logs it.
  static bool sqlite_memory_statistics_kept();
  // The path the store was opened with (what messages name, and where `dun deliver` keeps its
  // proofs folder beside it).
  const std::string& file_name() const { return database_.file_name(); }
  // Copies the whole store into `copy` (created or replaced) with SQLite's online backup, which
  // reads a consistent snapshot even while other processes write, and empties the copy's jsonl
  // outbox: a copy must never write lines into the real jsonl files (`dun simulate`).
  // REQUIRES: `copy` is not the file of this store.
  Status copy_for_simulation(const std::filesystem::path& copy);

  // --- Resharding (engine/store/store_reshard.cpp, docs/scale-out.md) ---
  // Copies into this store (a new, empty one) the rows of each of `sources` that belong to
  // `shard` of the new layout: every table keyed by customer or invoice, runs renumbered so
  // that the runs of several sources do not collide. One transaction per source. Adds the rows
  // copied per table to `rows`.
  // REQUIRES: the sources hold this build's schema and no queued jsonl lines (flush_jsonl()).
  Status copy_shard_rows_from(std::span<const std::filesystem::path> sources, const Shard& shard,
                              std::map<std::string, std::int64_t>& rows);
  // How many rows each table that resharding moves holds (runs included).
  Result<std::map<std::string, std::int64_t>> count_reshard_rows();

 private:
  Result<CommitReport> commit_run(const RunRecord& record, const ChangeBatch& batch,
                                  ChangeBatch* releasable, std::span<const TaskClosing> closings,
                                  const std::optional<std::filesystem::path>& jsonl);
  // Tests inspect the connection's pragmas and damage the file through it (tests/).
  friend struct StateStoreTestAccess;

  // close_task without its transaction: the caller holds one. History events go to `writes`.
  Result<TaskClosed> apply_task_closing(const TaskClosing& closing, ChangeBatch& writes);
  // Inside the caller's transaction.
  Status queue_jsonl(const std::string& path, std::span<const std::string> lines);
  // A reader on `database` (open_read_only, open_live_read_only), once its schema is checked.
  static Result<StateStore> reader(Result<sqlite::Database> database);
  StateStore(sqlite::Database database, std::optional<StoreLock> lock)
      : database_(std::move(database)), lock_(std::move(lock)) {}
  sqlite::Database database_;
  std::optional<StoreLock> lock_;  // held by a writer; none for open_read_only
};

}  // namespace dun

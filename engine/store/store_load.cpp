// Loading sequence state, all of it for a run or a few invoices' for a page of the workspace:
// two scans in invoice id order (sequences, then step events), merged as they stream, into the
// columnar SequenceTable.
#include <algorithm>

#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

constexpr std::string_view kSelectSequences = R"sql(
SELECT invoice_id, customer_id, scenario, state, last_step, started_on, updated_on
FROM sequences ORDER BY invoice_id)sql";

// The primary key (invoice_id, scenario, step) gives this order without sorting.
constexpr std::string_view kSelectStepEvents = R"sql(
SELECT invoice_id, scenario, step, status, reason, event_date, repetition
FROM step_events ORDER BY invoice_id, scenario, step)sql";

constexpr std::string_view kSelectStepEventsOfInvoice = R"sql(
SELECT invoice_id, scenario, step, status, reason, event_date, repetition
FROM step_events WHERE invoice_id = ?1 ORDER BY invoice_id, scenario, step)sql";

constexpr std::string_view kSelectSequence = R"sql(
SELECT invoice_id, customer_id, scenario, state, last_step, started_on, updated_on
FROM sequences WHERE invoice_id = ?1)sql";

// The columns of a sequence row that are not text kept as they are.
struct SequenceValues {
  SequenceState state;
  Date started_on;
  Date updated_on;
};

Result<SequenceValues> read_sequence_values(const sqlite::Statement& row, std::string_view file) {
  auto state = parse_sequence_state(row.column_text(3));
  if (!state) return store_rows::damaged(file, "the sequence state", row.column_text(3));
  auto started = store_rows::read_date(row, 5, file);
  if (!started) return started.error();
  auto updated = store_rows::read_date(row, 6, file);
  if (!updated) return updated.error();
  return SequenceValues{*state, *started, *updated};
}

Result<StoredSequence> read_sequence(const sqlite::Statement& row, std::string_view file) {
  auto values = read_sequence_values(row, file);
  if (!values) return values.error();
  return StoredSequence{std::string(row.column_text(0)),
                        std::string(row.column_text(1)),
                        std::string(row.column_text(2)),
                        values->state,
                        std::string(row.column_text(4)),
                        values->started_on,
                        values->updated_on};
}

// Ends the read transaction begun before the statements (declared first, it ends after they
// are finalized).
struct EndRead {
  sqlite::Database& database;
  ~EndRead() { (void)database.execute("COMMIT"); }
};

// Feeds `builder` every sequence `sequence_rows` yields with its step events from `event_rows`,
// both bound and ordered by invoice id, merged as they stream.
Status merge_sequences(sqlite::Statement& sequence_rows, sqlite::Statement& event_rows,
                       std::string_view file, SequenceTableBuilder& builder) {
  auto event_row = event_rows.step();
  if (!event_row) return event_row.error();
  for (;;) {
    auto row = sequence_rows.step();
    if (!row) return row.error();
    if (!*row) break;
    // Read in place (no SequenceUpdate in between: the builder copies only the two ids).
    const std::string_view invoice_id = sequence_rows.column_text(0);
    const std::string_view customer_id = sequence_rows.column_text(1);
    const std::string_view scenario = sequence_rows.column_text(2);
    auto values = read_sequence_values(sequence_rows, file);
    if (!values) return values.error();
    if (!builder.ids_fit(std::max(invoice_id.size(), customer_id.size()))) {
      return Error{std::string(file) +
                   ": the store's sequences hold more than 4 GiB of invoice or customer ids, more "
                   "than one run can load; split the portfolio into shards (dun shards)"};
    }
    builder.add_sequence(invoice_id, customer_id, scenario, values->state,
                         sequence_rows.column_text(4), values->started_on, values->updated_on);

    // Events of invoices before this one cannot exist (the foreign key), so skipping is a guard.
    while (*event_row && event_rows.column_text(0) <= invoice_id) {
      if (event_rows.column_text(0) == invoice_id && event_rows.column_text(1) == scenario) {
        auto status = parse_step_status(event_rows.column_text(3));
        if (!status) return store_rows::damaged(file, "the step status", event_rows.column_text(3));
        auto date = store_rows::read_date(event_rows, 5, file);
        if (!date) return date.error();
        builder.add_event(event_rows.column_text(2), *status, event_rows.column_text(4), *date,
                          static_cast<std::uint16_t>(event_rows.column_int64(6)));
      }
      event_row = event_rows.step();
      if (!event_row) return event_row.error();
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::optional<StoredSequence>> StateStore::find_sequence(const std::string& invoice_id) {
  return store_rows::select_one<StoredSequence>(database_, kSelectSequence, read_sequence,
                                                invoice_id);
}

Result<SequenceTable> StateStore::load_sequences() {
  // Every page of both tables is read once: caching them would only add to the run's peak.
  const sqlite::Database::SmallCacheScope small_cache(database_);
  // A read transaction, so both scans see the same state even if another process commits.
  if (auto begun = database_.execute("BEGIN"); !begun) return begun.error();
  EndRead end_read{database_};  // declared first: ends after the statements are finalized
  auto sequences = database_.prepare(kSelectSequences);
  if (!sequences) return sequences.error();
  auto events = database_.prepare(kSelectStepEvents);
  if (!events) return events.error();
  SequenceTableBuilder builder;
  if (auto merged =
          merge_sequences(sequences.value(), events.value(), database_.file_name(), builder);
      !merged) {
    return merged.error();
  }
  return std::move(builder).finish();
}

Result<SequenceTable> StateStore::load_sequences_of(std::span<const std::string> invoice_ids) {
  std::vector<std::string_view> ids(invoice_ids.begin(), invoice_ids.end());
  std::sort(ids.begin(), ids.end());  // the builder takes them in invoice id order
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (auto begun = database_.execute("BEGIN"); !begun) return begun.error();
  EndRead end_read{database_};
  auto sequences = database_.prepare(kSelectSequence);
  if (!sequences) return sequences.error();
  auto events = database_.prepare(kSelectStepEventsOfInvoice);
  if (!events) return events.error();
  SequenceTableBuilder builder;
  sqlite::Statement& sequence_rows = sequences.value();
  sqlite::Statement& event_rows = events.value();
  for (const std::string_view id : ids) {
    sequence_rows.bind(1, id);
    event_rows.bind(1, id);
    if (auto merged = merge_sequences(sequence_rows, event_rows, database_.file_name(), builder);
        !merged) {
      return merged.error();
    }
    sequence_rows.reset();
    event_rows.reset();
  }
  return std::move(builder).finish();
}

}  // namespace dun

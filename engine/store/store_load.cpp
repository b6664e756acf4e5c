// Loading sequence state, all of it for a run or a few invoices' for a page of the workspace: the
// sequence blocks read in invoice id order (sequence_blocks.hpp), each entry fed to the columnar
// SequenceTable with the step events of its current scenario.
#include <algorithm>

#include "engine/store/sequence_blocks.hpp"
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

// The columns of a sequence that are not text kept as they are.
struct SequenceValues {
  SequenceState state;
  Date started_on;
  Date updated_on;
};

Result<Date> entry_date(std::string_view text, std::string_view file) {
  if (auto date = Date::parse(text)) return *date;
  return store_rows::damaged(file, "the date", text);
}

Result<SequenceValues> read_sequence_values(const SequenceEntry& entry, std::string_view file) {
  auto state = parse_sequence_state(entry.state);
  if (!state) return store_rows::damaged(file, "the sequence state", entry.state);
  auto started = entry_date(entry.started_on, file);
  if (!started) return started.error();
  auto updated = entry_date(entry.updated_on, file);
  if (!updated) return updated.error();
  return SequenceValues{*state, *started, *updated};
}

// Feeds `builder` the sequence of `entry` and the step events of its current scenario (ordered by
// step name, as the entry keeps them by scenario then step).
Status add_entry(const SequenceEntry& entry, std::string_view file, SequenceTableBuilder& builder) {
  auto values = read_sequence_values(entry, file);
  if (!values) return values.error();
  builder.add_sequence(entry.invoice_id, entry.customer_id, entry.scenario, values->state,
                       entry.last_step ? std::string_view(*entry.last_step) : std::string_view(),
                       values->started_on, values->updated_on);
  for (const StepEntry& step : entry.steps) {
    if (step.scenario != entry.scenario) continue;
    auto status = parse_step_status(step.status);
    if (!status) return store_rows::damaged(file, "the step status", step.status);
    auto date = entry_date(step.event_date, file);
    if (!date) return date.error();
    builder.add_event(step.step, *status, step.reason ? std::string_view(*step.reason) : "", *date,
                      static_cast<std::uint16_t>(step.repetition));
  }
  return Status::Ok();
}

// Ends the read transaction begun before the statements (declared first, it ends after they
// are finalized).
struct EndRead {
  sqlite::Database& database;
  ~EndRead() { (void)database.execute("COMMIT"); }
};

}  // namespace

Result<std::optional<StoredSequence>> StateStore::find_sequence(const std::string& invoice_id) {
  auto found = find_sequence_entry(database_, invoice_id);
  if (!found) return found.error();
  if (!*found) return std::optional<StoredSequence>();
  const SequenceEntry& entry = **found;
  auto values = read_sequence_values(entry, database_.file_name());
  if (!values) return values.error();
  return std::optional<StoredSequence>(
      StoredSequence{entry.invoice_id, entry.customer_id, entry.scenario, values->state,
                     entry.last_step.value_or(""), values->started_on, values->updated_on});
}

Result<SequenceTable> StateStore::load_sequences() {
  // A read transaction, so the scan sees one state even if another process commits.
  if (auto begun = database_.execute("BEGIN"); !begun) return begun.error();
  EndRead end_read{database_};  // declared first: ends after the statements are finalized
  SequenceTableBuilder builder;
  const std::string_view file = database_.file_name();
  if (auto loaded = for_each_sequence_entry(
          database_, [&](const SequenceEntry& entry) { return add_entry(entry, file, builder); });
      !loaded) {
    return loaded.error();
  }
  return std::move(builder).finish();
}

Result<SequenceTable> StateStore::load_sequences_of(std::span<const std::string> invoice_ids) {
  std::vector<std::string_view> ids(invoice_ids.begin(), invoice_ids.end());
  std::sort(ids.begin(), ids.end());  // the builder takes them in invoice id order
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (auto begun = database_.execute("BEGIN"); !begun) return begun.error();
  EndRead end_read{database_};
  SequenceTableBuilder builder;
  for (const std::string_view id : ids) {
    auto found = find_sequence_entry(database_, id);
    if (!found) return found.error();
    if (!*found) continue;
    if (auto added = add_entry(**found, database_.file_name(), builder); !added) {
      return added.error();
    }
  }
  return std::move(builder).finish();
}

}  // namespace dun

// The collector's overrides (dun assign / optout / pause), which win over the snapshot.
#include "engine/store/state_store.hpp"
#include "engine/store/store_batch.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

constexpr std::string_view kPutOverride = R"sql(
INSERT INTO overrides (kind, subject, scenario, until_date, set_on, set_by)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (kind, subject) DO UPDATE SET
  scenario = excluded.scenario, until_date = excluded.until_date, set_on = excluded.set_on,
  set_by = excluded.set_by)sql";
constexpr std::string_view kRemoveOverride =
    "DELETE FROM overrides WHERE kind = ?1 AND subject = ?2";
#define DUN_OVERRIDE_COLUMNS "kind, subject, scenario, until_date, set_on, set_by"
constexpr std::string_view kSelectOverrides =
    "SELECT " DUN_OVERRIDE_COLUMNS " FROM overrides ORDER BY kind, subject";
constexpr std::string_view kSelectOverride =
    "SELECT " DUN_OVERRIDE_COLUMNS " FROM overrides WHERE kind = ?1 AND subject = ?2";

Result<Override> read_override(const sqlite::Statement& row, std::string_view file_name) {
  Override result;
  auto kind = parse_override_kind(row.column_text(0));
  if (!kind) return store_rows::damaged(file_name, "the override kind", row.column_text(0));
  auto set_on = store_rows::read_date(row, 4, file_name);
  if (!set_on) return set_on.error();
  result.kind = *kind;
  result.subject = row.column_text(1);
  result.scenario = row.column_text(2);
  if (!row.column_is_null(3)) {
    auto until = store_rows::read_date(row, 3, file_name);
    if (!until) return until.error();
    result.until = *until;
  }
  result.set_on = *set_on;
  result.set_by = row.column_text(5);
  return result;
}

// The override's history line, inside the caller's transaction, then the commit.
Status record_and_commit(sqlite::Database& database, sqlite::Transaction& transaction,
                         const std::optional<HistoryEvent>& event) {
  if (event) {
    ChangeBatch batch;
    batch.add_event(*event);
    if (auto written = write_outside_run(database, batch); !written) return written.error();
  }
  return transaction.commit();
}

}  // namespace

Status StateStore::put_override(const Override& override_row,
                                const std::optional<HistoryEvent>& event) {
  if ((override_row.kind == OverrideKind::assign) == override_row.scenario.empty()) {
    return Error{"an assign override names a scenario (or none); other overrides do not"};
  }
  if ((override_row.kind == OverrideKind::pause) != override_row.until.has_value()) {
    return Error{"a pause override has an end date; other overrides do not"};
  }
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto put = database_.prepare(kPutOverride);
  if (!put) return put.error();
  std::optional<std::string> until;
  if (override_row.until) until = override_row.until->to_string();
  auto written = put.value()
                     .bind(1, to_string(override_row.kind))
                     .bind(2, override_row.subject)
                     .bind_or_null(3, override_row.scenario)
                     .bind(4, until)
                     .bind(5, override_row.set_on.to_string())
                     .bind(6, override_row.set_by)
                     .run();
  if (!written) return written.error();
  return record_and_commit(database_, transaction.value(), event);
}

Result<bool> StateStore::remove_override(OverrideKind kind, const std::string& subject,
                                         const std::optional<HistoryEvent>& event) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto remove = database_.prepare(kRemoveOverride);
  if (!remove) return remove.error();
  auto removed = remove.value().bind(1, to_string(kind)).bind(2, subject).run();
  if (!removed) return removed.error();
  if (database_.changes() == 0) return false;  // the transaction rolls back: nothing changed
  auto committed = record_and_commit(database_, transaction.value(), event);
  if (!committed) return committed.error();
  return true;
}

Result<std::optional<Override>> StateStore::find_override(OverrideKind kind,
                                                          const std::string& subject) {
  return store_rows::select_one<Override>(database_, kSelectOverride, read_override,
                                          std::string(to_string(kind)), subject);
}

Result<std::vector<Override>> StateStore::load_overrides() {
  return store_rows::select_all<Override>(database_, kSelectOverrides, read_override);
}

}  // namespace dun

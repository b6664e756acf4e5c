// The collector's overrides (dun assign / optout / pause), which win over the snapshot.
#include "engine/state_store.hpp"
#include "engine/store_rows.hpp"

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
constexpr std::string_view kSelectOverrides =
    "SELECT kind, subject, scenario, until_date, set_on, set_by FROM overrides ORDER BY kind, "
    "subject";

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

}  // namespace

Result<bool> StateStore::put_override(const Override& override_row) {
  if ((override_row.kind == OverrideKind::assign) == override_row.scenario.empty()) {
    return Error{"an assign override names a scenario (or none); other overrides do not"};
  }
  if ((override_row.kind == OverrideKind::pause) != override_row.until.has_value()) {
    return Error{"a pause override has an end date; other overrides do not"};
  }
  auto put = database_.prepare(kPutOverride);
  if (!put) return put.error();
  std::optional<std::string> until;
  if (override_row.until) until = override_row.until->to_string();
  return put.value()
      .bind(1, to_string(override_row.kind))
      .bind(2, override_row.subject)
      .bind_or_null(3, override_row.scenario)
      .bind(4, until)
      .bind(5, override_row.set_on.to_string())
      .bind(6, override_row.set_by)
      .run();
}

Result<bool> StateStore::remove_override(OverrideKind kind, const std::string& subject) {
  auto remove = database_.prepare(kRemoveOverride);
  if (!remove) return remove.error();
  auto removed = remove.value().bind(1, to_string(kind)).bind(2, subject).run();
  if (!removed) return removed.error();
  return database_.changes() > 0;
}

Result<std::vector<Override>> StateStore::load_overrides() {
  return store_rows::select_all<Override>(database_, kSelectOverrides, read_override);
}

}  // namespace dun

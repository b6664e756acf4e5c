// Inside the state store: turning stored rows into records and back. The SELECT column lists
// here and the readers below go together; a value the store could not have written (a bad date,
// an unknown status) means the file was damaged or edited by hand, and is reported as such.
//
// Private to engine/store: nothing else includes it (scripts/check_includes.py).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/action.hpp"
#include "engine/model/delivery_records.hpp"
#include "engine/model/store_records.hpp"
#include "engine/model/task.hpp"
#include "engine/store/sqlite_db.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::store_rows {

// Column lists as literal macros, so each SELECT is one literal string (never built at run time);
// the readers below expect exactly these columns in this order.
#define DUN_ACTION_COLUMNS                                                                     \
  "id, created_on, status_on, scenario, step, position, channel, letter_type, mode, "          \
  "customer_id, invoices, template, language, recipient, copy, status, attempts, last_error, " \
  "provider_ref, payload, tracking, next_attempt_at, in_flight, uncertain, proof_path, "       \
  "adapter_kind, adapter_name, delivery_settings, postage"
#define DUN_TASK_COLUMNS                                                                       \
  "id, kind, status, created_on, scenario, step, customer_id, invoices, action_id, assignee, " \
  "text, due_on, closed_on, closed_by, note"
#define DUN_EVENT_COLUMNS "invoice_id, customer_id, event_date, kind, detail"

Error damaged(std::string_view file_name, std::string_view what, std::string_view value);
Result<Date> read_date(const sqlite::Statement& row, int column, std::string_view file_name);

// Keeps `document` as the action's (table action_documents) unless one is kept already: the
// first one stays (store_delivery.cpp). REQUIRES: inside the caller's transaction.
Status keep_document(sqlite::Database& database, const std::string& action_id,
                     const StoredDocument& document);

Result<Action> read_action(const sqlite::Statement& row, std::string_view file_name);
Result<Task> read_task(const sqlite::Statement& row, std::string_view file_name);
Result<HistoryEvent> read_event(const sqlite::Statement& row, std::string_view file_name);

// Runs `select` (already bound) and reads every row with `reader`.
template <typename Record, typename Reader>
Result<std::vector<Record>> read_all(sqlite::Statement& select, std::string_view file_name,
                                     Reader reader) {
  std::vector<Record> records;
  for (;;) {
    auto row = select.step();
    if (!row) return row.error();
    if (!*row) break;
    auto record = reader(select, file_name);
    if (!record) return record.error();
    records.push_back(std::move(record).value());
  }
  select.reset();
  return records;
}

// Prepares `sql`, binds `values` to ?1, ?2, … and reads every row with `reader`.
template <typename Record, typename Reader, typename... Values>
Result<std::vector<Record>> select_all(sqlite::Database& database, std::string_view sql,
                                       Reader reader, const Values&... values) {
  auto select = database.prepare(sql);
  if (!select) return select.error();
  int index = 0;
  (select.value().bind(++index, values), ...);
  return read_all<Record>(select.value(), database.file_name(), reader);
}

// The same for a query by key: the first row, if any.
template <typename Record, typename Reader, typename... Values>
Result<std::optional<Record>> select_one(sqlite::Database& database, std::string_view sql,
                                         Reader reader, const Values&... values) {
  auto records = select_all<Record>(database, sql, reader, values...);
  if (!records) return records.error();
  if (records->empty()) return std::optional<Record>();
  return std::optional<Record>(std::move(records.value().front()));
}

}  // namespace dun::store_rows

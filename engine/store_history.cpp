// History queries (what `dun history` shows) and the quarantine of a run.
#include "engine/state_store.hpp"
#include "engine/store_rows.hpp"

namespace dun {

namespace {

// The partial indexes events_by_invoice / events_by_customer serve these in this order.
constexpr std::string_view kInvoiceHistory =
    "SELECT " DUN_EVENT_COLUMNS " FROM events WHERE invoice_id = ?1 ORDER BY event_date, id";
constexpr std::string_view kCustomerHistory =
    "SELECT " DUN_EVENT_COLUMNS " FROM events WHERE customer_id = ?1 ORDER BY event_date, id";
constexpr std::string_view kQuarantineOfRun =
    "SELECT file, line, column_name, reason, raw_id FROM quarantine WHERE run_id = ?1 ORDER BY id";

Result<QuarantineRow> read_quarantine(const sqlite::Statement& row, std::string_view) {
  return QuarantineRow{std::string(row.column_text(0)), row.column_int64(1),
                       std::string(row.column_text(2)), std::string(row.column_text(3)),
                       std::string(row.column_text(4))};
}

}  // namespace

Result<std::vector<HistoryEvent>> StateStore::invoice_history(const std::string& invoice_id) {
  return store_rows::select_all<HistoryEvent>(database_, kInvoiceHistory, store_rows::read_event,
                                              invoice_id);
}

Result<std::vector<HistoryEvent>> StateStore::customer_history(const std::string& customer_id) {
  return store_rows::select_all<HistoryEvent>(database_, kCustomerHistory, store_rows::read_event,
                                              customer_id);
}

Result<std::vector<QuarantineRow>> StateStore::quarantine_of_run(std::int64_t run_id) {
  return store_rows::select_all<QuarantineRow>(database_, kQuarantineOfRun, read_quarantine,
                                               run_id);
}

}  // namespace dun

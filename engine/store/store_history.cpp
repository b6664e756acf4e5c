// History queries (what `dun history` shows) and the quarantine of a run.
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

// The partial indexes events_by_invoice / events_by_customer serve these in this order.
constexpr std::string_view kInvoiceHistory =
    "SELECT " DUN_EVENT_COLUMNS " FROM events WHERE invoice_id = ?1 ORDER BY event_date, id";
constexpr std::string_view kCustomerHistory =
    "SELECT " DUN_EVENT_COLUMNS " FROM events WHERE customer_id = ?1 ORDER BY event_date, id";
// Served by the partial indexes too (no table scan).
constexpr std::string_view kInvoicesWithHistory =
    "SELECT DISTINCT invoice_id FROM events WHERE invoice_id IS NOT NULL ORDER BY invoice_id";
constexpr std::string_view kCustomersWithHistory =
    "SELECT DISTINCT customer_id FROM events WHERE customer_id IS NOT NULL ORDER BY customer_id";
constexpr std::string_view kQuarantineOfRun =
    "SELECT file, line, column_name, reason, raw_id FROM quarantine WHERE run_id = ?1 ORDER BY id";

Result<QuarantinedRow> read_quarantine(const sqlite::Statement& row, std::string_view) {
  return QuarantinedRow{std::string(row.column_text(0)), row.column_int64(1),
                        std::string(row.column_text(2)), std::string(row.column_text(3)),
                        std::string(row.column_text(4))};
}

Result<std::string> read_id(const sqlite::Statement& row, std::string_view) {
  return std::string(row.column_text(0));
}

}  // namespace

Result<std::vector<std::string>> StateStore::invoices_with_history() {
  return store_rows::select_all<std::string>(database_, kInvoicesWithHistory, read_id);
}

Result<std::vector<std::string>> StateStore::customers_with_history() {
  return store_rows::select_all<std::string>(database_, kCustomersWithHistory, read_id);
}

Result<std::vector<HistoryEvent>> StateStore::invoice_history(const std::string& invoice_id) {
  return store_rows::select_all<HistoryEvent>(database_, kInvoiceHistory, store_rows::read_event,
                                              invoice_id);
}

Result<std::vector<HistoryEvent>> StateStore::customer_history(const std::string& customer_id) {
  return store_rows::select_all<HistoryEvent>(database_, kCustomerHistory, store_rows::read_event,
                                              customer_id);
}

Result<std::vector<QuarantinedRow>> StateStore::quarantine_of_run(std::int64_t run_id) {
  return store_rows::select_all<QuarantinedRow>(database_, kQuarantineOfRun, read_quarantine,
                                                run_id);
}

}  // namespace dun

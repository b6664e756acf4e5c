// What the reports read: executed actions with the payment that followed, and actions per day.
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {
namespace {

// The first close of each invoice on or after the action: events_by_invoice serves the subquery.
constexpr std::string_view kActionPayments = R"sql(
SELECT a.scenario, a.step, a.created_on, ai.invoice_id,
       (SELECT MIN(e.event_date) FROM events e
        WHERE e.invoice_id = ai.invoice_id AND e.kind = 'closed' AND e.event_date >= a.created_on)
FROM actions a JOIN action_invoices ai ON ai.action_id = a.id
WHERE a.status = 'queued' OR a.status = 'sent' OR a.status = 'completed'
ORDER BY a.scenario, a.step, a.created_on, ai.invoice_id)sql";

constexpr std::string_view kActionsPerDay = R"sql(
SELECT created_on, channel, COUNT(*) FROM actions
WHERE created_on >= ?1 AND status <> 'cancelled'
GROUP BY created_on, channel ORDER BY created_on, channel)sql";

Result<ActionPayment> read_payment(const sqlite::Statement& row, std::string_view file_name) {
  ActionPayment payment;
  payment.scenario = std::string(row.column_text(0));
  payment.step = std::string(row.column_text(1));
  auto date = store_rows::read_date(row, 2, file_name);
  if (!date) return date.error();
  payment.action_date = *date;
  payment.invoice_id = std::string(row.column_text(3));
  if (!row.column_is_null(4)) {
    auto closed = store_rows::read_date(row, 4, file_name);
    if (!closed) return closed.error();
    payment.closed_on = *closed;
  }
  return payment;
}

Result<DailyActions> read_daily(const sqlite::Statement& row, std::string_view file_name) {
  auto date = store_rows::read_date(row, 0, file_name);
  if (!date) return date.error();
  return DailyActions{*date, std::string(row.column_text(1)), row.column_int64(2)};
}

}  // namespace

Result<std::vector<ActionPayment>> StateStore::action_payments() {
  return store_rows::select_all<ActionPayment>(database_, kActionPayments, read_payment);
}

Result<std::vector<DailyActions>> StateStore::actions_per_day(Date since) {
  return store_rows::select_all<DailyActions>(database_, kActionsPerDay, read_daily,
                                              since.to_string());
}

}  // namespace dun

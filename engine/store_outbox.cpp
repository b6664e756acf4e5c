// The outbox: what is left to deliver, and the delivery outcomes adapters report.
#include "engine/state_store.hpp"
#include "engine/store_batch.hpp"
#include "engine/store_rows.hpp"

namespace dun {

namespace {

constexpr std::string_view kSelectToDeliver = "SELECT " DUN_ACTION_COLUMNS
                                              " FROM actions WHERE status IN ('queued', 'failed')"
                                              " ORDER BY created_on, id";
constexpr std::string_view kSelectAction =
    "SELECT " DUN_ACTION_COLUMNS " FROM actions WHERE id = ?1";
constexpr std::string_view kSelectActionsOfInvoice =
    "SELECT " DUN_ACTION_COLUMNS
    " FROM actions WHERE id IN (SELECT action_id FROM action_invoices WHERE invoice_id = ?1)"
    " ORDER BY created_on, id";
constexpr std::string_view kSelectActionsCreatedOn =
    "SELECT " DUN_ACTION_COLUMNS
    " FROM actions WHERE created_on = ?1 ORDER BY scenario, step, customer_id, id";
constexpr std::string_view kSelectActionsOfCustomer =
    "SELECT " DUN_ACTION_COLUMNS " FROM actions WHERE customer_id = ?1 ORDER BY created_on, id";

// Only an action still to deliver can be marked; the WHERE makes the check and the change one step.
constexpr std::string_view kMarkDelivery = R"sql(
UPDATE actions SET status = ?2, status_on = ?3, attempts = attempts + 1, last_error = ?4,
                   provider_ref = coalesce(?5, provider_ref)
WHERE id = ?1 AND status IN ('queued', 'failed'))sql";

constexpr std::string_view kRecordTracking =
    "UPDATE actions SET tracking = ?2 WHERE id = ?1 AND status = 'sent'";

}  // namespace

Result<std::vector<Action>> StateStore::actions_to_deliver() {
  return store_rows::select_all<Action>(database_, kSelectToDeliver, store_rows::read_action);
}

Result<std::optional<Action>> StateStore::find_action(const std::string& action_id) {
  return store_rows::select_one<Action>(database_, kSelectAction, store_rows::read_action,
                                        action_id);
}

Result<std::vector<Action>> StateStore::actions_of_invoice(const std::string& invoice_id) {
  return store_rows::select_all<Action>(database_, kSelectActionsOfInvoice, store_rows::read_action,
                                        invoice_id);
}

Result<std::vector<Action>> StateStore::actions_created_on(Date date) {
  return store_rows::select_all<Action>(database_, kSelectActionsCreatedOn, store_rows::read_action,
                                        date.to_string());
}

Result<std::vector<Action>> StateStore::actions_of_customer(const std::string& customer_id) {
  return store_rows::select_all<Action>(database_, kSelectActionsOfCustomer,
                                        store_rows::read_action, customer_id);
}

namespace {

std::string delivery_detail(const Action& action, ActionStatus status, const std::string& error,
                            const std::string& provider_ref) {
  std::string detail = std::string(to_string(action.channel)) + " " +
                       std::string(to_string(status)) + " (attempt " +
                       std::to_string(action.attempts) + ")";
  if (!provider_ref.empty()) detail += ", ref " + provider_ref;
  if (!error.empty()) detail += ": " + error;
  return detail;
}

ChangeBatch delivery_events(const Action& action, Date date, const std::string& detail) {
  ChangeBatch events;
  for (const std::string& invoice : action.invoices) {
    events.events.push_back({invoice, action.customer, date, EventKind::delivery, detail});
  }
  return events;
}

// Runs `update` (bound; its WHERE allows only some statuses) and returns the action it changed, or
// why it changed nothing (`only` says which actions it applies to).
Result<Action> changed_action(StateStore& store, sqlite::Statement& update,
                              const std::string& action_id, std::string_view only) {
  if (auto updated = update.run(); !updated) return updated.error();
  const bool changed = store.database().changes() == 1;
  auto found = store.find_action(action_id);
  if (!found) return found.error();
  if (!*found) return Error{"there is no action " + action_id + " in the outbox"};
  if (!changed) {
    return Error{"action " + action_id + " is " + std::string(to_string((*found)->status)) + ": " +
                 std::string(only)};
  }
  return std::move(found.value()).value();
}

Result<Action> mark_delivery(StateStore& store, const std::string& action_id, Date date,
                             ActionStatus status, const std::string& error,
                             const std::string& provider_ref) {
  sqlite::Database& database = store.database();
  auto transaction = sqlite::Transaction::begin(database);
  if (!transaction) return transaction.error();
  auto update = database.prepare(kMarkDelivery);
  if (!update) return update.error();
  update.value()
      .bind(1, action_id)
      .bind(2, to_string(status))
      .bind(3, date.to_string())
      .bind_or_null(4, error)
      .bind_or_null(5, provider_ref);
  auto changed =
      changed_action(store, update.value(), action_id,
                     "only a queued or failed action can be marked as delivered or failed");
  if (!changed) return changed.error();
  const Action& action = *changed;

  const std::string detail = delivery_detail(action, status, error, provider_ref);
  const ChangeBatch events = delivery_events(action, date, detail);
  if (auto written = write_outside_run(database, events); !written) return written.error();
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return changed;
}

}  // namespace

Result<Action> StateStore::mark_sent(const std::string& action_id, Date date,
                                     const std::string& provider_ref) {
  return mark_delivery(*this, action_id, date, ActionStatus::sent, "", provider_ref);
}

Result<Action> StateStore::mark_failed(const std::string& action_id, Date date,
                                       const std::string& error) {
  return mark_delivery(*this, action_id, date, ActionStatus::failed, error, "");
}

Result<Action> StateStore::record_tracking(const std::string& action_id, Date date,
                                           const std::string& tracking) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto update = database_.prepare(kRecordTracking);
  if (!update) return update.error();
  update.value().bind(1, action_id).bind(2, tracking);
  auto changed =
      changed_action(*this, update.value(), action_id, "only a sent action has tracking statuses");
  if (!changed) return changed.error();
  const Action& action = *changed;
  const std::string detail = std::string(to_string(action.channel)) + " tracking: " + tracking;
  if (auto written = write_outside_run(database_, delivery_events(action, date, detail));
      !written) {
    return written.error();
  }
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return changed;
}

}  // namespace dun

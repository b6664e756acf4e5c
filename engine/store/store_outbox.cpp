// The outbox: the actions by what they are waiting for, by invoice, by customer and by date.
#include "engine/base/fault_hook.hpp"
#include "engine/store/state_store.hpp"
#include "engine/store/store_batch.hpp"
#include "engine/store/store_rows.hpp"

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
#define DUN_LAST_FOLLOW_UP_COLUMNS                                                           \
  "SELECT ai.invoice_id, a.created_on, a.step, a.channel, a.status FROM action_invoices ai " \
  "JOIN actions a ON a.id = ai.action_id WHERE a.status <> 'cancelled' "
constexpr std::string_view kSelectLastFollowUps =
    DUN_LAST_FOLLOW_UP_COLUMNS "ORDER BY ai.invoice_id, a.created_on, a.id";
constexpr std::string_view kSelectLastFollowUpOf = DUN_LAST_FOLLOW_UP_COLUMNS
    "AND ai.invoice_id = ?1 ORDER BY a.created_on DESC, a.id DESC LIMIT 1";
#undef DUN_LAST_FOLLOW_UP_COLUMNS
constexpr std::string_view kSelectActionsCreatedOn =
    "SELECT " DUN_ACTION_COLUMNS
    " FROM actions WHERE created_on = ?1 ORDER BY scenario, step, customer_id, id";
constexpr std::string_view kSelectActionsOfCustomer =
    "SELECT " DUN_ACTION_COLUMNS " FROM actions WHERE customer_id = ?1 ORDER BY created_on, id";

// The ids in [?1, ?2): those that start with a prefix (?2 is the prefix with its last character
// raised by one), through the primary key's index.
constexpr std::string_view kSelectIdsInRange =
    "SELECT id FROM actions WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3";
constexpr std::string_view kSelectAllIds = "SELECT id FROM actions ORDER BY id";

constexpr std::string_view kCountToDeliver =
    "SELECT channel, count(*) FROM actions WHERE status IN ('queued', 'failed') AND "
    "channel <> 'task' GROUP BY channel ORDER BY channel";
constexpr std::string_view kSelectSent =
    "SELECT " DUN_ACTION_COLUMNS
    " FROM actions WHERE status = 'sent' AND provider_ref IS NOT NULL ORDER BY created_on, id";

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

namespace {

Result<LastFollowUp> read_last_follow_up(const sqlite::Statement& row, std::string_view file) {
  auto date = store_rows::read_date(row, 1, file);
  if (!date) return date.error();
  auto channel = parse_channel(row.column_text(3));
  if (!channel) return store_rows::damaged(file, "the channel", row.column_text(3));
  auto status = parse_action_status(row.column_text(4));
  if (!status) return store_rows::damaged(file, "the status", row.column_text(4));
  return LastFollowUp{std::string(row.column_text(0)), *date, std::string(row.column_text(2)),
                      *channel, *status};
}

}  // namespace

Result<std::vector<LastFollowUp>> StateStore::last_follow_ups() {
  auto prepared = database_.prepare(kSelectLastFollowUps);
  if (!prepared) return prepared.error();
  sqlite::Statement& select = prepared.value();
  std::vector<LastFollowUp> last;
  for (;;) {
    auto row = select.step();
    if (!row) return row.error();
    if (!*row) break;
    auto follow_up = read_last_follow_up(select, database_.file_name());
    if (!follow_up) return follow_up.error();
    // Rows come by invoice, oldest first: an invoice's later action replaces the one before.
    if (!last.empty() && last.back().invoice_id == follow_up->invoice_id) {
      last.back() = std::move(follow_up).value();
    } else {
      last.push_back(std::move(follow_up).value());
    }
  }
  return last;
}

Result<std::vector<LastFollowUp>> StateStore::last_follow_ups(
    std::span<const std::string> invoice_ids) {
  auto prepared = database_.prepare(kSelectLastFollowUpOf);
  if (!prepared) return prepared.error();
  sqlite::Statement& select = prepared.value();
  std::vector<LastFollowUp> last;
  for (const std::string& id : invoice_ids) {
    select.bind(1, id);
    auto found =
        store_rows::read_all<LastFollowUp>(select, database_.file_name(), read_last_follow_up);
    if (!found) return found.error();
    for (LastFollowUp& follow_up : found.value()) last.push_back(std::move(follow_up));
  }
  return last;
}

Result<std::vector<Action>> StateStore::actions_created_on(Date date) {
  return store_rows::select_all<Action>(database_, kSelectActionsCreatedOn, store_rows::read_action,
                                        date.to_string());
}

Result<std::vector<Action>> StateStore::actions_of_customer(const std::string& customer_id) {
  return store_rows::select_all<Action>(database_, kSelectActionsOfCustomer,
                                        store_rows::read_action, customer_id);
}

Result<bool> StateStore::record_manual_action(const Action& action,
                                              const std::vector<HistoryEvent>& events,
                                              const StoredDocument* document) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto writer = BatchWriter::prepare(database_);
  if (!writer) return writer.error();
  CommitReport report;
  ChangeBatch batch;
  batch.actions = {action};
  if (auto written = writer.value().write(batch, std::nullopt, report); !written) {
    return written.error();
  }
  if (!report.duplicate_action_ids.empty()) return false;  // rolled back: nothing written
  batch.actions.clear();
  for (const HistoryEvent& event : events) batch.add_event(event);
  if (auto written = writer.value().write(batch, std::nullopt, report); !written) {
    return written.error();
  }
  if (document != nullptr) {
    if (auto kept = store_rows::keep_document(database_, action.id, *document); !kept) {
      return kept.error();
    }
  }
  fault_point("send:before-commit");
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  fault_point("send:after-commit");
  return true;
}

Result<std::vector<std::pair<Channel, std::int64_t>>> StateStore::count_to_deliver() {
  auto select = database_.prepare(kCountToDeliver);
  if (!select) return select.error();
  std::vector<std::pair<Channel, std::int64_t>> counts;
  for (;;) {
    auto row = select.value().step();
    if (!row) return row.error();
    if (!*row) break;
    const auto channel = parse_channel(select.value().column_text(0));
    if (!channel) {
      return store_rows::damaged(database_.file_name(), "the channel",
                                 select.value().column_text(0));
    }
    counts.emplace_back(*channel, select.value().column_int64(1));
  }
  select.value().reset();
  return counts;
}

Result<std::vector<std::string>> StateStore::action_ids_starting_with(std::string_view prefix,
                                                                      std::int64_t limit) {
  if (prefix.empty()) return std::vector<std::string>();
  std::string end(prefix);
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return store_rows::select_all<std::string>(
      database_, kSelectIdsInRange,
      [](const sqlite::Statement& row, std::string_view) -> Result<std::string> {
        return std::string(row.column_text(0));
      },
      std::string(prefix), end, limit);
}

Result<std::vector<std::string>> StateStore::action_ids() {
  return store_rows::select_all<std::string>(
      database_, kSelectAllIds,
      [](const sqlite::Statement& row, std::string_view) -> Result<std::string> {
        return std::string(row.column_text(0));
      });
}

Result<std::vector<Action>> StateStore::sent_actions() {
  return store_rows::select_all<Action>(database_, kSelectSent, store_rows::read_action);
}

}  // namespace dun

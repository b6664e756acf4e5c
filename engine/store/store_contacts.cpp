// The customer's view (language.md §3.2). The contact limit's count: a customer's actions of one
// channel created in a window of days that are not cancelled — any mode, any scenario, `dun send`'s
// manual actions and an earlier run of the same date included. The partial index actions_contacts
// (schema version 7) answers each customer from its own few rows.
#include "engine/store/state_store.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

constexpr std::string_view kContactDates = R"sql(
SELECT created_on FROM actions
WHERE customer_id = ?1 AND channel = ?2 AND created_on >= ?3 AND created_on <= ?4
  AND status <> 'cancelled')sql";

// The key's prefix (invoice_id) finds the invoice's few step events.
constexpr std::string_view kActionRepetition =
    "SELECT max(repetition) FROM step_events WHERE invoice_id = ?2 AND action_id = ?1";

}  // namespace

Result<int> StateStore::action_repetition(const std::string& action_id,
                                          const std::string& invoice_id) {
  auto select = database_.prepare(kActionRepetition);
  if (!select) return select.error();
  auto row = select.value().bind(1, action_id).bind(2, invoice_id).step();
  if (!row) return row.error();
  return *row ? static_cast<int>(select.value().column_int64(0)) : 0;
}

Result<std::vector<std::vector<Date>>> StateStore::contact_dates(
    std::span<const std::string_view> customers, Channel channel, Date first, Date last) {
  auto select = database_.prepare(kContactDates);
  if (!select) return select.error();
  sqlite::Statement& query = select.value();
  const std::string from = first.to_string();
  const std::string to = last.to_string();
  std::vector<std::vector<Date>> dates(customers.size());
  for (std::size_t c = 0; c < customers.size(); ++c) {
    query.bind(1, customers[c]).bind(2, to_string(channel)).bind(3, from).bind(4, to);
    for (;;) {
      auto row = query.step();
      if (!row) return row.error();
      if (!*row) {
        query.reset();
        break;
      }
      auto date = store_rows::read_date(query, 0, database_.file_name());
      if (!date) {
        query.reset();
        return date.error();
      }
      dates[c].push_back(*date);
    }
  }
  return dates;
}

}  // namespace dun

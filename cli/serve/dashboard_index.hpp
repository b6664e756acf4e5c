// The dashboard's pages found without computing every invoice's status: keyset pagination over
// orders of the portfolio's invoice rows. A page walks one order from its cursor (the last
// invoice of the previous page) and keeps the rows its filters accept; only those rows' statuses
// are then computed (StatusBook::statuses), so a page costs the rows it scans, never a sort.
//
// The orders by customer and by due date, and the filters on ids, scenario and automation, come
// from the snapshot and the day's assignment (DashboardOrders, built once per StatusBook). The
// orders by last and next follow-up and the state filter need every invoice's status: a
// StatusTable, a compact per-invoice table (a state byte and two dates a row) built in the
// background (status_table_builder.hpp).
//
// DashboardOrders and StatusTable are immutable once built; plain values, safe to read from
// several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/analyst/status.hpp"

namespace dun::cli {

enum class DashboardSort { customer, due, last, next };
std::optional<DashboardSort> parse_dashboard_sort(const std::string& text);
// Sorting by last or next follow-up needs the StatusTable.
bool needs_status_table(DashboardSort sort);

struct DashboardQuery {
  DashboardSort sort = DashboardSort::customer;
  std::string search;      // an invoice or customer id starts with it
  std::string scenario;    // exactly
  std::string automation;  // "on", "off" or empty
  std::string state;       // active, paused, closed, stopped, "not started", or empty
  std::string after;       // the cursor: the last invoice of the previous page
  std::size_t limit = 50;

  // The query needs the StatusTable (its sort or its state filter).
  bool needs_status_table() const;
};

// Portfolio invoice rows in one order, and each row's place in it (to resume after a cursor).
struct DashboardOrder {
  explicit DashboardOrder(std::vector<std::uint32_t> order);
  std::vector<std::uint32_t> rows;
  std::vector<std::uint32_t> place;  // portfolio row -> its index in rows
};

// The orders a StatusBook gives without statuses.
struct DashboardOrders {
  explicit DashboardOrders(const StatusBook& book);
  DashboardOrder by_customer;
  DashboardOrder by_due_date;
};

// Every invoice's state and follow-up dates, the orders by last and next follow-up, and the
// invoices a contact limit holds (language.md §3.2: a day-wide decision over each customer's
// invoices, which a page of 50 rows cannot make alone). An absent date sorts after every date;
// ties keep the customer-then-invoice order, so a cursor is exact.
class StatusTable {
 public:
  // `statuses`: StatusBook::all_statuses of `book` (in book.by_customer() order).
  StatusTable(const StatusBook& book, const std::vector<InvoiceStatus>& statuses);

  // The state of portfolio row `row`, as InvoiceStatus::state spells it.
  const std::string& state(std::uint32_t row) const;
  const DashboardOrder& by_last() const { return by_last_; }
  const DashboardOrder& by_next() const { return by_next_; }
  // The next note of row `row` when a contact limit holds it, else null.
  const std::string* hold(std::uint32_t row) const;

 private:
  std::vector<std::uint8_t> state_;                       // per portfolio row, an index in kStates
  std::unordered_map<std::uint32_t, std::string> holds_;  // row -> its next note
  DashboardOrder by_last_;
  DashboardOrder by_next_;
};

struct DashboardPage {
  std::vector<std::uint32_t> rows;  // portfolio invoice rows, in the page's order
  std::string next_cursor;          // empty on the last page
};

// The page `query` asks for. REQUIRES: `table` when query.needs_status_table(); `orders` and
// `table` built from `book`, `day` prepared by it.
DashboardPage find_dashboard_page(const StatusBook& book, const StatusDay& day,
                                  const DashboardOrders& orders, const StatusTable* table,
                                  const DashboardQuery& query);

}  // namespace dun::cli

// The dashboard's invoices (engine/analyst/status.hpp's InvoiceStatus, as `dun status` computes
// them) held in memory with one order per sort key, so that a page is found by its cursor (the
// last invoice shown: keyset pagination) and read forward, whatever the portfolio's size: a page
// costs the rows it scans, never a sort.
//
// Immutable once built; a plain value that owns its rows. Safe to read from several threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/analyst/status.hpp"

namespace dun::cli {

enum class DashboardSort { customer, due, last, next };
std::optional<DashboardSort> parse_dashboard_sort(const std::string& text);

struct DashboardQuery {
  DashboardSort sort = DashboardSort::customer;
  std::string search;      // an invoice or customer id starts with it
  std::string scenario;    // exactly
  std::string automation;  // "on", "off" or empty
  std::string state;       // active, paused, closed, stopped, "not started", or empty
  std::string after;       // the cursor: the last invoice of the previous page
  std::size_t limit = 50;
};

struct DashboardPage {
  std::vector<const InvoiceStatus*> rows;
  std::string next_cursor;  // empty on the last page
};

class DashboardIndex {
 public:
  explicit DashboardIndex(std::vector<InvoiceStatus> statuses);

  DashboardPage page(const DashboardQuery& query) const;
  // The invoices of `customer`, by invoice id.
  std::vector<const InvoiceStatus*> of_customer(const std::string& customer) const;
  std::size_t size() const { return statuses_.size(); }
  const std::vector<InvoiceStatus>& statuses() const { return statuses_; }
  // The scenario names seen, sorted (the filter's choices).
  const std::vector<std::string>& scenarios() const { return scenarios_; }

 private:
  std::vector<InvoiceStatus> statuses_;  // by customer, then invoice (invoice_statuses' order)
  std::array<std::vector<std::uint32_t>, 4> order_;     // rows in each sort's order
  std::array<std::vector<std::uint32_t>, 4> position_;  // row -> its place in order_[sort]
  std::unordered_map<std::string, std::uint32_t> row_of_invoice_;
  std::vector<std::string> scenarios_;
};

}  // namespace dun::cli

#include "cli/serve/dashboard_index.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace dun::cli {
namespace {

// An absent date sorts after every date.
std::int64_t date_key(const std::optional<Date>& date) {
  return date ? static_cast<std::int64_t>(date->days()) : INT64_MAX;
}

bool matches(const InvoiceStatus& status, const DashboardQuery& query) {
  if (!query.search.empty() && !status.invoice.starts_with(query.search) &&
      !status.customer.starts_with(query.search)) {
    return false;
  }
  if (!query.scenario.empty() && status.scenario != query.scenario) return false;
  if (query.automation == "on" && !status.automation) return false;
  if (query.automation == "off" && status.automation) return false;
  if (!query.state.empty() && status.state != query.state) return false;
  return true;
}

}  // namespace

std::optional<DashboardSort> parse_dashboard_sort(const std::string& text) {
  if (text.empty() || text == "customer") return DashboardSort::customer;
  if (text == "due") return DashboardSort::due;
  if (text == "last") return DashboardSort::last;
  if (text == "next") return DashboardSort::next;
  return std::nullopt;
}

DashboardIndex::DashboardIndex(std::vector<InvoiceStatus> statuses)
    : statuses_(std::move(statuses)) {
  const auto count = static_cast<std::uint32_t>(statuses_.size());
  std::set<std::string> scenarios;
  for (std::uint32_t row = 0; row < count; ++row) {
    row_of_invoice_.emplace(statuses_[row].invoice, row);
    if (!statuses_[row].scenario.empty()) scenarios.insert(statuses_[row].scenario);
  }
  scenarios_.assign(scenarios.begin(), scenarios.end());
  for (std::size_t sort = 0; sort < order_.size(); ++sort) {
    std::vector<std::uint32_t>& order = order_[sort];
    order.resize(count);
    std::iota(order.begin(), order.end(), 0U);
    auto key = [&](std::uint32_t row) -> std::int64_t {
      const InvoiceStatus& status = statuses_[row];
      switch (static_cast<DashboardSort>(sort)) {
        case DashboardSort::due:
          return status.due_date.days();
        case DashboardSort::last:
          return date_key(status.last_date);
        case DashboardSort::next:
          return date_key(status.next_date);
        case DashboardSort::customer:
          break;
      }
      return 0;  // the rows' own order
    };
    // Ties keep the customer-then-invoice order: every sort is total, so a cursor is exact.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    position_[sort].resize(count);
    for (std::uint32_t place = 0; place < count; ++place) position_[sort][order[place]] = place;
  }
}

DashboardPage DashboardIndex::page(const DashboardQuery& query) const {
  const auto sort = static_cast<std::size_t>(query.sort);
  const std::vector<std::uint32_t>& order = order_[sort];
  std::size_t place = 0;
  if (!query.after.empty()) {
    auto found = row_of_invoice_.find(query.after);
    if (found != row_of_invoice_.end()) place = position_[sort][found->second] + 1;
  }
  DashboardPage page;
  for (; place < order.size(); ++place) {
    const InvoiceStatus& status = statuses_[order[place]];
    if (!matches(status, query)) continue;
    if (page.rows.size() == query.limit) {
      page.next_cursor = page.rows.back()->invoice;
      break;
    }
    page.rows.push_back(&status);
  }
  return page;
}

std::vector<const InvoiceStatus*> DashboardIndex::of_customer(const std::string& customer) const {
  auto first = std::lower_bound(
      statuses_.begin(), statuses_.end(), customer,
      [](const InvoiceStatus& status, const std::string& id) { return status.customer < id; });
  std::vector<const InvoiceStatus*> rows;
  for (auto row = first; row != statuses_.end() && row->customer == customer; ++row) {
    rows.push_back(&*row);
  }
  return rows;
}

}  // namespace dun::cli

#include "cli/serve/dashboard_index.hpp"

#include <algorithm>
#include <array>
#include <numeric>

#include "engine/day/assign.hpp"

namespace dun::cli {
namespace {

const std::array<std::string, 5> kStates = {"not started", "active", "paused", "closed", "stopped"};

std::uint8_t state_code(const std::string& state) {
  const auto found = std::find(kStates.begin(), kStates.end(), state);
  return static_cast<std::uint8_t>(found == kStates.end() ? 0 : found - kStates.begin());
}

// An absent date sorts after every date.
std::int32_t date_key(const std::optional<Date>& date) { return date ? date->days() : INT32_MAX; }

// The rows of `by_customer` ordered by `key` of their place in it (a stable sort: ties keep it).
std::vector<std::uint32_t> ordered_by(std::span<const std::uint32_t> by_customer,
                                      const std::vector<std::int32_t>& key) {
  std::vector<std::uint32_t> places(by_customer.size());
  std::iota(places.begin(), places.end(), 0U);
  std::stable_sort(places.begin(), places.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
  std::vector<std::uint32_t> rows(places.size());
  for (std::size_t i = 0; i < places.size(); ++i) rows[i] = by_customer[places[i]];
  return rows;
}

}  // namespace

std::optional<DashboardSort> parse_dashboard_sort(const std::string& text) {
  if (text.empty() || text == "customer") return DashboardSort::customer;
  if (text == "due") return DashboardSort::due;
  if (text == "last") return DashboardSort::last;
  if (text == "next") return DashboardSort::next;
  return std::nullopt;
}

bool needs_status_table(DashboardSort sort) {
  return sort == DashboardSort::last || sort == DashboardSort::next;
}

bool DashboardQuery::needs_status_table() const {
  return cli::needs_status_table(sort) || !state.empty();
}

DashboardOrder::DashboardOrder(std::vector<std::uint32_t> order) : rows(std::move(order)) {
  place.resize(rows.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i) place[rows[i]] = i;
}

DashboardOrders::DashboardOrders(const StatusBook& book)
    : by_customer({book.by_customer().begin(), book.by_customer().end()}),
      by_due_date({book.by_due_date().begin(), book.by_due_date().end()}) {}

StatusTable::StatusTable(const StatusBook& book, const std::vector<InvoiceStatus>& statuses)
    : by_last_({}), by_next_({}) {
  const std::span<const std::uint32_t> by_customer = book.by_customer();
  state_.resize(by_customer.size());
  std::vector<std::int32_t> last(statuses.size());
  std::vector<std::int32_t> next(statuses.size());
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    state_[by_customer[i]] = state_code(statuses[i].state);
    last[i] = date_key(statuses[i].last_date);
    next[i] = date_key(statuses[i].next_date);
    if (statuses[i].held_by_limit) holds_.emplace(by_customer[i], statuses[i].next_note);
  }
  by_last_ = DashboardOrder(ordered_by(by_customer, last));
  by_next_ = DashboardOrder(ordered_by(by_customer, next));
}

const std::string& StatusTable::state(std::uint32_t row) const { return kStates[state_[row]]; }

const std::string* StatusTable::hold(std::uint32_t row) const {
  const auto found = holds_.find(row);
  return found == holds_.end() ? nullptr : &found->second;
}

DashboardPage find_dashboard_page(const StatusBook& book, const StatusDay& day,
                                  const DashboardOrders& orders, const StatusTable* table,
                                  const DashboardQuery& query) {
  const DashboardOrder* order = &orders.by_customer;
  if (query.sort == DashboardSort::due) order = &orders.by_due_date;
  if (query.sort == DashboardSort::last) order = &table->by_last();
  if (query.sort == DashboardSort::next) order = &table->by_next();

  const Portfolio& portfolio = book.portfolio();
  const std::vector<std::uint32_t>& scenario_of = day.inputs->assignment().scenario;
  const auto& scenarios = book.scenarios().scenarios();
  auto matches = [&](std::uint32_t row) {
    if (!query.search.empty() && !portfolio.invoices.id[row].starts_with(query.search) &&
        !portfolio.customers.id[portfolio.invoices.customer[row]].starts_with(query.search)) {
      return false;
    }
    const std::uint32_t scenario = scenario_of[row];
    const bool automation = scenario != kNotHandled;
    if (query.automation == "on" && !automation) return false;
    if (query.automation == "off" && automation) return false;
    if (!query.scenario.empty() &&
        (!automation || scenarios[scenario].ir->name != query.scenario)) {
      return false;
    }
    if (!query.state.empty() && table->state(row) != query.state) return false;
    return true;
  };

  std::size_t place = 0;
  if (!query.after.empty()) {
    if (auto row = portfolio.find_invoice(query.after)) place = order->place[*row] + 1;
  }
  DashboardPage page;
  for (; place < order->rows.size(); ++place) {
    const std::uint32_t row = order->rows[place];
    if (!matches(row)) continue;
    if (page.rows.size() == query.limit) {
      page.next_cursor = std::string(portfolio.invoices.id[page.rows.back()]);
      break;
    }
    page.rows.push_back(row);
  }
  return page;
}

}  // namespace dun::cli

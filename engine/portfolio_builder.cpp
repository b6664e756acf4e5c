#include "engine/portfolio_builder.hpp"

#include "engine/row_checks.hpp"

namespace dun {

void PortfolioBuilder::begin_table(Table table, std::string source, std::size_t expected_rows) {
  table_ = table;
  source_ = std::move(source);
  Portfolio& p = snapshot_.portfolio;
  // Reserving only claims address space: pages a wrong estimate never touches cost nothing.
  switch (table) {
    case Table::collectors:
      p.collectors.by_id.reserve(p.collectors.id, expected_rows);
      break;
    case Table::customers: {
      Customers& c = p.customers;
      c.id.reserve(expected_rows, expected_rows * 8);
      c.name.reserve(expected_rows, expected_rows * 24);
      for (auto* column : {&c.language, &c.country, &c.segment, &c.scenario}) {
        column->reserve(expected_rows);
      }
      c.currency.reserve(expected_rows);
      c.collector.reserve(expected_rows);
      c.credit_limit.reserve(expected_rows);
      c.has_credit_limit.reserve(expected_rows);
      c.by_id.reserve(c.id, expected_rows);
      break;
    }
    case Table::contacts:
      p.contacts.customer.reserve(expected_rows);
      p.contacts.role.reserve(expected_rows);
      break;
    case Table::invoices: {
      Invoices& i = p.invoices;
      i.id.reserve(expected_rows, expected_rows * 12);
      i.number.reserve(expected_rows, expected_rows * 12);
      i.pdf.reserve(expected_rows, expected_rows * 24);
      i.customer.reserve(expected_rows);
      i.kind.reserve(expected_rows);
      for (auto* column : {&i.issue_date, &i.due_date, &i.promise_date}) {
        column->reserve(expected_rows);
      }
      i.currency.reserve(expected_rows);
      i.amount.reserve(expected_rows);
      i.balance.reserve(expected_rows);
      for (auto* column : {&i.disputed, &i.dunning, &i.has_promise_date}) {
        column->reserve(expected_rows);
      }
      i.by_id.reserve(i.id, expected_rows);
      break;
    }
  }
}

void PortfolioBuilder::add_row(std::span<const std::string_view> values, std::int64_t position) {
  Check problem;
  switch (table_) {
    case Table::collectors:
      problem = add_collector(values);
      break;
    case Table::customers:
      problem = add_customer(values);
      break;
    case Table::contacts:
      problem = add_contact(values);
      break;
    case Table::invoices:
      problem = add_invoice(values);
      break;
  }
  if (!problem) return;
  const int id_column = table_spec(table_).id_column;
  const std::string_view id = id_column >= 0 ? values[id_column] : std::string_view();
  reject(id, position, problem->column, std::move(problem->reason));
}

void PortfolioBuilder::reject(std::string_view id, std::int64_t position, int column,
                              std::string reason) {
  const TableSpec& spec = table_spec(table_);
  switch (table_) {
    case Table::collectors:
      quarantined_collectors_.emplace(id);
      break;
    case Table::customers:
      quarantined_customers_.emplace(id);
      break;
    case Table::invoices:
      quarantined_invoices_.emplace(id);
      break;
    case Table::contacts:
      break;
  }
  snapshot_.quarantine.push_back(QuarantinedRow{
      source_, position, column >= 0 ? std::string(spec.columns[column].name) : std::string(),
      std::move(reason), std::string(id)});
}

void PortfolioBuilder::finish() { snapshot_.portfolio.index_contacts(); }

PortfolioBuilder::Check PortfolioBuilder::check_id(
    std::string_view id, int column, const TextColumn& ids, const IdIndex& index,
    const std::unordered_set<std::string>& quarantined_ids) const {
  if (id.empty()) return Problem{column, "is empty (every row needs an id)"};
  if (auto problem = text_problem(id, ids)) return Problem{column, std::move(*problem)};
  if (index.find(ids, id) || quarantined_ids.contains(std::string(id))) {
    return Problem{column, "duplicate id " + quoted(id) + " (an earlier row has it)"};
  }
  return std::nullopt;
}

PortfolioBuilder::Check PortfolioBuilder::resolve_customer(std::string_view id, int column,
                                                           RowIndex& row) const {
  if (id.empty()) return Problem{column, "is empty (the row must name its customer)"};
  if (const auto found = snapshot_.portfolio.find_customer(id)) {
    row = *found;
    return std::nullopt;
  }
  if (quarantined_customers_.contains(std::string(id))) {
    return Problem{column, "customer " + quoted(id) + " is quarantined"};
  }
  return Problem{column, "unknown customer " + quoted(id) + " (not in customers)"};
}

PortfolioBuilder::Check PortfolioBuilder::parse_currency(std::string_view code, int column,
                                                         Currency& currency) {
  if (code == last_currency_code_) {
    currency = last_currency_;
    return std::nullopt;
  }
  if (code.empty()) return Problem{column, "is empty (an ISO 4217 code like EUR is required)"};
  const auto found = Currency::from_code(code);
  if (!found) return Problem{column, quoted(code) + " is not an ISO 4217 currency code"};
  last_currency_code_ = code;
  last_currency_ = *found;
  currency = *found;
  return std::nullopt;
}

}  // namespace dun

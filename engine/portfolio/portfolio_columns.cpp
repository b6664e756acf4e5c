#include "engine/portfolio/portfolio_columns.hpp"

namespace dun {
namespace {

dsl::StringColumn text_column(const TextColumn& column) {
  return {column.bytes().data(), column.offsets().data(), nullptr};
}

static_assert(sizeof(SymbolId) == sizeof(std::uint32_t));
static_assert(sizeof(InvoiceKind) == 1);

}  // namespace

PortfolioColumnsView::PortfolioColumnsView(const Portfolio& portfolio,
                                           const CustomerAggregates& aggregates) {
  const SymbolTable& symbols = portfolio.symbols;
  symbol_offsets_.reserve(symbols.size() + 1);
  symbol_offsets_.push_back(0);
  for (SymbolId id = 0; id < symbols.size(); ++id) {
    const std::string_view text = symbols.text(id);
    symbol_bytes_.insert(symbol_bytes_.end(), text.begin(), text.end());
    symbol_offsets_.push_back(static_cast<std::uint32_t>(symbol_bytes_.size()));
  }
  auto symbol_column = [&](const std::vector<SymbolId>& ids) {
    return dsl::StringColumn{symbol_bytes_.data(), symbol_offsets_.data(), ids.data()};
  };

  const Invoices& invoices = portfolio.invoices;
  const std::size_t customer_count = portfolio.customers.size();
  oldest_due_dates_.resize(customer_count);
  missing_rate_.resize(customer_count);
  open_counts_.resize(customer_count);
  overdue_counts_.resize(customer_count);
  for (std::size_t c = 0; c < customer_count; ++c) {
    oldest_due_dates_[c] =
        aggregates.open_count[c] > 0 ? aggregates.oldest_due_date[c] : dsl::kNoDate;
    static_assert(static_cast<std::uint8_t>(AggregateStatus::overflow) == dsl::kAggregatesOverflow,
                  "the batch ABI reads the status byte as is");
    missing_rate_[c] = static_cast<std::uint8_t>(aggregates.status[c]);
    open_counts_[c] = static_cast<std::uint32_t>(aggregates.open_count[c]);
    overdue_counts_[c] = static_cast<std::uint32_t>(aggregates.overdue_count[c]);
  }

  dsl::PortfolioColumns& c = columns_;
  c.invoice_count = static_cast<std::uint32_t>(invoices.size());
  c.customer_count = static_cast<std::uint32_t>(customer_count);
  c.invoice_customer = invoices.customer.data();
  c.invoice_kind = reinterpret_cast<const std::uint8_t*>(invoices.kind.data());
  c.issue_date = invoices.issue_date.data();
  c.due_date = invoices.due_date.data();
  c.invoice_currency = reinterpret_cast<const std::uint16_t*>(invoices.currency.data());
  c.amount = invoices.amount.data();
  c.balance = invoices.balance.data();
  c.disputed = invoices.disputed.data();
  c.promise_date = invoices.promise_date.data();
  c.invoice_id = text_column(invoices.id);
  c.invoice_number = text_column(invoices.number);

  const Customers& customers = portfolio.customers;
  c.customer_id = text_column(customers.id);
  c.customer_name = text_column(customers.name);
  c.customer_segment = symbol_column(customers.segment);
  c.customer_country = symbol_column(customers.country);
  c.customer_language = symbol_column(customers.language);
  c.customer_scenario = symbol_column(customers.scenario);
  c.customer_email = text_column(customers.email);
  c.customer_currency = reinterpret_cast<const std::uint16_t*>(customers.currency.data());
  c.credit_limit = customers.credit_limit.data();
  c.has_credit_limit = customers.has_credit_limit.data();
  c.customer_collector = customers.collector.data();

  c.overdue_total = aggregates.overdue_total.data();
  c.open_total = aggregates.open_total.data();
  c.open_count = open_counts_.data();
  c.overdue_count = overdue_counts_.data();
  c.oldest_due_date = oldest_due_dates_.data();
  c.aggregates_missing_rate = missing_rate_.data();

  const Collectors& collectors = portfolio.collectors;
  c.collector_name = text_column(collectors.name);
  c.collector_email = text_column(collectors.email);
  c.collector_phone = text_column(collectors.phone);

  const Contacts& contacts = portfolio.contacts;
  c.contact_begin = portfolio.contact_begin.data();
  c.contact_rows = portfolio.contact_rows.data();
  c.contact_name = text_column(contacts.name);
  c.contact_email = text_column(contacts.email);
  c.contact_phone = text_column(contacts.phone);
  c.contact_role = symbol_column(contacts.role);

  for (const CustomFieldValues& field : portfolio.custom_fields) {
    dsl::CustomFieldColumn column;
    column.values = field.values.empty() ? nullptr : field.values.data();
    column.text = text_column(field.text);
    column.present = field.present.data();
    column.on_customer = field.declaration.table == CustomFieldTable::customers ? 1 : 0;
    custom_fields_.push_back(column);
  }
  c.custom_fields = custom_fields_.data();
  c.custom_field_count = static_cast<std::uint32_t>(custom_fields_.size());
}

}  // namespace dun

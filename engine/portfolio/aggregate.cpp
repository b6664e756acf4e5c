#include "engine/portfolio/aggregate.hpp"

#include <limits>

namespace dun {
namespace {

void add_checked(std::int64_t& total, std::int64_t value, AggregateStatus& status) {
  if (__builtin_add_overflow(total, value, &total) && status == AggregateStatus::ok) {
    status = AggregateStatus::overflow;
  }
}

}  // namespace

CustomerAggregates compute_aggregates(const Portfolio& portfolio, Date today,
                                      const RateTable& rates) {
  const Customers& customers = portfolio.customers;
  const Invoices& invoices = portfolio.invoices;
  const std::size_t customer_count = customers.size();
  CustomerAggregates result;
  result.open_total.assign(customer_count, 0);
  result.overdue_total.assign(customer_count, 0);
  result.overdue_count.assign(customer_count, 0);
  result.open_count.assign(customer_count, 0);
  result.oldest_due_date.assign(customer_count, std::numeric_limits<std::int32_t>::max());
  result.status.assign(customer_count, AggregateStatus::ok);
  result.problem_currency.assign(customer_count, Currency());

  const std::int32_t today_days = today.days();
  for (std::size_t i = 0; i < invoices.size(); ++i) {
    const std::int64_t balance_in_own_currency = invoices.balance[i];
    if (balance_in_own_currency == 0) continue;  // paid: adds nothing, needs no rate
    const RowIndex customer = invoices.customer[i];
    const Currency target = customers.currency[customer];
    std::int64_t balance = balance_in_own_currency;
    bool converted = true;
    if (invoices.currency[i] != target) {
      const auto in_target = rates.convert(balance, invoices.currency[i], target);
      if (in_target) {
        balance = *in_target;
      } else {
        converted = false;
        if (result.status[customer] == AggregateStatus::ok) {
          result.status[customer] = AggregateStatus::missing_rate;
          result.problem_currency[customer] = invoices.currency[i];
        }
      }
    }
    AggregateStatus& status = result.status[customer];
    if (invoices.kind[i] == InvoiceKind::credit_note) {
      if (converted) add_checked(result.open_total[customer], -balance, status);
      continue;
    }
    const std::int32_t due = invoices.due_date[i];
    ++result.open_count[customer];
    if (due < result.oldest_due_date[customer]) result.oldest_due_date[customer] = due;
    if (converted) add_checked(result.open_total[customer], balance, status);
    if (due < today_days) {
      ++result.overdue_count[customer];
      if (converted) add_checked(result.overdue_total[customer], balance, status);
    }
  }
  for (std::size_t c = 0; c < customer_count; ++c) {
    if (result.open_count[c] == 0) result.oldest_due_date[c] = kNoDate;
  }
  return result;
}

}  // namespace dun

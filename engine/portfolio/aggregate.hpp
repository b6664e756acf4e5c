// Customer aggregates (data-model.md) for a run date: what each customer owes, in the customer's
// own currency, computed in one pass over the invoices into columns parallel to the customers.
//
// - open_total    = Σ balance of invoices − Σ balance of credit notes
// - overdue_total = Σ balance of invoices with balance > 0 and due_date < today; overdue_count
//   counts them
// - open_count    = invoices with balance > 0; oldest_due_date = earliest due date among them
// Disputed, promised and dunning = false items count: the money is owed all the same.
// Each item in another currency is converted with the RateTable, rounded half-even to the
// customer's minor unit, before it is added. A missing rate is never guessed: the customer's
// `status` says so and names the currency; its totals then leave that item out and must not be
// used, while the counts and oldest_due_date (which need no rate) stay exact.
//
// CustomerAggregates owns its columns (parallel to portfolio.customers: row c is customer c) and
// points into nothing; it is only meaningful with the Portfolio it was computed from.
// compute_aggregates keeps no reference to its arguments and is safe from any number of threads
// while nobody changes the portfolio.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/portfolio/portfolio.hpp"
#include "stdlib/date.hpp"
#include "stdlib/money.hpp"

namespace dun {

// One byte per customer; nonzero means the money aggregates are unknown (the batch ABI's
// aggregates_missing_rate).
enum class AggregateStatus : std::uint8_t {
  ok = 0,
  missing_rate = 1,  // problem_currency has no rate to the customer's currency
  overflow = 2,      // a total does not fit in int64 minor units
};

struct CustomerAggregates {
  std::vector<std::int64_t> open_total;     // minor units of the customer's currency
  std::vector<std::int64_t> overdue_total;  // minor units of the customer's currency
  std::vector<std::uint32_t> overdue_count;
  std::vector<std::uint32_t> open_count;
  std::vector<std::int32_t> oldest_due_date;  // day number; kNoDate when nothing is open
  std::vector<AggregateStatus> status;
  std::vector<Currency> problem_currency;  // the first currency without a rate (missing_rate)

  std::size_t size() const { return open_total.size(); }
};

CustomerAggregates compute_aggregates(const Portfolio& portfolio, Date today,
                                      const RateTable& rates);

}  // namespace dun

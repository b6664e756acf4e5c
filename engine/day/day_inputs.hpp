// What evaluating the portfolio on one day needs besides the sequence state (a part of the
// DayPlan, engine/day/day_plan.hpp): the customer aggregates, the batch columns over the
// portfolio, the evaluation environment (rates, legal interest) and which scenario handles each
// invoice (with the collector's overrides).
//
// The delivery facts (null: none known, every invoice without a letter, no address bounced)
// become the columns of invoice.last_letter_status and customer.email_bounced.
//
// Ownership and lifetimes: DayInputs shares the aggregates (immutable; the delivery after a run
// renders with the same ones), owns a copy of the config's late-interest rate and the columns view
// into the aggregates (so it is built on the heap and never moved). It keeps a pointer into the
// Config (its rate table) and a view of the Portfolio, which must both outlive it.
// Immutable once built: concurrent readers are safe.
#pragma once

#include <memory>
#include <vector>

#include "dsl/batch.hpp"
#include "engine/base/config.hpp"
#include "engine/day/assign.hpp"
#include "engine/day/delivery_columns.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "stdlib/result.hpp"

namespace dun {

class DayInputs {
 public:
  static std::unique_ptr<DayInputs> build(const Portfolio& portfolio, const ScenarioSet& scenarios,
                                          const Config& config, Date date,
                                          const std::vector<Override>& overrides,
                                          const DeliveryFacts* delivery = nullptr);

  const dsl::PortfolioColumns& columns() const { return view_->columns(); }
  // The customer aggregates of the day, shareable beyond this object's life.
  const std::shared_ptr<const CustomerAggregates>& aggregates() const { return aggregates_; }
  dsl::EvalEnvironment environment() const { return {rates_, &late_interest_}; }
  const Assignment& assignment() const { return assignment_; }
  // The delivery facts as columns (empty vectors when none were given).
  const DeliveryColumns& delivery() const { return delivery_; }

 private:
  DayInputs(CustomerAggregates aggregates, LateInterestRate late_interest, const RateTable* rates)
      : aggregates_(std::make_shared<const CustomerAggregates>(std::move(aggregates))),
        late_interest_(std::move(late_interest)),
        rates_(rates) {}

  std::shared_ptr<const CustomerAggregates> aggregates_;
  LateInterestRate late_interest_;
  const RateTable* rates_;
  std::unique_ptr<PortfolioColumnsView> view_;  // points into aggregates_ and delivery_
  DeliveryColumns delivery_;
  Assignment assignment_;
};

}  // namespace dun

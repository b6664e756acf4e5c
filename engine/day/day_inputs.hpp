// What evaluating the portfolio on one day needs besides the sequence state (a part of the
// DayPlan, engine/day/day_plan.hpp): the customer aggregates, the batch columns over the
// portfolio, the evaluation environment (rates, legal interest) and which scenario handles each
// invoice (with the collector's overrides).
//
// Ownership and lifetimes: DayInputs owns the aggregates and the parsed late-interest rule, and
// the columns view into them (so it is built on the heap and never moved). It keeps a pointer
// into the Config (its rate table) and a view of the Portfolio, which must both outlive it.
// Immutable once built: concurrent readers are safe.
#pragma once

#include <memory>
#include <vector>

#include "dsl/batch.hpp"
#include "engine/base/config.hpp"
#include "engine/day/assign.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "stdlib/result.hpp"

namespace dun {

class DayInputs {
 public:
  // Fails only on a late-interest rule in the config that does not parse.
  static Result<std::unique_ptr<DayInputs>> build(const Portfolio& portfolio,
                                                  const ScenarioSet& scenarios,
                                                  const Config& config, Date date,
                                                  const std::vector<Override>& overrides);

  const dsl::PortfolioColumns& columns() const { return view_->columns(); }
  dsl::EvalEnvironment environment() const { return {rates_, &late_interest_}; }
  const Assignment& assignment() const { return assignment_; }

 private:
  DayInputs(CustomerAggregates aggregates, LateInterestRate late_interest, const RateTable* rates)
      : aggregates_(std::move(aggregates)),
        late_interest_(std::move(late_interest)),
        rates_(rates) {}

  CustomerAggregates aggregates_;
  LateInterestRate late_interest_;
  const RateTable* rates_;
  std::unique_ptr<PortfolioColumnsView> view_;  // points into aggregates_
  Assignment assignment_;
};

}  // namespace dun

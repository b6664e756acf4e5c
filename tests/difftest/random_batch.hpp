// Random portfolios and sequence states as the batch ABI's columns (dsl/batch.hpp), from a seed:
// run dates around early 2026 (weekends and holidays included), due dates on both sides of the
// run date, balances zero, negative and huge, currencies with and without a configured rate,
// disputes, promises, credit notes, customers with and without a collector, contacts and credit
// limit, aggregates whose rate is missing; sequences in every status with every flag, the last
// step anywhere in the scenario, and step dates either consistent with it or not (a scenario
// edit, a corrupt store): the back ends must agree on all of it.
//
// Owns every column; input() stays valid as long as the RandomBatch lives (not copyable).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dsl/batch.hpp"

namespace dun {
class RateTable;
class LateInterestRate;
}  // namespace dun

namespace dun::difftest {

class RandomBatch {
 public:
  RandomBatch(std::uint64_t seed, std::size_t step_count);
  ~RandomBatch();
  RandomBatch(const RandomBatch&) = delete;
  RandomBatch& operator=(const RandomBatch&) = delete;

  const dsl::BatchInput& input() const { return input_; }
  // Everything a decision of row `position` (of input().rows) depends on, one field a line.
  std::string describe_row(std::uint32_t position) const;
  // The run date and environment, for a failure report.
  std::string describe_environment() const;

 private:
  struct Columns;
  std::unique_ptr<Columns> columns_;
  std::unique_ptr<RateTable> rates_;
  std::unique_ptr<LateInterestRate> late_interest_;
  std::string environment_text_;
  std::size_t step_count_;
  dsl::BatchInput input_;
};

}  // namespace dun::difftest

// The data of the evaluation benchmarks (bench/eval_bench.cpp): a `dun gen` portfolio (generated
// as CSV into a temporary folder by engine/generate, loaded by the real CSV loader, aggregated
// with a rate table) lent as batch columns, and, per scenario, sequence states spread over all
// its steps and states. Built once per process; the temporary folder is removed after loading.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "dsl/batch.hpp"
#include "dsl/ir.hpp"

namespace dun::bench {

struct EvalPortfolio;

// The generated portfolio of `invoices` invoices (100 per 10 customers, seed 3, run date
// 2026-03-02, rates for USD, GBP and PLN), built at the first call. Null after a failure, with
// the reason in `error`.
const EvalPortfolio* eval_portfolio(std::uint32_t invoices, std::string& error);
const dsl::PortfolioColumns& columns(const EvalPortfolio& portfolio);
dsl::EvalEnvironment environment(const EvalPortfolio& portfolio);
std::int32_t run_date(const EvalPortfolio& portfolio);

// Every invoice of the portfolio as one batch, with sequence states for a scenario of
// `step_count` steps: about 20 % not started, the rest at every step (last step reached drawn
// evenly, its event dates spaced 10 days apart before the run date), some closed, stopped,
// paused, awaiting a task or already acted today.
class EvalBatch {
 public:
  EvalBatch(const EvalPortfolio& portfolio, std::size_t step_count);
  const dsl::BatchInput& input() const { return input_; }

 private:
  std::vector<std::uint32_t> rows_;
  std::vector<dsl::SequenceStatus> status_;
  std::vector<std::uint8_t> flags_;
  std::vector<std::int8_t> last_step_;
  std::vector<std::int32_t> step_dates_;
  dsl::BatchInput input_;
};

// Parses and checks a scenario file (templates from `templates_dir`); nullptr with the rendered
// diagnostics in `error` when it does not check.
std::unique_ptr<dsl::ir::Scenario> load_scenario(const std::string& path,
                                                 const std::string& templates_dir,
                                                 std::string& error);

}  // namespace dun::bench

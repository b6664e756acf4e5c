// The JIT's branch-free first pass (dsl/jit_fast_pass.cpp, docs/jit.md "Two passes"): a scenario
// of its subset gets it — a vectorised loop — and one outside it does not; its decisions, with
// the rows it hands to the branching form, equal the interpreter's over batches of several chunks
// (a partial last one), in a consecutive and in a shuffled selection, with every kind of row the
// fast form cannot decide (evaluation errors, money of two currencies, unknown aggregates).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <regex>
#include <string>

#include "tests/jit_test_util.hpp"

namespace dun::dsl {
namespace {

using testing::compile;
using testing::day;
using testing::expect_backends_agree;
using testing::SyntheticBatch;
using testing::TestBatch;

// Every node of the fast pass's subset, and every clause that can hand a row to the branching
// form: absent dates, a missing step date, money of two currencies, unknown aggregates.
const std::string kFastSubset = R"(
scenario fast "Inside the fast pass's subset"
  catch up 20 days
  applies when invoice.balance > 0 and not invoice.disputed or invoice.amount >= 5000 EUR
  stop when invoice.promised and invoice.promise_date < today - 30 days
  pause when customer.open_count > 2 and customer.open_total > 100000 EUR
  step pre_due
    at invoice.due_date - 2 weeks
    until invoice.issue_date + 40 days
    email "pre_due"
  step first
    at invoice.due_date + 3 days
    wait until invoice.balance >= 50 EUR and invoice.days_overdue >= 2
    email "first"
  step second
    at first + 10 days
    when customer.overdue_total > 1000 EUR or customer.overdue_count >= 2
    email "second"
  step formal
    at previous + 5 days
    when invoice.due_date != today and not invoice.disputed
    email "formal"
end
)";

std::string optimised_ir(const std::string& text) { return testing::dump_jit(*compile(text)).ir; }

TEST(JitFastPass, AScenarioOfTheSubsetGetsAVectorisedFirstPass) {
  const std::string ir = optimised_ir(kFastSubset);
  EXPECT_NE(ir.find("fast_row"), std::string::npos) << ir.substr(0, 2000);
  EXPECT_TRUE(std::regex_search(ir, std::regex("<[0-9]+ x i32>"))) << "no vector code";
}

TEST(JitFastPass, AScenarioOutsideTheSubsetHasOnlyTheBranchingForm) {
  // `send on business days` moves every `at` through a stdlib call.
  const std::string text =
      "scenario calls \"C\"\n  send on business days\n  step one\n    at invoice.due_date\n"
      "    email \"x\"\nend\n";
  const std::string ir = optimised_ir(text);
  EXPECT_NE(ir.find("define void @dun_evaluate_batch"), std::string::npos);
  EXPECT_EQ(ir.find("fast_row"), std::string::npos);
}

// 2,500 rows: two full chunks of the fast pass and a partial one.
void expect_agreement(const std::string& text, bool shuffled) {
  const auto scenario = compile(text);
  const std::int32_t first_day = day("2026-03-02");
  for (std::int32_t offset : {0, 4, 9, 30}) {
    const std::int32_t today = first_day + offset;
    SyntheticBatch synthetic(2500, scenario->steps.size(), today, 77u + offset);
    EvalEnvironment environment;
    if (offset % 2 == 1) environment.rates = &testing::test_rates();
    const TestBatch batch(synthetic.portfolio, scenario->steps.size(), synthetic.states, today,
                          environment);
    std::vector<std::uint32_t> rows(batch.input().row_count);
    for (std::uint32_t row = 0; row < rows.size(); ++row) rows[row] = row;
    if (shuffled) std::shuffle(rows.begin(), rows.end(), std::mt19937(offset));
    BatchInput input = batch.input();
    input.rows = rows.data();
    const std::vector<Decision> decisions = expect_backends_agree(*scenario, input);
    // The batch must reach the interesting rows: fired, held, skipped and failed ones.
    auto count = [&](auto predicate) {
      return std::count_if(decisions.begin(), decisions.end(), predicate);
    };
    EXPECT_GT(count([](const Decision& d) { return d.outcome == Outcome::fire; }), 0);
    EXPECT_GT(count([](const Decision& d) { return d.outcome == Outcome::error; }), 0);
    EXPECT_GT(count([](const Decision& d) { return d.skipped_count > 0; }), 0);
  }
}

TEST(JitFastPass, DecidesLikeTheInterpreterOnConsecutiveRows) {
  expect_agreement(kFastSubset, false);
}

TEST(JitFastPass, DecidesLikeTheInterpreterOnAShuffledSelection) {
  expect_agreement(kFastSubset, true);
}

}  // namespace
}  // namespace dun::dsl

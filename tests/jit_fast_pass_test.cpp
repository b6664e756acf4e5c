// The JIT's branch-free first pass (dsl/jit_fast_pass.cpp, docs/jit.md "Two passes"): a scenario
// of its subset gets it — a vectorised loop — and one outside it does not; its decisions, with
// the rows it hands to the branching form, equal the interpreter's over batches of several chunks
// (a partial last one), in a consecutive and in a shuffled selection, with every kind of row the
// fast form cannot decide (evaluation errors, money of two currencies, unknown aggregates).
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <random>
#include <regex>
#include <set>
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

// The core subset's loop runs kFastPassWidth (16) rows per iteration, where LLVM's cost model would
// pick 4 with 256-bit vectors (bench/RESULTS.md: 16 was the fastest width on the reference).
TEST(JitFastPass, TheCoreSubsetRunsSixteenRowsPerIteration) {
  const std::string ir = optimised_ir(kFastSubset);
  EXPECT_NE(ir.find("<16 x i32>"), std::string::npos) << "not 16 rows per iteration";
}

// The first pass builds each decision in four 32-bit words, like the masks of its 32-bit dates:
// built as one 64-bit word, the flags, outcome and step were selects on 64-bit lanes (four
// vectors per 16 rows each, and every mask widened to them). bench/RESULTS.md, sixth round.
TEST(JitFastPass, TheFirstPassBuildsTheDecisionInThirtyTwoBitWords) {
  const std::string ir = optimised_ir(kFastSubset);
  EXPECT_NE(ir.find("store <64 x i32>"), std::string::npos) << "not four 32-bit words per row";
  EXPECT_FALSE(std::regex_search(ir, std::regex("select <16 x i1> [^,]+, <16 x i64>")))
      << "a 64-bit select in the first pass";
}

// The step dates are a column per step (dsl/batch.hpp), so the first pass loads one step's dates
// of 16 consecutive rows with one vector load; row-major (5 dates per row in the reference), the
// vectorizer loaded them lane by lane. bench/RESULTS.md, seventh round.
TEST(JitFastPass, TheFirstPassLoadsAStepsDatesWithOneVectorLoad) {
  const std::string ir = optimised_ir(kFastSubset);
  // The addresses in the step dates' columns (step 0's column is the step dates pointer itself).
  std::set<std::string> addresses;
  const std::regex address(
      "(%[\\w.]+) = getelementptr inbounds i32, ptr %step_date(s|_column[\\w.]*),");
  for (auto it = std::sregex_iterator(ir.begin(), ir.end(), address); it != std::sregex_iterator();
       ++it) {
    addresses.insert((*it)[1]);
  }
  std::set<std::string> loaded;  // those loaded as 16 lanes at once
  const std::regex vector_load("load <16 x i32>, ptr (%[\\w.]+)");
  for (auto it = std::sregex_iterator(ir.begin(), ir.end(), vector_load);
       it != std::sregex_iterator(); ++it) {
    if (addresses.count((*it)[1]) != 0) loaded.insert((*it)[1]);
  }
  // kFastSubset's first pass reads the dates of steps pre_due, first and second (`at first + …`,
  // `at previous + …`): one vector load per step in each copy of the loop (consecutive rows and
  // gathered ones: the sequence columns are by position in both).
  EXPECT_GE(loaded.size(), 3u) << "the step dates are not loaded 16 rows at a time";
}

// After vectorisation, the first pass's masks are kept in 32-bit lanes (dsl/jit_wide_masks.hpp):
// each select of a 32-bit word is a blend of a <16 x i32> mask, so SelectionDAG does not pack the
// masks to bytes and widen them again for each select. bench/RESULTS.md, seventh round.
TEST(JitFastPass, TheFirstPassKeepsItsMasksInThirtyTwoBitLanes) {
  const std::string ir = optimised_ir(kFastSubset);
  EXPECT_NE(ir.find("sext <16 x i1>"), std::string::npos) << "no 32-bit mask";
  EXPECT_FALSE(std::regex_search(ir, std::regex("select <16 x i1> [^,]+, <16 x i32>")))
      << "a 32-bit select on a <16 x i1> mask";
}

// The rows the first pass marks are decided by the branching form, whose customer columns would
// miss the cache once per row, one miss after the other: a loop over the marked rows first loads
// each one's customer and prefetches every customer column the branching form reads (here
// open_count, open_total, overdue_total, overdue_count, the currency and the aggregates' status).
TEST(JitFastPass, TheMarkedRowsCustomerColumnsArePrefetched) {
  const std::string ir = optimised_ir(kFastSubset);
  EXPECT_NE(ir.find("prefetch_marked"), std::string::npos);
  const std::regex prefetch("call void @llvm\\.prefetch");
  const auto prefetches =
      std::distance(std::sregex_iterator(ir.begin(), ir.end(), prefetch), std::sregex_iterator());
  EXPECT_EQ(prefetches, 6) << "one prefetch per customer column the branching form reads";
}

TEST(JitFastPass, AScenarioOutsideTheSubsetHasOnlyTheBranchingForm) {
  // At --opt 2, `send on business days` keeps a scenario on the branching form (each `at` moved
  // through a stdlib call); only --opt 3 compiles its wider first pass.
  const std::string text =
      "scenario calls \"C\"\n  send on business days\n  step one\n    at invoice.due_date\n"
      "    email \"x\"\nend\n";
  const std::string ir = optimised_ir(text);
  EXPECT_NE(ir.find("define void @dun_evaluate_batch"), std::string::npos);
  EXPECT_EQ(ir.find("fast_row"), std::string::npos);
}

// 2,500 rows: two full chunks of the fast pass and a partial one, on days 2026-03-02 + offsets
// (by default a Monday, a Friday, a Wednesday and a Wednesday).
void expect_agreement(const std::string& text, bool shuffled,
                      std::initializer_list<std::int32_t> offsets = {0, 4, 9, 30},
                      std::int32_t first_day = day("2026-03-02")) {
  const auto scenario = compile(text);
  for (std::int32_t offset : offsets) {
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

// More than 16 steps: the skip reasons no longer fit the decision's third 32-bit word, and the
// first pass writes their high half in the fourth. Rows far past their due date skip all twenty
// steps in one day (late), so their reasons reach bit 40.
TEST(JitFastPass, MoreThanSixteenSkipsDecideLikeTheInterpreter) {
  std::string text = "scenario many \"Twenty steps\"\n  catch up 2 days\n";
  for (int k = 0; k < 20; ++k) {
    text += "  step s" + std::to_string(k) + "\n    at invoice.due_date + " +
            std::to_string(4 * k) + " days\n    email \"x\"\n";
  }
  text += "end\n";
  const auto scenario = compile(text);
  ASSERT_NE(optimised_ir(text).find("fast_row"), std::string::npos);
  // Invoices due around 2026-03-02, evaluated 160 days later.
  const std::int32_t generated = day("2026-03-02");
  SyntheticBatch synthetic(2500, scenario->steps.size(), generated, 91u);
  const TestBatch batch(synthetic.portfolio, scenario->steps.size(), synthetic.states,
                        generated + 160, EvalEnvironment{});
  const std::vector<Decision> decisions = expect_backends_agree(*scenario, batch.input());
  EXPECT_GT(std::count_if(decisions.begin(), decisions.end(),
                          [](const Decision& d) { return d.skipped_count > 16; }),
            0);
}

// The step dates are a column per step: step k's date of row i is step_dates[k * row_count + i]
// (dsl/batch.hpp). 40 rows (two iterations of 16 rows and a tail) whose dates differ per row and
// per step: row i's next step is (i % 3) + 1, at its last step's date + 10 days, and only that
// date decides it (today: fires; tomorrow: nothing). Another row's or step's date, as the old
// row-major layout would read here, is 300+ days old (late: skipped) or absent (an error).
TEST(JitFastPass, StepDatesAreReadAColumnPerStep) {
  const std::string text = R"(
scenario columns "Step dates by column"
  catch up 5 days
  step s0
    at invoice.due_date
    email "s0"
  step s1
    at previous + 10 days
    email "s1"
  step s2
    at previous + 10 days
    email "s2"
  step s3
    at previous + 10 days
    email "s3"
end
)";
  const auto scenario = compile(text);
  ASSERT_NE(optimised_ir(text).find("fast_row"), std::string::npos);
  constexpr std::uint32_t kRows = 40;
  constexpr std::size_t kSteps = 4;
  const std::int32_t today = day("2026-03-02");
  testing::TestPortfolio portfolio;
  portfolio.invoices.assign(kRows, testing::InvoiceSpec{});
  std::vector<std::uint32_t> rows(kRows);
  std::vector<SequenceStatus> status(kRows, SequenceStatus::active);
  std::vector<std::uint8_t> flags(kRows, 0);
  std::vector<std::int8_t> last(kRows);
  std::vector<std::int32_t> dates(kSteps * kRows, kNoDate);
  for (std::uint32_t i = 0; i < kRows; ++i) {
    rows[i] = i;
    last[i] = static_cast<std::int8_t>(i % 3);
    for (std::size_t k = 0; k <= i % 3; ++k) {
      dates[k * kRows + i] = k == i % 3 ? today - 10 + static_cast<std::int32_t>(i % 2)
                                        : today - 300 - static_cast<std::int32_t>(i + 7 * k);
    }
  }
  BatchInput batch;
  batch.portfolio = &portfolio.columns();
  batch.rows = rows.data();
  batch.row_count = kRows;
  batch.sequences = {status.data(), flags.data(), last.data(), dates.data()};
  batch.today = today;
  const std::vector<Decision> decisions = expect_backends_agree(*scenario, batch);
  for (std::uint32_t i = 0; i < kRows; ++i) {
    Decision expected;
    if (i % 2 == 0) {
      expected.outcome = Outcome::fire;
      expected.step = static_cast<std::uint8_t>(i % 3 + 1);
    }
    EXPECT_EQ(decisions[i], expected) << "row " << i << ": " << testing::describe(decisions[i]);
  }
}

// ---- The wider subset of --opt 3: strings against constants, lets, `send on business days` ----

// Strings of the invoice's kind and currency against constants, both ways round, `==`, `!=` and
// `in` (one value, all but one, several: a compare or a table lookup by the column's small code).
const std::string kStrings = R"(
scenario strings "Strings in the fast pass"
  catch up 20 days
  applies when invoice.kind == "invoice" and invoice.balance > 0 or "credit_note" == invoice.kind
  stop when invoice.currency in ["GBP", "CHF", "JPY"] and invoice.kind != "credit_note"
  pause when invoice.currency in ["CHF"] and invoice.disputed
  step first
    at invoice.due_date + 3 days
    when invoice.currency != "USD" or "EUR" == invoice.currency
    email "first"
  step second
    at first + 10 days
    when invoice.kind == "credit note"
    email "second"
  step third
    at previous + 5 days
    wait until invoice.currency == "USD"
    email "third"
end
)";

// Lets read by several clauses, one of them reading customer aggregates (which a step's `when`
// defers to the branching form while `applies` computes them), one unread.
const std::string kLets = R"(
scenario lets "Lets in the fast pass"
  catch up 15 days
  let open = invoice.balance > 0 and not invoice.disputed
  let exposed = invoice.balance >= 10_000 EUR or customer.overdue_total >= 1000 EUR
  let never_read = customer.open_total > 5 EUR
  applies when open and (exposed or invoice.amount > 0)
  step first
    at invoice.due_date + 2 days
    when exposed
    email "first"
  step second
    at first + 7 days
    wait until open and exposed
    email "second"
end
)";

// `send on business days` with the French calendar, a short catch-up so that lateness counts in
// business-day terms, and a step whose `until` ends before the moved `at`.
const std::string kBusinessDays = R"(
scenario workdays "Business days in the fast pass"
  calendar FR
  send on business days
  catch up 3 days
  applies when invoice.balance > 0
  step pre_due
    at invoice.due_date - 4 days
    until invoice.due_date - 2 days
    email "pre_due"
  step first
    at invoice.due_date + 1 days
    email "first"
  step second
    at first + 5 days
    when customer.overdue_total > 100 EUR
    email "second"
  step third
    at previous + 2 weeks
    email "third"
end
)";

bool has_fast_pass(const std::string& text, int opt_level) {
  return testing::dump_jit(*compile(text), opt_level).ir.find("fast_row") != std::string::npos;
}

TEST(JitFastPass, TheWiderSubsetIsCompiledAtOpt3Only) {
  for (const std::string* text : {&kStrings, &kLets, &kBusinessDays}) {
    EXPECT_FALSE(has_fast_pass(*text, 2)) << *text;
    EXPECT_TRUE(has_fast_pass(*text, 3)) << *text;
  }
  // Business-day durations stay outside: they need a stdlib call per row.
  EXPECT_FALSE(
      has_fast_pass("scenario bd \"B\"\n  step one\n    at invoice.due_date + 5 business days\n"
                    "    email \"x\"\nend\n",
                    3));
  // A string column against another column, or a customer string, too.
  EXPECT_FALSE(
      has_fast_pass("scenario seg \"S\"\n  applies when customer.segment == \"sme\"\n  step one\n"
                    "    at invoice.due_date\n    email \"x\"\nend\n",
                    3));
}

TEST(JitFastPass, StringsDecideLikeTheInterpreter) {
  expect_agreement(kStrings, false);
  expect_agreement(kStrings, true);
}

TEST(JitFastPass, LetsDecideLikeTheInterpreter) {
  expect_agreement(kLets, false);
  expect_agreement(kLets, true);
}

TEST(JitFastPass, SendOnBusinessDaysDecidesLikeTheInterpreter) {
  // A Saturday, a Sunday, Easter Monday (a French holiday), the Tuesday after it, Friday 1 May
  // (Labour Day), Monday 4 May, Friday 8 May (Victory Day) and Monday 11 May.
  const std::int32_t saturday = day("2026-04-04");
  for (bool shuffled : {false, true}) {
    expect_agreement(kBusinessDays, shuffled, {0, 1, 2, 3, 27, 30, 34, 37}, saturday);
  }
}

}  // namespace
}  // namespace dun::dsl

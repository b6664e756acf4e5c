// The JIT decides exactly as the reference interpreter (dsl/jit.hpp): the same Decision — flags,
// outcome, step, skips with reasons, EvalError and clause site — for every row of varied
// synthetic batches, on the shipped scenarios, the language.md §1 example, the reference workload
// and one scenario per expression kind; at -O0 and -O2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "tests/jit_test_util.hpp"

namespace dun::dsl {
namespace {

using testing::compile;
using testing::compile_all;
using testing::day;
using testing::expect_backends_agree;
using testing::SyntheticBatch;
using testing::TestBatch;

const std::string kLanguageExample = R"(
scenario standard_b2b "Standard B2B follow-up"
  calendar FR
  send on business days
  applies when invoice.kind == "invoice" and invoice.balance > 0
  pause when invoice.disputed or (invoice.promised and invoice.promise_date >= today)
  let big_account = customer.overdue_total >= 1000 EUR
  step pre_due
    at invoice.due_date - 3 days
    until invoice.due_date - 1 days
    email "pre_due"
  step first
    at invoice.due_date + 7 days
    when invoice.balance >= 50 EUR
    email "first_reminder" grouped copy collector
  step second
    at first + 10 days
    email "second_reminder" grouped
  step formal
    at second + 15 days
    when big_account
    letter registered "formal_notice" confirm
  step call
    at previous + 10 days
    task "Call {customer.name} about invoice {invoice.number}" assign collector
end
)";

// The issue's reference workload, from the one file the evaluation benchmarks also read.
const std::string kReferenceWorkload = [] {
  std::ifstream in(std::filesystem::path(DUN_SOURCE_DIR) / "bench/reference.dun");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}();

// Every clause kind, each able to fail for some invoices.
const std::string kEveryClause = R"(
scenario clauses "Every clause can fail"
  calendar DE
  send on business days
  catch up 5 days
  applies when invoice.balance > 0 and (invoice.currency != "CHF" or invoice.balance > 10 EUR)
  stop when invoice.disputed and invoice.promise_date < today - 5 days
  pause when invoice.kind == "credit_note" and customer.overdue_total > 100 EUR
  let exposure = customer.overdue_total + invoice.balance
  let due_on = invoice.due_date
  step one
    at due_on - 2 days
    until invoice.promise_date + 3 days
    email "one"
  step two
    at one + 5 days
    when exposure > 500 EUR
    email "two"
  step three
    at previous + 3 days
    wait until invoice.balance / customer.overdue_count < 1000 EUR
    email "three"
  step four
    at three + 2 business days
    until invoice.due_date + 60 days
    when customer.credit_limit > 100 EUR
    email "four"
end
)";

// Runs `scenario` over synthetic batches on several days, with and without rates.
void expect_agreement_on_synthetic_days(const ir::Scenario& scenario) {
  const std::int32_t first_day = day("2026-03-02");
  for (std::int32_t offset : {0, 3, 5, 6, 17}) {
    const std::int32_t today = first_day + offset;
    SyntheticBatch synthetic(300, scenario.steps.size(), today, 1000u + offset);
    EvalEnvironment environment;
    if (offset % 2 == 1) {
      environment.rates = &testing::test_rates();
      environment.late_interest = &testing::test_late_interest();
    }
    const TestBatch batch(synthetic.portfolio, scenario.steps.size(), synthetic.states, today,
                          environment);
    expect_backends_agree(scenario, batch.input());
  }
}

TEST(JitDecide, LanguageExampleAgreesWithTheInterpreter) {
  const auto scenario = compile(kLanguageExample);
  expect_agreement_on_synthetic_days(*scenario);
}

TEST(JitDecide, ReferenceWorkloadAgreesWithTheInterpreter) {
  const auto scenario = compile(kReferenceWorkload);
  expect_agreement_on_synthetic_days(*scenario);
}

TEST(JitDecide, EveryClauseKindAgreesWithTheInterpreter) {
  const auto scenario = compile(kEveryClause);
  expect_agreement_on_synthetic_days(*scenario);
}

TEST(JitDecide, ShippedScenariosAgreeWithTheInterpreter) {
  const std::filesystem::path folder = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios";
  int scenarios = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".dun") continue;
    const auto compiled =
        compile_all(entry.path().string(), testing::read_text(entry.path()), folder / "templates");
    for (const auto& scenario : compiled) {
      SCOPED_TRACE(entry.path().filename().string() + ": " + scenario->name);
      expect_agreement_on_synthetic_days(*scenario);
      ++scenarios;
    }
  }
  EXPECT_GE(scenarios, 3);
}

// One scenario per expression: `applies when EXPR`, then two steps, so that every value and
// every error of the expression shows in the decisions.
class JitExpression : public ::testing::TestWithParam<std::string> {};

TEST_P(JitExpression, AgreesWithTheInterpreter) {
  const std::string text =
      "scenario e \"E\"\n"
      "  let kinds = [\"sme\", \"public\"]\n"
      "  let doubled = invoice.balance * 2\n"
      "  let exposure = doubled + customer.overdue_total\n"
      "  applies when " +
      GetParam() +
      "\n"
      "  step one\n    at invoice.issue_date + 1 days\n    email \"one\"\n"
      "  step two\n    at one + 3 days\n    email \"two\"\n"
      "end\n";
  const auto scenario = compile(text);
  expect_agreement_on_synthetic_days(*scenario);
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, JitExpression,
    ::testing::Values(
        "invoice.balance > 0", "invoice.kind == \"invoice\" and invoice.balance > 0",
        "not invoice.disputed or invoice.promised", "invoice.balance >= 50 EUR",
        "invoice.balance + invoice.amount > 100 EUR",
        "invoice.balance - 10 EUR < customer.overdue_total", "invoice.balance * 2 > 1000 EUR",
        "invoice.balance * 1.5 > 1000 EUR", "invoice.balance / 3 > 10 EUR",
        "invoice.balance / 0.75 > 10 EUR", "invoice.balance / customer.open_count > 10 EUR",
        "invoice.days_overdue / customer.overdue_count > 3",
        "(invoice.days_overdue * 1_000_000_000_000) * 1_000_000_000 > 0",
        "invoice.days_overdue + 0.5 > 3", "invoice.days_overdue * 0.25 > 2.5",
        "invoice.days_overdue / 0.3 > 20", "-invoice.days_overdue > 5",
        "-invoice.balance < -10 EUR", "invoice.promise_date >= today",
        "invoice.promised and invoice.promise_date >= today",
        "customer.segment in [\"sme\", \"public\"]", "customer.segment != \"sme\"",
        "invoice.currency == \"USD\"", "invoice.currency != \"EUR\"", "customer.country == \"FR\"",
        "invoice.balance in [0 EUR, 50 EUR, 100 USD]", "invoice.days_overdue in [1, 2, 3, 10]",
        "if invoice.promised then invoice.promise_date > today else invoice.due_date < today",
        "(if invoice.disputed then invoice.balance else invoice.amount) > 100 EUR",
        "min(invoice.balance, customer.overdue_total) > 10 EUR",
        "max(invoice.balance, 100 USD) > 500 EUR", "min(invoice.days_overdue, 10) > 5",
        "max(invoice.due_date, today - 10 days) > today", "abs(invoice.balance) > 100 EUR",
        "abs(invoice.days_overdue) > 10", "abs(invoice.days_overdue * 0.5) > 10",
        "round(invoice.days_overdue * 0.5) > 5", "round(invoice.balance) > 100 EUR",
        "days_between(invoice.due_date, today) > 5",
        "business_days_between(invoice.due_date, today) > 5", "weekday(invoice.due_date) >= 6",
        "month_end(invoice.due_date) == month_end(today)",
        "late_interest(invoice.balance, invoice.due_date) > 1 EUR",
        "contains(customer.segment, \"a\")", "contains(kinds, customer.segment)",
        "customer.segment in kinds", "collector.email == \"claire@dun.example\"",
        "collector.name != \"\"", "customer.credit_limit > invoice.balance",
        "customer.oldest_due_date < today - 30 days", "invoice.due_date + 2 weeks < today",
        "invoice.due_date - 3 business days < today", "invoice.due_date + 9_000_000 days > today",
        "invoice.due_date - 2_900_000 days < today", "today - invoice.due_date > 10",
        "customer.open_count > 1 and customer.overdue_count > 0",
        "invoice.issue_date < invoice.due_date", "invoice.id != customer.id",
        "invoice.number != \"\" and customer.name != \"\" and customer.email != \"\"",
        "customer.language == \"fr\" or customer.scenario == \"x\"", "exposure > 1000 EUR",
        "doubled > 10 EUR or exposure < 0 EUR", "customer.open_total > 0",
        "invoice.amount > invoice.balance", "invoice.disputed == invoice.promised"));

// ---- explicit outcomes, so that agreement is not agreement on a wrong answer ----

std::vector<Decision> jit_decide(const std::string& text, testing::TestPortfolio& portfolio,
                                 std::vector<testing::SequenceState> states, std::int32_t today,
                                 EvalEnvironment environment = {}) {
  const auto scenario = compile(text);
  const TestBatch batch(portfolio, scenario->steps.size(), std::move(states), today, environment);
  auto jit = testing::jit_or_fail(*scenario, 2);
  std::vector<Decision> decisions(batch.input().row_count);
  if (jit != nullptr) jit->evaluate(batch.input(), decisions);
  return decisions;
}

std::string with_applies(const std::string& applies) {
  return "scenario s \"S\"\n  let v = " + applies +
         "\n  applies when v\n  step one\n    at invoice.due_date\n    email \"x\"\nend\n";
}

TEST(JitDecide, EveryEvaluationErrorWithTheLetItAroseIn) {
  testing::TestPortfolio portfolio;
  portfolio.invoices[0].currency = "USD";
  portfolio.customers[0].open_count = 0;
  portfolio.customers[0].has_collector = false;
  const std::int32_t today = day("2026-02-01");
  const std::uint16_t let_site = clause_site(ClauseKind::let, 0);
  const std::pair<std::string, EvalError> cases[] = {
      {"invoice.balance > 10 EUR", EvalError::missing_rate},
      {"invoice.promise_date > today", EvalError::absent_value},
      {"collector.name == \"x\"", EvalError::absent_value},
      {"invoice.balance / customer.open_count > 0 USD", EvalError::division_by_zero},
      {"invoice.days_overdue * 9_000_000_000_000_000_000 > 0", EvalError::overflow},
      {"invoice.due_date + 9_000_000 days > today", EvalError::out_of_range},
      {"late_interest(invoice.balance, invoice.due_date) > 0 USD", EvalError::no_interest_rule},
  };
  for (const auto& [expression, error] : cases) {
    const auto decisions = jit_decide(with_applies(expression), portfolio, {{}}, today);
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].outcome, Outcome::error) << expression;
    EXPECT_EQ(decisions[0].error, error) << expression;
    EXPECT_EQ(decisions[0].error_site, let_site) << expression;
  }
}

// A customer whose totals overflow int64 (aggregate.hpp): reading them is an overflow, told apart
// from a missing rate, on both back ends.
TEST(JitDecide, AnAggregateThatOverflowsIsAnOverflowOnBothBackEnds) {
  testing::TestPortfolio portfolio;
  const std::int32_t today = day("2026-02-01");
  for (const char* aggregate : {"customer.overdue_total", "customer.open_total"}) {
    const auto scenario = compile(with_applies(std::string(aggregate) + " > 0 EUR"));
    portfolio.customers[0].aggregates_overflow = true;
    const TestBatch overflowing(portfolio, scenario->steps.size(), {{}}, today);
    const auto decisions = expect_backends_agree(*scenario, overflowing.input());
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(decisions[0].outcome, Outcome::error) << aggregate;
    EXPECT_EQ(decisions[0].error, EvalError::overflow) << aggregate;
    EXPECT_EQ(decisions[0].error_site, clause_site(ClauseKind::let, 0));
    portfolio.customers[0].aggregates_overflow = false;
    portfolio.customers[0].aggregates_missing_rate = true;
    const TestBatch missing(portfolio, scenario->steps.size(), {{}}, today);
    EXPECT_EQ(expect_backends_agree(*scenario, missing.input())[0].error, EvalError::missing_rate);
    portfolio.customers[0].aggregates_missing_rate = false;
  }
}

TEST(JitDecide, AStepWithoutEventDateIsMissingStepDateAtItsAtClause) {
  testing::TestPortfolio portfolio;
  const std::string text =
      "scenario s \"S\"\n  step one\n    at invoice.due_date\n    email \"x\"\n"
      "  step two\n    at one + 3 days\n    email \"y\"\nend\n";
  // Step one reached but without a date (a scenario edit): `at one + 3 days` cannot be computed.
  const auto decisions = jit_decide(
      text, portfolio, {{SequenceStatus::active, 0, 0, {kNoDate, kNoDate}}}, day("2026-02-01"));
  EXPECT_EQ(decisions[0].outcome, Outcome::error);
  EXPECT_EQ(decisions[0].error, EvalError::missing_step_date);
  EXPECT_EQ(decisions[0].error_site, clause_site(ClauseKind::at, 1));
}

TEST(JitDecide, FiresSkipsAndHoldsLikeTheLanguageSays) {
  testing::TestPortfolio portfolio;  // due 2026-01-12, 120 EUR
  const auto scenario = compile(kLanguageExample);
  // 2026-01-19: pre_due expired (skipped), first fires; the sequence starts.
  const TestBatch batch(portfolio, scenario->steps.size(), {{SequenceStatus::none}},
                        day("2026-01-19"));
  const auto decisions = expect_backends_agree(*scenario, batch.input());
  EXPECT_EQ(decisions[0].outcome, Outcome::fire);
  EXPECT_EQ(decisions[0].step, 1);
  EXPECT_EQ(decisions[0].flags, kStarted);
  EXPECT_EQ(decisions[0].skipped_count, 1);
  EXPECT_EQ(decisions[0].skip_reason(0), SkipReason::expired);
}

// `repeat` on the last step (language.md §3.2): both back ends agree on every kind of row —
// before, on and after a repetition's date, skipped, ended, acted today — on several days.
TEST(JitDecide, RepetitionsAgreeWithTheInterpreter) {
  const auto scenario = compile(R"(scenario s "S"
  calendar FR
  send on business days
  catch up 3 days
  step first
    at invoice.due_date + 7 days
    email "x"
  step final
    at first + 10 days
    until invoice.due_date + 90 days
    when invoice.balance >= 50 EUR
    wait until not invoice.disputed
    email "y"
    repeat every 14 days at most 2 times
end
)");
  expect_agreement_on_synthetic_days(*scenario);
  testing::TestPortfolio portfolio;
  portfolio.invoices.resize(3);
  portfolio.invoices[1].id = "INV-2";
  portfolio.invoices[2].id = "INV-3";
  for (const char* today : {"2026-02-11", "2026-02-12", "2026-02-16", "2026-02-20"}) {
    const TestBatch batch(
        portfolio, scenario->steps.size(),
        {{SequenceStatus::active, 0, 1, {day("2026-01-19"), day("2026-01-29")}},
         {SequenceStatus::active, kSequenceRepeatsEnded, 1, {day("2026-01-19"), day("2026-01-29")}},
         {SequenceStatus::active, kSequenceActedToday, 1, {day("2026-01-19"), day(today)}}},
        day(today));
    const auto decisions = expect_backends_agree(*scenario, batch.input());
    if (std::string(today) == "2026-02-12") {
      EXPECT_EQ(decisions[0].outcome, Outcome::fire);
      EXPECT_EQ(decisions[0].step, 1);
    }
    if (std::string(today) == "2026-02-16") {  // 4 days late: skipped
      EXPECT_EQ(decisions[0].skipped_count, 1);
      EXPECT_EQ(decisions[0].skip_reason(0), SkipReason::late);
    }
    EXPECT_EQ(decisions[1].outcome, Outcome::nothing);
    EXPECT_EQ(decisions[2].outcome, Outcome::nothing);
  }
}

TEST(JitDecide, ACollectorsPauseHoldsLikeThePauseClause) {
  testing::TestPortfolio portfolio;
  // The scenario's own pause would fail (no promise date): it is not evaluated.
  const std::string text =
      "scenario s \"S\"\n  pause when invoice.promise_date > today\n"
      "  step one\n    at invoice.due_date\n    email \"x\"\nend\n";
  const std::int32_t today = day("2026-02-01");
  auto decisions =
      jit_decide(text, portfolio, {{SequenceStatus::active, kSequenceManualPause, -1, {}}}, today);
  EXPECT_EQ(decisions[0].outcome, Outcome::nothing);
  EXPECT_EQ(decisions[0].flags, kPaused);
  decisions =
      jit_decide(text, portfolio,
                 {{SequenceStatus::active, kSequenceManualPause | kSequencePaused, -1, {}}}, today);
  EXPECT_EQ(decisions[0].outcome, Outcome::nothing);
  EXPECT_EQ(decisions[0].flags, 0);
  // Without the collector's pause the clause runs (and fails here).
  decisions = jit_decide(text, portfolio, {{SequenceStatus::active, 0, -1, {}}}, today);
  EXPECT_EQ(decisions[0].error, EvalError::absent_value);
  EXPECT_EQ(decisions[0].error_site, clause_site(ClauseKind::pause));
}

TEST(JitDecide, NullSequenceColumnsMeanNewSequencesAndEmptyBatchesWriteNothing) {
  testing::TestPortfolio portfolio;
  const auto scenario = compile(kReferenceWorkload);
  TestBatch batch(portfolio, scenario->steps.size(), {{}}, day("2026-01-19"));
  BatchInput input = batch.input();
  input.sequences = {};
  expect_backends_agree(*scenario, input);
  auto jit = testing::jit_or_fail(*scenario, 2);
  ASSERT_NE(jit, nullptr);
  input.row_count = 0;
  Decision untouched;
  untouched.step = 99;
  std::vector<Decision> decisions{untouched};
  jit->evaluate(input, std::span<Decision>(decisions.data(), 0));
  EXPECT_EQ(decisions[0].step, 99);
}

TEST(JitDecide, DecisionsFollowTheSelectionVector) {
  const std::int32_t today = day("2026-03-10");
  const auto scenario = compile(kLanguageExample);
  SyntheticBatch synthetic(50, scenario->steps.size(), today, 7);
  TestBatch batch(synthetic.portfolio, scenario->steps.size(), synthetic.states, today);
  // Every third invoice, in reverse order.
  std::vector<std::uint32_t> rows;
  for (std::uint32_t row = 49; row < 50; row -= 3) rows.push_back(row);
  BatchInput input = batch.input();
  input.rows = rows.data();
  input.row_count = static_cast<std::uint32_t>(rows.size());
  expect_backends_agree(*scenario, input);
}

// DUN_JIT_DUMP=DIR leaves the optimised IR and the machine code of each compiled scenario there.
TEST(JitCompile, DumpsTheOptimisedIrAndAssemblyWhenAsked) {
  const auto scenario = compile(kReferenceWorkload);
  const testing::JitDump dump = testing::dump_jit(*scenario);
  EXPECT_NE(dump.ir.find("define void @dun_evaluate_batch"), std::string::npos);
  EXPECT_NE(dump.assembly.find("dun_evaluate_batch:"), std::string::npos);
  // The object the JIT linked, for mapping a profiler's samples with objdump.
  EXPECT_EQ(dump.object.substr(0, 4),
            "\x7f"
            "ELF");
}

TEST(JitCompile, ScenariosCompileOnSeveralThreadsAtOnce) {
  const auto scenarios =
      compile_all("all.dun", kLanguageExample + kReferenceWorkload + kEveryClause);
  ASSERT_EQ(scenarios.size(), 3u);
  std::vector<std::unique_ptr<CompiledScenario>> compiled(6);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < compiled.size(); ++k) {
    threads.emplace_back([&, k] {
      JitOptions options;
      options.opt_level = static_cast<int>(k % 4);
      auto result = compile_jit(*scenarios[k % 3], options);
      if (result.ok()) compiled[k] = std::move(result).value();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& scenario : compiled) EXPECT_NE(scenario, nullptr);
}

TEST(JitCompile, RefusesABadOptLevelAndTooManySteps) {
  const auto scenario = compile(kReferenceWorkload);
  JitOptions options;
  options.opt_level = 4;
  auto refused = compile_jit(*scenario, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("optimisation level 4"), std::string::npos);
  std::string many = "scenario many \"M\"\n";
  for (std::size_t k = 0; k <= kMaxSteps; ++k) {
    many += "  step s" + std::to_string(k) + "\n    at invoice.due_date\n    email \"x\"\n";
  }
  many += "end\n";
  const auto too_many = compile(many);
  refused = compile_jit(*too_many, JitOptions{});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("at most 32"), std::string::npos);
}

}  // namespace
}  // namespace dun::dsl

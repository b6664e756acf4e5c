// The reference interpreter's expressions: every IR node kind and builtin on hand-computed values,
// from scenario text through the real parser and checker, on a hand-filled portfolio.
#include "dsl/interp.hpp"

#include <gtest/gtest.h>

#include "interp_test_util.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/money.hpp"

namespace dun::dsl {
namespace {

using testing::compile;
using testing::day;

// What an expression evaluated to, copied out before the scenario and batch go away.
struct Evaluated {
  std::string text;  // format_value
  EvalError error = EvalError::none;
  std::uint16_t site = 0;
  Type type = Type::error;
};

class InterpExpr : public ::testing::Test {
 protected:
  // EXPR as `let v = EXPR` (after `lets`, before one step) for invoice 0 of the portfolio.
  Evaluated eval(const std::string& expr, const std::string& lets = "") {
    const auto scenario = compile("scenario s \"S\"\n" + options + lets + "  let v = " + expr +
                                  "\n  step a\n    at invoice.due_date\n    email \"x\"\nend\n");
    if (scenario->lets.empty()) return {};
    const testing::TestBatch batch(portfolio, scenario->steps.size(), {}, today, environment);
    auto interpreter = Interpreter::create(*scenario);
    EXPECT_TRUE(interpreter.ok());
    const Value value = interpreter->evaluate_expr(*scenario->lets.back().value, batch.input(), 0);
    return {format_value(value), value.error(), value.error_site(), value.type()};
  }
  std::string text(const std::string& expr) {
    const Evaluated evaluated = eval(expr);
    EXPECT_EQ(evaluated.error, EvalError::none) << expr << ": " << evaluated.text;
    return evaluated.text;
  }
  EvalError error(const std::string& expr) { return eval(expr).error; }

  void use_rates() {
    rates.set_scaled(*Currency::from_code("USD"), 920'000'000);  // 1 USD = 0.92 EUR
    environment.rates = &rates;
  }

  testing::TestPortfolio portfolio;
  std::int32_t today = day("2026-02-01");
  std::string options;
  RateTable rates{*Currency::from_code("EUR")};
  EvalEnvironment environment;
};

// ---- literals and reads ----

TEST_F(InterpExpr, Literals) {
  EXPECT_EQ(text("true"), "true");
  EXPECT_EQ(text("1_000"), "1000");
  EXPECT_EQ(text("-12"), "-12");
  EXPECT_EQ(text("12.75"), "12.75");
  EXPECT_EQ(text("1_200.50 USD"), "1200.50 USD");
  EXPECT_EQ(text("2026-01-31"), "2026-01-31");
  EXPECT_EQ(text("\"text\""), "text");
  EXPECT_EQ(text("today"), "2026-02-01");
  EXPECT_EQ(eval("3 days").type, Type::duration);
  EXPECT_EQ(eval("0.5").type, Type::decimal);
}

TEST_F(InterpExpr, InvoiceFields) {
  EXPECT_EQ(text("invoice.id"), "INV-1");
  EXPECT_EQ(text("invoice.number"), "F2026-001");
  EXPECT_EQ(text("invoice.kind"), "invoice");
  EXPECT_EQ(text("invoice.issue_date"), "2025-12-01");
  EXPECT_EQ(text("invoice.due_date"), "2026-01-12");
  EXPECT_EQ(text("invoice.amount"), "120.00 EUR");
  EXPECT_EQ(text("invoice.balance"), "120.00 EUR");
  EXPECT_EQ(text("invoice.currency"), "EUR");
  EXPECT_EQ(text("invoice.disputed"), "false");
  EXPECT_EQ(text("invoice.promised"), "false");
  EXPECT_EQ(text("invoice.days_overdue"), "20");  // 2026-02-01 - 2026-01-12
  today = day("2026-01-10");
  EXPECT_EQ(text("invoice.days_overdue"), "-2");  // negative before the due date
}

TEST_F(InterpExpr, InvoiceKindCurrencyAndPromise) {
  portfolio.invoices[0].kind = 1;
  portfolio.invoices[0].currency = "USD";
  portfolio.invoices[0].promise_date = day("2026-02-05");
  portfolio.invoices[0].disputed = true;
  EXPECT_EQ(text("invoice.kind"), "credit_note");
  EXPECT_EQ(text("invoice.currency"), "USD");
  EXPECT_EQ(text("invoice.balance"), "120.00 USD");
  EXPECT_EQ(text("invoice.promised"), "true");
  EXPECT_EQ(text("invoice.promise_date"), "2026-02-05");
  EXPECT_EQ(text("invoice.disputed"), "true");
}

TEST_F(InterpExpr, AbsentPromiseDateIsAnError) {
  EXPECT_EQ(error("invoice.promise_date"), EvalError::absent_value);
}

TEST_F(InterpExpr, CustomerFieldsAndAggregates) {
  testing::CustomerSpec& customer = portfolio.customers[0];
  customer.overdue_total = 150000;
  customer.open_total = 250000;
  customer.open_count = 3;
  customer.overdue_count = 2;
  customer.oldest_due_date = day("2025-11-30");
  EXPECT_EQ(text("customer.id"), "C1");
  EXPECT_EQ(text("customer.name"), "Acme SARL");
  EXPECT_EQ(text("customer.segment"), "sme");
  EXPECT_EQ(text("customer.country"), "FR");
  EXPECT_EQ(text("customer.language"), "fr");
  EXPECT_EQ(text("customer.scenario"), "standard_b2b");
  EXPECT_EQ(text("customer.email"), "ap@acme.example");
  EXPECT_EQ(text("customer.overdue_total"), "1500.00 EUR");
  EXPECT_EQ(text("customer.open_total"), "2500.00 EUR");
  EXPECT_EQ(text("customer.open_count"), "3");
  EXPECT_EQ(text("customer.overdue_count"), "2");
  EXPECT_EQ(text("customer.oldest_due_date"), "2025-11-30");
}

TEST_F(InterpExpr, AbsentCustomerValues) {
  EXPECT_EQ(error("customer.credit_limit"), EvalError::absent_value);
  EXPECT_EQ(error("customer.oldest_due_date"), EvalError::absent_value);
  portfolio.customers[0].has_credit_limit = true;
  portfolio.customers[0].credit_limit = 500000;
  EXPECT_EQ(text("customer.credit_limit"), "5000.00 EUR");
}

TEST_F(InterpExpr, MoneyAggregatesWithoutARateAreAMissingRate) {
  portfolio.customers[0].aggregates_missing_rate = true;
  EXPECT_EQ(error("customer.overdue_total"), EvalError::missing_rate);
  EXPECT_EQ(error("customer.open_total"), EvalError::missing_rate);
  EXPECT_EQ(text("customer.open_count"), "0");  // counts need no rate
}

TEST_F(InterpExpr, CollectorAndContacts) {
  EXPECT_EQ(text("collector"), "Claire Martin <claire@dun.example>, +33 1 23 45 67 89");
  EXPECT_EQ(eval("collector").type, Type::contact);
  EXPECT_EQ(text("collector.name"), "Claire Martin");
  EXPECT_EQ(text("collector.email"), "claire@dun.example");
  EXPECT_EQ(text("collector.phone"), "+33 1 23 45 67 89");
  portfolio.customers[0].contacts = {{"Bob", "bob@acme.example", "", "billing"},
                                     {"Ann", "ann@acme.example", "+33 6", "collection"},
                                     {"Zoe", "zoe@acme.example", "", "collection"}};
  EXPECT_EQ(text("contact(\"collection\")"), "Ann <ann@acme.example>, +33 6");  // the first
  EXPECT_EQ(text("contact(\"billing\")"), "Bob <bob@acme.example>");
  EXPECT_EQ(error("contact(\"legal\")"), EvalError::absent_value);
  portfolio.customers[0].has_collector = false;
  EXPECT_EQ(error("collector"), EvalError::absent_value);
  EXPECT_EQ(error("collector.email"), EvalError::absent_value);
}

TEST_F(InterpExpr, ContactsOfTheInvoicesOwnCustomer) {
  portfolio.customers.push_back(testing::CustomerSpec{});
  portfolio.customers[0].contacts = {{"Ann", "ann@one.example", "", "collection"}};
  portfolio.customers[1].contacts = {{"Eve", "eve@two.example", "", "collection"}};
  portfolio.customers[1].name = "Two GmbH";
  portfolio.invoices[0].customer = 1;
  EXPECT_EQ(text("contact(\"collection\")"), "Eve <eve@two.example>");
  EXPECT_EQ(text("customer.name"), "Two GmbH");
}

// ---- lets ----

TEST_F(InterpExpr, LetsAreReadAndAnErrorKeepsTheLetAsItsSite) {
  const std::string lets =
      "  let base = invoice.balance * 2\n  let promised_on = invoice.promise_date\n";
  EXPECT_EQ(eval("base + base", lets).text, "480.00 EUR");
  const Evaluated failed = eval("promised_on > today", lets);
  EXPECT_EQ(failed.error, EvalError::absent_value);
  EXPECT_EQ(failed.site, clause_site(ClauseKind::let, 1));
}

// ---- arithmetic ----

TEST_F(InterpExpr, IntArithmetic) {
  EXPECT_EQ(text("2 + 3 * 4"), "14");
  EXPECT_EQ(text("10 - 12"), "-2");
  EXPECT_EQ(text("7 / 2"), "3");
  EXPECT_EQ(text("-7 / 2"), "-3");  // truncates toward zero
  EXPECT_EQ(text("-(3)"), "-3");
  EXPECT_EQ(error("1 / 0"), EvalError::division_by_zero);
  EXPECT_EQ(error("9_223_372_036_854_775_807 + 1"), EvalError::overflow);
  EXPECT_EQ(error("4_611_686_018_427_387_904 * 2"), EvalError::overflow);
}

TEST_F(InterpExpr, DecimalArithmetic) {
  EXPECT_EQ(text("0.1 + 2"), "2.1");  // int promoted to decimal
  EXPECT_EQ(text("1.5 * 1.5"), "2.25");
  EXPECT_EQ(text("1.0 / 3"), "0.333333");
  EXPECT_EQ(text("2.0 / 3"), "0.666667");
  EXPECT_EQ(text("0.5 - 1"), "-0.5");
  EXPECT_EQ(text("-(2.5)"), "-2.5");
  EXPECT_EQ(error("1.5 / 0"), EvalError::division_by_zero);
}

TEST_F(InterpExpr, MoneyTimesDecimalRoundsHalfToEven) {
  portfolio.invoices[0].balance = 125;  // 1.25 EUR × 0.5 = 0.625 -> 0.62
  EXPECT_EQ(text("invoice.balance * 0.5"), "0.62 EUR");
  portfolio.invoices[0].balance = 135;  // 0.675 -> 0.68
  EXPECT_EQ(text("invoice.balance * 0.5"), "0.68 EUR");
  EXPECT_EQ(text("0.5 * invoice.balance"), "0.68 EUR");  // number * money, money on the left
}

TEST_F(InterpExpr, MoneyArithmetic) {
  EXPECT_EQ(text("invoice.balance + 5.50 EUR"), "125.50 EUR");
  EXPECT_EQ(text("invoice.balance - 200 EUR"), "-80.00 EUR");
  EXPECT_EQ(text("invoice.balance * 3"), "360.00 EUR");
  EXPECT_EQ(text("invoice.balance / 7"), "17.14 EUR");  // 17.142857…
  EXPECT_EQ(text("1.00 EUR / 8"), "0.12 EUR");          // 0.125 -> 0.12 (half to even)
  EXPECT_EQ(text("1.00 EUR / 0.8"), "1.25 EUR");
  EXPECT_EQ(text("-invoice.balance"), "-120.00 EUR");
  EXPECT_EQ(error("invoice.balance / 0"), EvalError::division_by_zero);
  EXPECT_EQ(error("invoice.balance / 0.0"), EvalError::division_by_zero);
}

TEST_F(InterpExpr, MoneyOfTwoCurrenciesConvertsTheRightOperand) {
  // Literals of two currencies are refused by the checker; a field's currency is known only now.
  EXPECT_EQ(error("invoice.balance + 10 USD"), EvalError::missing_rate);  // no rate table
  use_rates();
  EXPECT_EQ(text("invoice.balance + 10 USD"), "129.20 EUR");              // 10 USD = 9.20 EUR
  EXPECT_EQ(error("invoice.balance + 10 GBP"), EvalError::missing_rate);  // no GBP rate
  portfolio.invoices[0].currency = "USD";
  portfolio.invoices[0].balance = 1000;
  EXPECT_EQ(text("invoice.balance - 9.20 EUR"), "0.00 USD");  // 9.20 EUR = 10 USD
}

TEST_F(InterpExpr, DateArithmetic) {
  EXPECT_EQ(text("invoice.due_date + 7 days"), "2026-01-19");
  EXPECT_EQ(text("7 days + invoice.due_date"), "2026-01-19");
  EXPECT_EQ(text("invoice.due_date - 2 weeks"), "2025-12-29");
  EXPECT_EQ(text("today - invoice.due_date"), "20");
  EXPECT_EQ(text("2026-01-31 + 1 business days"), "2026-02-02");  // Saturday + 1 = Monday
  EXPECT_EQ(text("2026-02-02 - 1 business days"), "2026-01-30");  // Monday - 1 = Friday
  EXPECT_EQ(text("2026-04-30 + 1 business days"), "2026-05-01");  // weekends only
  options = "  calendar FR\n";
  EXPECT_EQ(text("2026-04-30 + 1 business days"), "2026-05-04");  // 1 May is a holiday in FR
  EXPECT_EQ(error("9999-12-31 + 1 days"), EvalError::out_of_range);
}

// ---- comparisons and logic ----

TEST_F(InterpExpr, Comparisons) {
  EXPECT_EQ(text("3 < 4"), "true");
  EXPECT_EQ(text("3 >= 4"), "false");
  EXPECT_EQ(text("2.5 > 2"), "true");
  EXPECT_EQ(text("invoice.due_date < today"), "true");
  EXPECT_EQ(text("\"a\" != \"b\""), "true");
  EXPECT_EQ(text("invoice.kind == \"invoice\""), "true");
  EXPECT_EQ(text("invoice.disputed == false"), "true");
  EXPECT_EQ(text("invoice.balance >= 120 EUR"), "true");
  EXPECT_EQ(text("invoice.balance > 120 EUR"), "false");
  EXPECT_EQ(text("invoice.balance > 0"), "true");
  EXPECT_EQ(text("0 < invoice.balance"), "true");
  portfolio.invoices[0].balance = 0;
  EXPECT_EQ(text("invoice.balance > 0"), "false");
  EXPECT_EQ(text("invoice.balance == 0"), "true");
}

TEST_F(InterpExpr, UsdAgainstAnEuroThresholdUsesTheRate) {
  portfolio.invoices[0].currency = "USD";
  portfolio.invoices[0].balance = 5400;  // 54 USD = 49.68 EUR
  EXPECT_EQ(error("invoice.balance >= 50 EUR"), EvalError::missing_rate);
  use_rates();
  EXPECT_EQ(text("invoice.balance >= 50 EUR"), "false");
  EXPECT_EQ(text("invoice.balance >= 49.68 EUR"), "true");
  portfolio.invoices[0].balance = 5500;  // 50.60 EUR
  EXPECT_EQ(text("invoice.balance >= 50 EUR"), "true");
}

TEST_F(InterpExpr, AndOrIfStopEarly) {
  // The guard of language.md §1: no promise, so the promise date is never read.
  EXPECT_EQ(text("invoice.promised and invoice.promise_date >= today"), "false");
  EXPECT_EQ(error("invoice.promise_date >= today and invoice.promised"), EvalError::absent_value);
  EXPECT_EQ(text("true or invoice.promise_date > today"), "true");
  EXPECT_EQ(error("false or invoice.promise_date > today"), EvalError::absent_value);
  EXPECT_EQ(text("not invoice.disputed"), "true");
  EXPECT_EQ(text("if invoice.promised then invoice.promise_date else invoice.due_date"),
            "2026-01-12");
  portfolio.invoices[0].promise_date = day("2026-02-03");
  EXPECT_EQ(text("invoice.promised and invoice.promise_date >= today"), "true");
  EXPECT_EQ(text("if invoice.promised then invoice.promise_date else invoice.due_date"),
            "2026-02-03");
}

TEST_F(InterpExpr, InList) {
  EXPECT_EQ(text("customer.segment in [\"sme\", \"public\"]"), "true");
  EXPECT_EQ(text("customer.segment in [\"key\", \"public\"]"), "false");
  EXPECT_EQ(text("3 in [1, 2, 3]"), "true");
  EXPECT_EQ(text("invoice.balance in [5 EUR, 120 EUR]"), "true");
  // Items are compared left to right and the search stops at the first equal one.
  EXPECT_EQ(text("invoice.balance in [120 EUR, 10 USD]"), "true");
  EXPECT_EQ(error("invoice.balance in [10 USD, 120 EUR]"), EvalError::missing_rate);
}

// ---- builtins ----

TEST_F(InterpExpr, MinMaxAbsRound) {
  EXPECT_EQ(text("min(3, -4)"), "-4");
  EXPECT_EQ(text("max(3, -4)"), "3");
  EXPECT_EQ(text("min(2.5, 3)"), "2.5");
  EXPECT_EQ(text("max(2.5, 3)"), "3.0");
  EXPECT_EQ(text("min(invoice.balance, 100 EUR)"), "100.00 EUR");
  EXPECT_EQ(text("max(invoice.balance, 100 EUR)"), "120.00 EUR");
  EXPECT_EQ(text("min(invoice.due_date, 2026-01-01)"), "2026-01-01");
  EXPECT_EQ(text("max(invoice.due_date, 2026-01-01)"), "2026-01-12");
  EXPECT_EQ(text("abs(-3)"), "3");
  EXPECT_EQ(text("abs(-2.5)"), "2.5");
  EXPECT_EQ(text("abs(-5 EUR)"), "5.00 EUR");
  EXPECT_EQ(text("round(2.5)"), "2");  // half to even
  EXPECT_EQ(text("round(3.5)"), "4");
  EXPECT_EQ(text("round(-2.5)"), "-2");
  EXPECT_EQ(text("round(2.51)"), "3");
  EXPECT_EQ(text("round(12.50 EUR)"), "12.00 EUR");
  EXPECT_EQ(text("round(13.50 EUR)"), "14.00 EUR");
}

TEST_F(InterpExpr, MinMaxOfMoneyAcrossCurrencies) {
  EXPECT_EQ(error("min(10 USD, 9.50 EUR)"), EvalError::missing_rate);
  use_rates();
  EXPECT_EQ(text("min(10 USD, 9.50 EUR)"), "10.00 USD");  // 9.20 EUR < 9.50 EUR, kept in USD
  EXPECT_EQ(text("max(10 USD, 9.50 EUR)"), "9.50 EUR");
}

TEST_F(InterpExpr, DateFunctions) {
  EXPECT_EQ(text("days_between(2026-01-01, 2026-02-01)"), "31");
  EXPECT_EQ(text("days_between(2026-02-01, 2026-01-01)"), "-31");
  EXPECT_EQ(text("business_days_between(2026-01-30, 2026-02-02)"), "1");  // Fri -> Mon
  EXPECT_EQ(text("business_days_between(2026-04-30, 2026-05-04)"), "2");  // weekends only
  EXPECT_EQ(text("weekday(2026-01-31)"), "6");                            // Saturday
  EXPECT_EQ(text("month_end(2028-02-10)"), "2028-02-29");
  options = "  calendar FR\n";
  EXPECT_EQ(text("business_days_between(2026-04-30, 2026-05-04)"), "1");  // 1 May off
}

TEST_F(InterpExpr, LateInterestUsesTheCompanyRate) {
  EXPECT_EQ(error("late_interest(10_000 EUR, 2024-01-01)"), EvalError::no_interest_rule);
  const auto fixed = LateInterestRate::parse("12.5");
  ASSERT_TRUE(fixed.ok());
  environment.late_interest = &*fixed;
  today = day("2024-01-31");  // 30 days: 10 000 × 12.5 % × 30 / 365 = 102.739… -> 102.74
  EXPECT_EQ(text("late_interest(10_000 EUR, 2024-01-01)"), "102.74 EUR");
  const auto ecb = LateInterestRate::parse("ECB+10");
  ASSERT_TRUE(ecb.ok());
  environment.late_interest = &*ecb;
  EXPECT_EQ(error("late_interest(10_000 EUR, 2010-01-01)"), EvalError::no_interest_rule);
}

TEST_F(InterpExpr, Contains) {
  EXPECT_EQ(text("contains(customer.name, \"SARL\")"), "true");
  EXPECT_EQ(text("contains(customer.name, \"GmbH\")"), "false");
  const std::string lets = "  let kinds = [\"sme\", \"public\"]\n";
  EXPECT_EQ(eval("contains(kinds, customer.segment)", lets).text, "true");
  EXPECT_EQ(eval("customer.segment in kinds", lets).text, "true");
  EXPECT_EQ(eval("contains(kinds, \"key\")", lets).text, "false");
  EXPECT_EQ(eval("kinds", lets).text, "[\"sme\", \"public\"]");
}

// ---- format_value ----

TEST(InterpFormat, RendersEachType) {
  EXPECT_EQ(format_value(Value::of_money(123450, Currency::from_code("EUR")->index())),
            "1234.50 EUR");
  EXPECT_EQ(format_value(Value::of_date(day("2026-01-31"))), "2026-01-31");
  EXPECT_EQ(format_value(Value::of_decimal(3'000'000)), "3.0");
  EXPECT_EQ(format_value(Value::of_decimal(-500'000)), "-0.5");
  EXPECT_EQ(format_value(Value::of_duration({1, ir::DurationUnit::days})), "1 day");
  EXPECT_EQ(format_value(Value::of_duration({5, ir::DurationUnit::business_days})),
            "5 business days");
  EXPECT_EQ(format_value(Value::of_contact({"", "ap@x.example", ""})), "<ap@x.example>");
  EXPECT_EQ(format_value(Value::failure(EvalError::missing_rate)),
            "error: no exchange rate for the currencies involved");
}

// ---- evaluate_expr for `dun explain` and task texts ----

TEST(InterpEvaluateExpr, RendersATaskTextAndReadsStoredStepDates) {
  const auto scenario = testing::compile(R"dun(scenario s "S"
  step first
    at invoice.due_date + 7 days
    email "x"
  step call
    at first + 10 days
    task "Call {customer.name} about invoice {invoice.number} ({invoice.balance})" assign collector
end
)dun");
  ASSERT_EQ(scenario->steps.size(), 2u);
  testing::TestPortfolio portfolio;
  const testing::TestBatch batch(
      portfolio, 2, {{SequenceStatus::active, 0, 0, {day("2026-01-19")}}}, day("2026-01-29"));
  const auto interpreter = Interpreter::create(*scenario);
  ASSERT_TRUE(interpreter.ok());
  std::string text;
  for (const ir::TextPiece& piece : scenario->steps[1].actions[0].task_text) {
    text += piece.value == nullptr
                ? piece.literal
                : format_value(interpreter->evaluate_expr(*piece.value, batch.input(), 0));
  }
  EXPECT_EQ(text, "Call Acme SARL about invoice F2026-001 (120.00 EUR)");
  EXPECT_EQ(format_value(interpreter->evaluate_expr(*scenario->steps[1].at, batch.input(), 0)),
            "2026-01-29");
  const testing::TestBatch no_dates(portfolio, 2, {}, day("2026-01-29"));
  EXPECT_EQ(interpreter->evaluate_expr(*scenario->steps[1].at, no_dates.input(), 0).error(),
            EvalError::missing_step_date);
}

TEST(InterpEvaluateExpr, DescribesErrorSites) {
  const auto scenario = testing::compile(R"(scenario s "S"
  let big = customer.overdue_total > 1000 EUR
  step first
    at invoice.due_date
    when big
    email "x"
end
)");
  EXPECT_EQ(describe_site(*scenario, clause_site(ClauseKind::let, 0)), "let big");
  EXPECT_EQ(describe_site(*scenario, clause_site(ClauseKind::when, 0)), "when of step first");
  EXPECT_EQ(describe_site(*scenario, clause_site(ClauseKind::applies)), "applies");
  EXPECT_EQ(describe_site(*scenario, clause_site(ClauseKind::wait_until, 0)),
            "wait until of step first");
}

}  // namespace
}  // namespace dun::dsl

// The checker and the typed IR: every type rule of language.md §4, the name rules of §5, the
// structure rules of §2, templates and warnings — each from a small scenario text parsed by the
// real parser.
#include "dsl/check.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dsl/parse.hpp"

namespace dun::dsl {
namespace {

struct Outcome {
  CheckedFile file;
  std::vector<std::string> errors;    // "LINE:COL: message"
  std::vector<std::string> warnings;  // "LINE:COL: message"
  bool parsed_cleanly = true;
};

Outcome check_text(const std::string& text, const CheckOptions& options = {}) {
  const SourceFile source("test.dun", text);
  Diagnostics parse_diagnostics;
  const ast::File file = parse(source, parse_diagnostics);
  Outcome outcome;
  outcome.parsed_cleanly = !parse_diagnostics.has_errors();
  for (const Diagnostic& d : parse_diagnostics.items()) {
    ADD_FAILURE() << "parse error " << d.pos.line << ":" << d.pos.column << ": " << d.message
                  << "\n"
                  << text;
  }
  Diagnostics diagnostics;
  outcome.file = check(file, source, options, diagnostics);
  diagnostics.sort();
  for (const Diagnostic& d : diagnostics.items()) {
    const std::string line =
        std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message;
    (d.severity == Severity::error ? outcome.errors : outcome.warnings).push_back(line);
  }
  return outcome;
}

// A scenario whose second line is `  let v = EXPR` (EXPR starts at 2:11), used by a step.
Outcome check_let(const std::string& expr) {
  return check_text(
      "scenario s \"S\"\n"
      "  let v = " +
      expr +
      "\n"
      "  step a\n"
      "    at invoice.due_date\n"
      "    when v == v or true\n"
      "    email \"x\"\n"
      "end\n");
}

// The let's checked value (the scenario must check cleanly).
const ir::Expr& let_value(const Outcome& outcome) {
  static const ir::Expr kMissing;
  if (outcome.file.scenarios.empty() || outcome.file.scenarios[0].lets.empty()) {
    ADD_FAILURE() << "no checked scenario; errors: "
                  << (outcome.errors.empty() ? "" : outcome.errors[0]);
    return kMissing;
  }
  return *outcome.file.scenarios[0].lets[0].value;
}

// A scenario with EXPR as its applies condition at 2:16.
Outcome check_condition(const std::string& expr) {
  return check_text(
      "scenario s \"S\"\n"
      "  applies when " +
      expr +
      "\n"
      "  step a\n"
      "    at invoice.due_date\n"
      "    email \"x\"\n"
      "end\n");
}

using Errors = std::vector<std::string>;

Type type_of(const std::string& expr) {
  const Outcome outcome = check_text("scenario s \"S\"\n  let v = " + expr +
                                     "\n  step a\n    at invoice.due_date\n    email \"x\"\nend\n");
  if (!outcome.errors.empty()) {
    ADD_FAILURE() << expr << ": " << outcome.errors[0];
    return Type::error;
  }
  return outcome.file.scenarios.at(0).lets.at(0).value->type;
}

template <typename Node>
const Node& node_of(const ir::Expr& expr) {
  const Node* node = std::get_if<Node>(&expr.node);
  if (node == nullptr) {
    ADD_FAILURE() << "unexpected node kind " << expr.node.index();
    static const Node kEmpty{};
    return kEmpty;
  }
  return *node;
}

// ---- bool ----

TEST(CheckBool, AndOrNotOnBools) {
  EXPECT_EQ(type_of("true and not false or invoice.disputed"), Type::boolean);
  const Outcome outcome = check_let("invoice.disputed and invoice.promised");
  EXPECT_EQ(node_of<ir::Logic>(let_value(outcome)).op, ir::LogicOp::logical_and);
}

TEST(CheckBool, AndNeedsBoolsOnBothSides) {
  EXPECT_EQ(check_let("1 and invoice.balance").errors,
            (Errors{"2:11: expected a bool on the left of 'and', got int",
                    "2:17: expected a bool on the right of 'and', got money"}));
  EXPECT_EQ(check_let("true or \"x\"").errors,
            Errors{"2:19: expected a bool on the right of 'or', got string"});
  EXPECT_EQ(check_let("not 3 days").errors,
            Errors{"2:15: expected a bool after 'not', got duration"});
}

TEST(CheckBool, BoolsCompareOnlyForEquality) {
  EXPECT_EQ(type_of("invoice.disputed == false"), Type::boolean);
  EXPECT_EQ(check_let("true < false").errors,
            Errors{"2:16: '<' does not apply to bool (only '==' and '!=' do)"});
}

// ---- int ----

TEST(CheckInt, ArithmeticAndComparisons) {
  EXPECT_EQ(type_of("1_000 + 2 * 3 - 4 / 2"), Type::integer);
  EXPECT_EQ(type_of("customer.open_count >= 3"), Type::boolean);
  const Outcome outcome = check_let("customer.open_count / 2");
  EXPECT_EQ(node_of<ir::Arith>(let_value(outcome)).op, ir::ArithOp::divide_int);
}

TEST(CheckInt, NegativeLiteralsAreFolded) {
  const Outcome outcome = check_let("-5");
  EXPECT_EQ(node_of<ir::IntConst>(let_value(outcome)).value, -5);
  EXPECT_EQ(check_let("-today").errors, Errors{"2:11: cannot negate date"});
}

// ---- decimal ----

TEST(CheckDecimal, LiteralsAreFixedPointWithSixDecimals) {
  const Outcome outcome = check_let("12.75");
  EXPECT_EQ(node_of<ir::DecimalConst>(let_value(outcome)).scaled, 12'750'000);
  EXPECT_EQ(check_let("0.1234567").errors,
            Errors{"2:11: decimal '0.1234567' has more than 6 decimals (decimals are exact to 6 "
                   "places)"});
  EXPECT_EQ(check_let("99999999999999.5").errors,
            Errors{"2:11: decimal '99999999999999.5' is too large"});
}

TEST(CheckDecimal, MixedWithIntIsDecimal) {
  EXPECT_EQ(type_of("0.5 * customer.open_count"), Type::decimal);
  EXPECT_EQ(type_of("customer.open_count > 1.5"), Type::boolean);
  const Outcome outcome = check_let("0.5 + customer.open_count");
  const auto& sum = node_of<ir::Arith>(let_value(outcome));
  EXPECT_EQ(sum.op, ir::ArithOp::add_decimal);
  EXPECT_TRUE(std::holds_alternative<ir::IntToDecimal>(sum.rhs->node));
  // An int literal is converted at check time.
  const Outcome folded = check_let("0.5 + 2");
  EXPECT_EQ(node_of<ir::DecimalConst>(*node_of<ir::Arith>(let_value(folded)).rhs).scaled,
            2'000'000);
}

// ---- money ----

TEST(CheckMoney, LiteralsAreMinorUnits) {
  const Outcome outcome = check_let("1_200.50 USD");
  const Money& money = node_of<ir::MoneyConst>(let_value(outcome)).value;
  EXPECT_EQ(money.minor, 120050);
  EXPECT_EQ(money.currency.code(), "USD");
  EXPECT_EQ(node_of<ir::MoneyConst>(let_value(check_let("500 JPY"))).value.minor, 500);
}

TEST(CheckMoney, UnknownCurrencyAndTooManyDecimals) {
  EXPECT_EQ(check_let("50 EUX").errors,
            Errors{"2:14: unknown currency 'EUX'; did you mean 'EUR'?"});
  EXPECT_EQ(check_let("5.123 EUR").errors,
            Errors{"2:11: amount '5.123' has more decimals than EUR allows (2)"});
  EXPECT_EQ(check_let("5.5 JPY").errors,
            Errors{"2:11: amount '5.5' has more decimals than JPY allows (0)"});
}

TEST(CheckMoney, AddAndSubtractMoney) {
  EXPECT_EQ(type_of("invoice.balance + 10 EUR - customer.overdue_total"), Type::money);
  EXPECT_EQ(check_let("10 EUR + 5 USD").errors,
            Errors{"2:18: cannot add amounts in EUR and USD; use one currency"});
  EXPECT_EQ(check_let("invoice.balance + 10").errors,
            Errors{"2:29: cannot add int to money; did you mean '10 EUR'?"});
  EXPECT_EQ(check_let("invoice.balance - today").errors,
            Errors{"2:27: cannot subtract date from money"});
}

TEST(CheckMoney, ScaleByNumbers) {
  const Outcome doubled = check_let("2 * invoice.balance");
  const auto& product = node_of<ir::Arith>(let_value(doubled));
  EXPECT_EQ(product.op, ir::ArithOp::multiply_money_int);
  EXPECT_EQ(product.lhs->type, Type::money);  // money is put on the left
  EXPECT_EQ(node_of<ir::Arith>(let_value(check_let("invoice.balance * 0.5"))).op,
            ir::ArithOp::multiply_money_decimal);
  EXPECT_EQ(node_of<ir::Arith>(let_value(check_let("invoice.balance / 3"))).op,
            ir::ArithOp::divide_money_int);
  EXPECT_EQ(check_let("invoice.balance * invoice.amount").errors,
            Errors{"2:27: cannot multiply money by money"});
  EXPECT_EQ(check_let("2 / invoice.balance").errors, Errors{"2:13: cannot divide int by money"});
}

TEST(CheckMoney, ComparisonsBetweenAmounts) {
  const Outcome outcome = check_let("invoice.balance >= 50 EUR");
  const auto& compare = node_of<ir::Compare>(let_value(outcome));
  EXPECT_EQ(compare.operand_type, Type::money);
  EXPECT_EQ(compare.op, ir::CompareOp::greater_equal);
}

TEST(CheckMoney, ComparingWithZeroIsASignTest) {
  const Outcome sign_outcome = check_let("invoice.balance > 0");
  const auto& sign = node_of<ir::MoneySign>(let_value(sign_outcome));
  EXPECT_EQ(sign.op, ir::CompareOp::greater);
  const Outcome flipped_outcome = check_let("0 < invoice.balance");
  const auto& flipped = node_of<ir::MoneySign>(let_value(flipped_outcome));
  EXPECT_EQ(flipped.op, ir::CompareOp::greater);
}

TEST(CheckMoney, ComparingWithOtherBareNumbersSuggestsACurrency) {
  EXPECT_EQ(check_condition("invoice.balance >= 50").errors,
            Errors{"2:35: cannot compare money with a bare number; did you mean '50 EUR'?"});
  EXPECT_EQ(check_condition("1_000 < customer.overdue_total").errors,
            Errors{"2:16: cannot compare money with a bare number; did you mean '1_000 EUR'?"});
  EXPECT_EQ(check_condition("invoice.balance == 12.5").errors,
            Errors{"2:35: cannot compare money with a bare number; did you mean '12.5 EUR'?"});
  EXPECT_EQ(check_condition("invoice.balance > customer.open_count").errors,
            Errors{"2:32: cannot compare money with int"});
}

TEST(CheckMoney, SuggestionUsesTheConfiguredCurrency) {
  CheckOptions options;
  options.suggested_currency = "PLN";
  const Outcome outcome = check_text(
      "scenario s \"S\"\n  applies when invoice.balance > 7\n  step a\n    at today\n    email "
      "\"x\"\nend\n",
      options);
  EXPECT_EQ(outcome.errors,
            Errors{"2:34: cannot compare money with a bare number; did you mean '7 PLN'?"});
}

// ---- date and duration ----

TEST(CheckDate, DatePlusDurationIsADate) {
  EXPECT_EQ(type_of("invoice.due_date + 7 days"), Type::date);
  EXPECT_EQ(type_of("2026-01-31 - 2 weeks"), Type::date);
  EXPECT_EQ(type_of("5 business days + today"), Type::date);
  const Outcome sum_outcome = check_let("5 business days + today");
  const auto& sum = node_of<ir::Arith>(let_value(sum_outcome));
  EXPECT_EQ(sum.op, ir::ArithOp::add_date_duration);
  EXPECT_EQ(sum.lhs->type, Type::date);
  const auto& duration = node_of<ir::DurationConst>(*sum.rhs).value;
  EXPECT_EQ(duration, (ir::Duration{5, ir::DurationUnit::business_days}));
}

TEST(CheckDate, DateMinusDateIsDays) {
  EXPECT_EQ(type_of("today - invoice.due_date"), Type::integer);
  EXPECT_EQ(node_of<ir::Arith>(let_value(check_let("today - invoice.due_date"))).op,
            ir::ArithOp::subtract_date_date);
}

TEST(CheckDate, LiteralsAreDayNumbers) {
  EXPECT_EQ(node_of<ir::DateConst>(let_value(check_let("1970-01-11"))).days, 10);
}

TEST(CheckDate, MistakesWithDates) {
  EXPECT_EQ(check_let("invoice.due_date + 3").errors,
            Errors{"2:30: cannot add int to date; did you mean '3 days'?"});
  EXPECT_EQ(check_let("today + today").errors, Errors{"2:17: cannot add date to date"});
  EXPECT_EQ(check_let("3 days + 2").errors, Errors{"2:18: cannot add int to duration"});
  EXPECT_EQ(check_let("today > 3 days").errors, Errors{"2:17: cannot compare date with duration"});
  EXPECT_EQ(type_of("invoice.due_date < today"), Type::boolean);
}

// ---- string ----

TEST(CheckString, EqualityInListAndContains) {
  EXPECT_EQ(type_of("customer.segment == \"sme\""), Type::boolean);
  EXPECT_EQ(type_of("customer.segment != \"sme\""), Type::boolean);
  const Outcome in_outcome = check_let("customer.country in [\"FR\", \"DE\"]");
  const auto& in = node_of<ir::InList>(let_value(in_outcome));
  EXPECT_EQ(in.operand_type, Type::string);
  EXPECT_EQ(in.items.size(), 2u);
  const Outcome call_outcome = check_let("contains(customer.name, \"SAS\")");
  const auto& call = node_of<ir::Call>(let_value(call_outcome));
  EXPECT_EQ(call.function, Builtin::contains_string);
}

TEST(CheckString, NoOrderingAndNoMixedLists) {
  EXPECT_EQ(check_let("customer.name < \"b\"").errors,
            Errors{"2:25: '<' does not apply to string (only '==' and '!=' do)"});
  EXPECT_EQ(check_let("customer.segment in [\"sme\", 3]").errors,
            Errors{"2:39: the list holds int but the value before 'in' is string"});
  EXPECT_EQ(check_let("customer.segment in \"sme\"").errors,
            Errors{"2:31: expected a list after 'in', got string"});
  EXPECT_EQ(check_let("customer.segment == 3").errors,
            Errors{"2:28: cannot compare string with int"});
}

TEST(CheckString, ListsOfStringsAsValues) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  let segments = [\"sme\", \"public\"]\n"
      "  applies when customer.segment in segments and contains(segments, \"x\")\n"
      "  step a\n    at today\n    email \"x\"\nend\n");
  ASSERT_EQ(outcome.errors, Errors{});
  const ir::Scenario& scenario = outcome.file.scenarios.at(0);
  EXPECT_EQ(scenario.lets[0].value->type, Type::string_list);
  const auto& both = node_of<ir::Logic>(*scenario.applies);
  EXPECT_EQ(node_of<ir::Call>(*both.lhs).function, Builtin::contains_list);
  EXPECT_EQ(node_of<ir::Call>(*both.rhs).function, Builtin::contains_list);
  EXPECT_EQ(check_let("[\"a\", 2]").errors,
            Errors{"2:17: a list must hold strings (or stand after 'in'), got int"});
}

TEST(CheckIn, NumbersAndDatesInLiteralLists) {
  const Outcome ints_outcome = check_let("customer.open_count in [1, 2, 3]");
  const auto& ints = node_of<ir::InList>(let_value(ints_outcome));
  EXPECT_EQ(ints.operand_type, Type::integer);
  const Outcome mixed_outcome = check_let("customer.open_count in [1, 2.5]");
  const auto& mixed = node_of<ir::InList>(let_value(mixed_outcome));
  EXPECT_EQ(mixed.operand_type, Type::decimal);
  EXPECT_EQ(type_of("weekday(today) in [6, 7]"), Type::boolean);
  EXPECT_EQ(check_let("collector in [\"a\"]").errors,
            Errors{"2:11: 'in' cannot look for contact in a list"});
}

// ---- if ----

TEST(CheckIf, BranchesOfOneType) {
  EXPECT_EQ(type_of("if invoice.disputed then 10 EUR else invoice.balance"), Type::money);
  EXPECT_EQ(type_of("if true then 1 else 2.5"), Type::decimal);
  EXPECT_EQ(check_let("if invoice.disputed then 10 EUR else 3").errors,
            Errors{"2:48: the branches of 'if' must have one type: 'then' gives money, 'else' "
                   "gives int"});
  EXPECT_EQ(check_let("if 1 then 2 else 3").errors,
            Errors{"2:14: the condition of 'if' needs a bool, got int"});
}

// ---- names and fields ----

TEST(CheckNames, FieldsHaveTheirCatalogueTypes) {
  EXPECT_EQ(type_of("invoice.days_overdue"), Type::integer);
  EXPECT_EQ(type_of("customer.oldest_due_date"), Type::date);
  EXPECT_EQ(type_of("customer.credit_limit"), Type::money);
  EXPECT_EQ(type_of("collector.email"), Type::string);
  EXPECT_EQ(type_of("collector"), Type::contact);
  EXPECT_EQ(type_of("today"), Type::date);
  EXPECT_EQ(node_of<ir::FieldRead>(let_value(check_let("invoice.balance"))).field,
            FieldId::invoice_balance);
}

TEST(CheckNames, UnknownFieldsSuggestTheCloseOne) {
  EXPECT_EQ(check_condition("invoice.balanse > 0").errors,
            Errors{"2:24: unknown field 'invoice.balanse'; did you mean 'invoice.balance'?"});
  EXPECT_EQ(check_condition("invoce.disputed").errors,
            Errors{"2:16: unknown field 'invoce.disputed'; did you mean 'invoice.disputed'?"});
  EXPECT_EQ(check_condition("customer.zzzzzzzzzz").errors,
            Errors{"2:25: unknown field 'customer.zzzzzzzzzz' (customer has: id, name, segment, "
                   "country, language, scenario, overdue_total, open_total, open_count, "
                   "overdue_count, oldest_due_date, credit_limit, email, email_bounced)"});
  EXPECT_EQ(check_condition("company.name == \"x\"").errors,
            Errors{"2:16: 'company.name' is only available in templates"});
}

TEST(CheckNames, UnknownNamesSuggestLetsAndBuiltins) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  let big_account = customer.overdue_total >= 1000 EUR\n"
      "  step a\n"
      "    at todya\n"
      "    when big_acount\n"
      "    email \"x\"\n"
      "end\n");
  EXPECT_EQ(outcome.errors,
            (Errors{"4:8: unknown name 'todya'; did you mean 'today'?",
                    "5:10: unknown name 'big_acount'; did you mean 'big_account'?"}));
}

TEST(CheckNames, LetsAreVisibleAfterTheirDeclarationOnly) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  applies when big\n"
      "  let big = small\n"
      "  let small = invoice.balance > 100 EUR\n"
      "  let me = me\n"
      "  step a\n    at today\n    when small and big and me\n    email \"x\"\nend\n");
  EXPECT_EQ(outcome.errors, (Errors{"2:16: let 'big' is used before its declaration (line 3)",
                                    "3:13: let 'small' is used before its declaration (line 4)",
                                    "5:12: let 'me' refers to itself"}));
}

TEST(CheckNames, LetsReadEarlierLetsByIndex) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  let limit = 100 EUR\n"
      "  let big = invoice.balance > limit\n"
      "  step a\n    at today\n    when big\n    email \"x\"\nend\n");
  ASSERT_EQ(outcome.errors, Errors{});
  const ir::Scenario& scenario = outcome.file.scenarios.at(0);
  const auto& compare = node_of<ir::Compare>(*scenario.lets[1].value);
  EXPECT_EQ(node_of<ir::LetRead>(*compare.rhs).let_index, 0u);
  EXPECT_EQ(node_of<ir::LetRead>(*scenario.steps[0].when).let_index, 1u);
  EXPECT_EQ(outcome.warnings, Errors{});
}

// ---- steps ----

TEST(CheckSteps, EarlierStepsAndPreviousResolveToIndexes) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  step a\n    at invoice.due_date\n    email \"x\"\n"
      "  step b\n    at a + 10 days\n    email \"x\"\n"
      "  step c\n    at previous + 1 days\n    until a + 30 days\n    email \"x\"\n"
      "end\n");
  ASSERT_EQ(outcome.errors, Errors{});
  const ir::Scenario& scenario = outcome.file.scenarios.at(0);
  const auto& b_at = node_of<ir::Arith>(*scenario.steps[1].at);
  EXPECT_EQ(node_of<ir::StepDate>(*b_at.lhs).step_index, 0u);
  const auto& c_at = node_of<ir::Arith>(*scenario.steps[2].at);
  EXPECT_EQ(node_of<ir::StepDate>(*c_at.lhs).step_index, 1u);
}

TEST(CheckSteps, OnlyEarlierStepsMayBeReferred) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  let x = a\n"
      "  step a\n    at previous + 3 days\n    when a > today\n    email \"x\"\n"
      "  step b\n    at c + 1 days\n    email \"x\"\n"
      "  step c\n    at b + 1 days\n    email \"x\"\n"
      "end\n");
  EXPECT_EQ(outcome.errors,
            (Errors{"2:11: the date of step 'a' can only be used inside a later step",
                    "4:8: 'previous' in the first step: there is no step before 'a'",
                    "5:10: step 'a' refers to its own date; a step can only use the dates of "
                    "earlier steps",
                    "8:8: step 'b' refers to step 'c', which comes later; a step can only use "
                    "the dates of earlier steps"}));
}

TEST(CheckSteps, PreviousOutsideSteps) {
  EXPECT_EQ(check_condition("previous > today").errors,
            Errors{"2:16: 'previous' can only be used inside a step (it is the date of the step "
                   "before)"});
}

TEST(CheckSteps, ClauseTypes) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  applies when invoice.balance\n"
      "  pause when 1\n"
      "  stop when \"x\"\n"
      "  step a\n"
      "    at 3 days\n"
      "    until 5\n"
      "    when today\n"
      "    wait until invoice.amount\n"
      "    email \"x\"\n"
      "end\n");
  EXPECT_EQ(
      outcome.errors,
      (Errors{"2:16: 'applies when' needs a bool, got money",
              "3:14: 'pause when' needs a bool, got int",
              "4:13: 'stop when' needs a bool, got string", "6:8: 'at' needs a date, got duration",
              "7:11: 'until' needs a date, got int", "8:10: 'when' needs a bool, got date",
              "9:16: 'wait until' needs a bool, got money"}));
  EXPECT_TRUE(outcome.file.scenarios.empty());
}

// ---- scenario structure ----

TEST(CheckStructure, DuplicateAndReservedNames) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  let x = 1\n"
      "  let x = 2\n"
      "  let today = 3\n"
      "  let a = 4\n"
      "  step a\n    at invoice.due_date\n    email \"x\"\n"
      "  step a\n    at invoice.due_date\n    email \"x\"\n"
      "  step previous\n    at invoice.due_date\n    email \"x\"\n"
      "end\n"
      "scenario s \"again\"\n  step z\n    at today\n    email \"x\"\nend\n"
      "test \"t\" for s\n  invoice due 2026-01-10 balance 10 EUR\n  on 2026-02-01 expect "
      "nothing\n");
  EXPECT_EQ(outcome.errors,
            (Errors{"3:7: duplicate let 'x' (first declared at line 2)",
                    "4:7: let 'today' hides the built-in name 'today'; choose another name",
                    "5:7: let 'a' has the same name as step 'a' (line 6)",
                    "9:8: duplicate step 'a' (first declared at line 6)",
                    "12:8: step 'previous' hides the built-in name 'previous'; choose another "
                    "name",
                    "16:10: duplicate scenario 's' (first declared at line 1)"}));
}

TEST(CheckStructure, CalendarCatchUpAndOptions) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n  calendar FX\n  catch up 3 days\n  send on business days\n"
      "  step a\n    at today\n    email \"x\"\nend\n");
  EXPECT_EQ(outcome.errors, Errors{"2:12: unknown calendar 'FX'; did you mean 'FR'?"});
  EXPECT_EQ(check_text("scenario s \"S\"\n  calendar ZZ\n  step a\n    at today\n    email "
                       "\"x\"\nend\n")
                .errors,
            Errors{"2:12: unknown calendar 'ZZ' (built-in calendars: DE, FR, GB, PL, US)"});
  const Outcome good = check_text(
      "scenario s \"S\"\n  calendar DE\n  catch up 0 days\n  send on business days\n"
      "  step a\n    at today\n    email \"x\"\nend\n");
  ASSERT_EQ(good.errors, Errors{});
  const ir::Scenario& scenario = good.file.scenarios.at(0);
  EXPECT_EQ(scenario.calendar, "DE");
  EXPECT_EQ(scenario.catch_up_days, 0);
  EXPECT_TRUE(scenario.send_on_business_days);
  const Outcome defaults =
      check_text("scenario s \"S\"\n  step a\n    at today\n    email \"x\"\nend\n");
  ASSERT_EQ(defaults.errors, Errors{});
  EXPECT_EQ(defaults.file.scenarios.at(0).catch_up_days, 7);
  EXPECT_FALSE(defaults.file.scenarios.at(0).send_on_business_days);
  EXPECT_EQ(defaults.file.scenarios.at(0).applies, nullptr);
}

// ---- functions ----

TEST(CheckCalls, EveryFunctionWithItsTypes) {
  EXPECT_EQ(type_of("min(invoice.balance, 100 EUR)"), Type::money);
  EXPECT_EQ(type_of("max(1, 2.5)"), Type::decimal);
  EXPECT_EQ(type_of("max(today, invoice.due_date)"), Type::date);
  EXPECT_EQ(type_of("abs(-3)"), Type::integer);
  EXPECT_EQ(type_of("round(2.5)"), Type::integer);
  EXPECT_EQ(type_of("round(invoice.balance)"), Type::money);
  EXPECT_EQ(type_of("days_between(invoice.due_date, today)"), Type::integer);
  EXPECT_EQ(type_of("business_days_between(invoice.due_date, today)"), Type::integer);
  EXPECT_EQ(type_of("weekday(today)"), Type::integer);
  EXPECT_EQ(type_of("month_end(today)"), Type::date);
  EXPECT_EQ(type_of("late_interest(invoice.balance, invoice.due_date)"), Type::money);
  EXPECT_EQ(type_of("contains(customer.email, \"@\")"), Type::boolean);
  EXPECT_EQ(type_of("contact(\"legal\")"), Type::contact);
  const Outcome call_outcome = check_let("max(1, 2.5)");
  const auto& call = node_of<ir::Call>(let_value(call_outcome));
  EXPECT_EQ(call.function, Builtin::max_decimal);
  EXPECT_EQ(call.args[0]->type, Type::decimal);
}

TEST(CheckCalls, ArityTypeAndNameErrors) {
  EXPECT_EQ(check_let("weekday(today, today)").errors,
            Errors{"2:11: 'weekday' takes 1 argument, got 2"});
  EXPECT_EQ(check_let("month_end(invoice.balance)").errors,
            Errors{"2:21: 'month_end' expects date as argument 1, got money"});
  EXPECT_EQ(check_let("min(invoice.balance, 3)").errors,
            Errors{"2:11: no version of 'min' takes (money, int); it takes (int, int), (decimal, "
                   "decimal), (money, money) or (date, date)"});
  EXPECT_EQ(check_let("mx(1, 2)").errors,
            Errors{"2:11: unknown function 'mx'; did you mean 'max'?"});
  EXPECT_EQ(check_let("contains(1, \"a\")").errors,
            Errors{"2:11: no version of 'contains' takes (int, string); it takes (string, string) "
                   "or (list of strings, string)"});
}

TEST(CheckBuiltins, TableIsInIdOrder) {
  const auto signatures = builtin_signatures();
  for (std::size_t i = 0; i < signatures.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(signatures[i].id), i) << signatures[i].name;
  }
}

// ---- actions ----

TEST(CheckActions, RecipientsAndAssignees) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n  step a\n    at today\n"
      "    email \"x\" to contact(\"legal\") copy collector\n"
      "    letter registered \"y\" to customer.email\n"
      "    task \"Call\" assign collector.email due 3 days\nend\n");
  ASSERT_EQ(outcome.errors, Errors{});
  const ir::Step& step = outcome.file.scenarios.at(0).steps.at(0);
  ASSERT_EQ(step.actions.size(), 3u);
  EXPECT_EQ(step.actions[0].to->type, Type::contact);
  EXPECT_EQ(node_of<ir::FieldRead>(*step.actions[0].copy).field, FieldId::collector);
  EXPECT_EQ(step.actions[1].letter_type, LetterType::registered);
  EXPECT_EQ(step.actions[1].template_name, "y");
  EXPECT_EQ(step.actions[2].due_days, 3);
  const Outcome wrong = check_text(
      "scenario s \"S\"\n  step a\n    at today\n"
      "    email \"x\" to invoice.balance\n"
      "    task \"Call\" assign 3\nend\n");
  EXPECT_EQ(wrong.errors,
            (Errors{"4:18: 'to' needs a contact or an email address (string), got money",
                    "5:24: 'assign' needs a contact or an email address (string), got int"}));
}

TEST(CheckActions, TaskPlaceholdersAreTypedExpressions) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n  step a\n    at today\n"
      "    task \"Call {customer.name} about {invoice.number} ({invoice.balance})\"\nend\n");
  ASSERT_EQ(outcome.errors, Errors{});
  const auto& text = outcome.file.scenarios.at(0).steps.at(0).actions.at(0).task_text;
  ASSERT_EQ(text.size(), 7u);
  EXPECT_EQ(text[0].literal, "Call ");
  EXPECT_EQ(node_of<ir::FieldRead>(*text[1].value).field, FieldId::customer_name);
  EXPECT_EQ(text[2].literal, " about ");
  EXPECT_EQ(text[5].value->type, Type::money);
  EXPECT_EQ(text[6].literal, ")");
  const Outcome wrong = check_text(
      "scenario s \"S\"\n  step a\n    at today\n"
      "    task \"Call {customer.nme}\"\nend\n");
  EXPECT_EQ(wrong.errors,
            Errors{"4:26: unknown field 'customer.nme'; did you mean 'customer.name'?"});
}

// ---- templates ----

class CheckTemplates : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::path(::testing::TempDir()) /
              ("dun_templates_" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder_);
    for (const char* file : {"first_reminder.en.txt", "first_reminder.fr.txt", "formal.fr.txt"}) {
      std::ofstream(folder_ / file) << "Dear {customer.name}\n";
    }
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  Outcome check_template(const std::string& name, const std::string& folder) {
    CheckOptions options;
    options.templates_dir = folder;
    return check_text("scenario s \"S\"\n  step a\n    at today\n    email \"" + name + "\"\nend\n",
                      options);
  }

  // The warning of a template "notice" that has no French file when others of the folder do.
  Errors notice_lacks_french() const {
    return {"4:11: template 'notice' has no version in fr (other templates of " + folder_.string() +
            "/ do): those customers get the default language 'en'; add notice.LANG.txt to "
            "translate it"};
  }

  std::filesystem::path folder_;
};

TEST_F(CheckTemplates, ExistingTemplateInTheDefaultLanguage) {
  EXPECT_EQ(check_template("first_reminder", folder_.string()).errors, Errors{});
}

TEST_F(CheckTemplates, PlaceholdersTheRendererCannotFill) {
  std::ofstream(folder_ / "letter.en.txt") << "Dear {customer.name},\n{ items_list }\n"
                                           << "{company.iban} {customer.nme}\n{oops\n";
  std::ofstream(folder_ / "letter.fr.txt") << "{total_overdu}\n";
  CheckOptions options;
  options.templates_dir = folder_;
  const SourceFile source("t.dun",
                          "scenario s \"S\"\n  step a\n    at today\n    letter \"letter\"\n"
                          "    email \"letter\"\nend\n");
  Diagnostics diagnostics;
  const CheckedFile checked = check(parse(source, diagnostics), source, options, diagnostics);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics.items()) {
    messages.push_back(std::filesystem::path(d.file).filename().string() + ":" +
                       std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
                       d.message);
  }
  EXPECT_EQ(messages,
            (Errors{"letter.en.txt:3:17: the template cannot fill '{customer.nme}'; did you mean "
                    "'{customer.name}'?",
                    "letter.en.txt:4:1: '{' without '}' on the same line of the template; write "
                    "'{{' for a brace",
                    "letter.fr.txt:1:2: the template cannot fill '{total_overdu}'; did you mean "
                    "'{total_overdue}'?"}));
  EXPECT_TRUE(checked.scenarios.empty());
}

TEST_F(CheckTemplates, ConditionsAreCheckedAsExpressionsInTheTemplateFile) {
  std::ofstream(folder_ / "cond.en.txt")
      << "Subject: x\n\n{if customer.overdue_count > 1}several{end}\n"
      << "{if invoice.balance}x{end}\n{if invoice.balanse > 0 EUR}y{end}\n";
  CheckOptions options;
  options.templates_dir = folder_;
  const SourceFile source("t.dun",
                          "scenario s \"S\"\n  step a\n    at today\n    email \"cond\"\nend\n");
  Diagnostics diagnostics;
  const CheckedFile checked = check(parse(source, diagnostics), source, options, diagnostics);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity != Severity::error) continue;
    messages.push_back(std::filesystem::path(d.file).filename().string() + ":" +
                       std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
                       d.message);
  }
  EXPECT_EQ(messages, (Errors{"cond.en.txt:4:5: '{if}' needs a bool, got money",
                              "cond.en.txt:5:13: unknown field 'invoice.balanse'; did you mean "
                              "'invoice.balance'?"}));
  EXPECT_TRUE(checked.scenarios.empty());
}

TEST_F(CheckTemplates, AMissingLanguageFallsBackWithAWarning) {
  // first_reminder exists in en and fr; a template only in en warns that fr customers get en.
  std::ofstream(folder_ / "notice.en.txt") << "Subject: x\n\nDear {customer.name}\n";
  const Outcome outcome = check_template("notice", folder_.string());
  EXPECT_EQ(outcome.errors, Errors{});
  EXPECT_EQ(outcome.warnings, notice_lacks_french());
  EXPECT_EQ(check_template("first_reminder", folder_.string()).warnings, Errors{});
}

TEST_F(CheckTemplates, ACountrysOwnVersionIsOptionalButItsLanguageIsNot) {
  // notice.fr_BE.txt serves Belgian customers; French ones need notice.fr.txt, and a template
  // without a fr_BE version is fine (its fr file serves Belgium).
  std::ofstream(folder_ / "notice.en.txt") << "Subject: x\n\nDear {customer.name}\n";
  std::ofstream(folder_ / "notice.fr_BE.txt") << "Subject: x\n\nBonjour {customer.nme}\n";
  const Outcome outcome = check_template("notice", folder_.string());
  EXPECT_EQ(outcome.errors, Errors{"3:10: the template cannot fill '{customer.nme}'; did you mean "
                                   "'{customer.name}'?"});
  EXPECT_EQ(outcome.warnings, notice_lacks_french());
  EXPECT_EQ(check_template("first_reminder", folder_.string()).warnings, Errors{});
}

TEST_F(CheckTemplates, AFileNamedWithoutAReadableLocaleIsNeverUsed) {
  std::ofstream(folder_ / "notice.en.txt") << "Subject: x\n\nDear {customer.name}\n";
  std::ofstream(folder_ / "notice.fr.txt") << "Subject: x\n\nBonjour\n";
  std::ofstream(folder_ / "notice.en_gb.txt") << "Subject: x\n\nDear {customer.name}\n";
  std::ofstream(folder_ / "notice.de-CH.txt") << "Subject: x\n\nGrüezi\n";
  const std::string folder = folder_.string() + "/";
  EXPECT_EQ(check_template("notice", folder_.string()).warnings,
            (Errors{"4:11: template file " + folder +
                        "notice.de-CH.txt is never used: 'de-CH' is not a language (en) or a "
                        "language and country (en_GB); rename it",
                    "4:11: template file " + folder +
                        "notice.en_gb.txt is never used: 'en_gb' is not a language (en) or a "
                        "language and country (en_GB); rename it"}));
}

// A Markdown template (NAME.LANG.md) is checked like a plain-text one, satisfies the default
// language, and counts among the folder's languages.
TEST_F(CheckTemplates, MarkdownTemplatesAreCheckedLikePlainText) {
  std::ofstream(folder_ / "formatted.en.md")
      << "Subject: x\n\n**Dear** {customer.nme},\n\n{if invoice.balanse > 0 EUR}y{end}\n";
  std::ofstream(folder_ / "formatted.de.md") << "Subject: x\n\n*Hallo* {company.bic}\n";
  std::ofstream(folder_ / "rate.en.md") << "Subject: x\n\n{company.late_interest_rate}\n";
  CheckOptions options;
  options.templates_dir = folder_;
  const SourceFile source("t.dun",
                          "scenario s \"S\"\n  step a\n    at today\n    email \"formatted\"\n"
                          "    letter \"rate\"\nend\n");
  Diagnostics diagnostics;
  const CheckedFile checked = check(parse(source, diagnostics), source, options, diagnostics);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics.items()) {
    messages.push_back(std::filesystem::path(d.file).filename().string() + ":" +
                       std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
                       d.message);
  }
  EXPECT_EQ(messages,
            (Errors{"formatted.en.md:3:11: the template cannot fill '{customer.nme}'; did you mean "
                    "'{customer.name}'?",
                    "formatted.en.md:5:13: unknown field 'invoice.balanse'; did you mean "
                    "'invoice.balance'?",
                    "t.dun:4:11: template 'formatted' has no version in fr (other templates of " +
                        folder_.string() +
                        "/ do): those customers get the default language 'en'; add "
                        "formatted.LANG.txt to translate it",
                    "t.dun:5:12: template 'rate' has no version in de, fr (other templates of " +
                        folder_.string() +
                        "/ do): those customers get the default language 'en'; add "
                        "rate.LANG.txt to translate it"}));
  EXPECT_TRUE(checked.scenarios.empty());
}

TEST_F(CheckTemplates, UnknownTemplateSuggestsTheCloseOne) {
  const std::string folder = folder_.string() + "/";
  EXPECT_EQ(check_template("first_remindr", folder).errors,
            Errors{"4:11: unknown template 'first_remindr': no file first_remindr.en.txt in " +
                   folder + "; did you mean 'first_reminder'?"});
}

TEST_F(CheckTemplates, TemplateOnlyInAnotherLanguage) {
  const std::string folder = folder_.string() + "/";
  EXPECT_EQ(check_template("formal", folder_.string()).errors,
            Errors{"4:11: template 'formal' has no file formal.en.txt in " + folder +
                   " (the default language 'en' is required; found formal.fr.txt)"});
}

TEST_F(CheckTemplates, DefaultLanguageIsAnOption) {
  CheckOptions options;
  options.templates_dir = folder_;
  options.default_language = "fr";
  EXPECT_EQ(
      check_text("scenario s \"S\"\n  step a\n    at today\n    letter \"formal\"\nend\n", options)
          .errors,
      Errors{});
}

TEST_F(CheckTemplates, NamesCannotLeaveTheFolder) {
  EXPECT_EQ(check_template("../secret", folder_.string()).errors,
            Errors{"4:11: template name '../secret' may only hold letters, digits, '_' and '-' "
                   "(it names the file NAME.en.txt)"});
}

TEST_F(CheckTemplates, MissingFolderIsReportedOnce) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n  step a\n    at today\n    email \"a\"\n    email \"b\"\nend\n",
      CheckOptions{folder_ / "nowhere", "en", "EUR", {}});
  ASSERT_EQ(outcome.errors.size(), 1u);
  EXPECT_NE(outcome.errors[0].find("cannot read the templates folder"), std::string::npos);
}

TEST_F(CheckTemplates, SkippedWithoutAFolder) {
  EXPECT_EQ(
      check_text("scenario s \"S\"\n  step a\n    at today\n    email \"nothing\"\nend\n").errors,
      Errors{});
}

// ---- tests blocks ----

TEST(CheckTests, ScenarioOfATest) {
  const std::string two =
      "scenario a \"A\"\n  step x\n    at today\n    email \"x\"\nend\n"
      "scenario b \"B\"\n  step x\n    at today\n    email \"x\"\nend\n";
  const Outcome outcome =
      check_text(two +
                 "test \"one\" for b\n  invoice due 2026-01-10 balance 10 EUR\n"
                 "  on 2026-02-01 expect nothing\n"
                 "test \"two\" for bb\n  invoice due 2026-01-10 balance 10 EUR\n"
                 "  on 2026-02-01 expect nothing\n"
                 "test \"three\"\n  invoice due 2026-01-10 balance 10 EUR\n"
                 "  on 2026-02-01 expect nothing\n");
  EXPECT_EQ(outcome.errors,
            (Errors{"14:16: unknown scenario 'bb'; did you mean 'b'?",
                    "17:6: test \"three\" must name its scenario ('for SCENARIO'): this file "
                    "declares 2 scenarios"}));
  EXPECT_EQ(outcome.file.test_scenarios,
            (std::vector<std::optional<std::size_t>>{1, std::nullopt, std::nullopt}));
}

TEST(CheckTests, TestDataTypes) {
  const Outcome outcome = check_text(
      "scenario a \"A\"\n  step x\n    at today\n    email \"x\"\nend\n"
      "test \"t\"\n  invoice due 2026-01-10 balance 10 EUX\n  on 2026-02-01 expect nothing\n");
  EXPECT_EQ(outcome.errors, Errors{"7:37: unknown currency 'EUX'; did you mean 'EUR'?"});
  EXPECT_EQ(outcome.file.test_scenarios, (std::vector<std::optional<std::size_t>>{0}));
}

// ---- warnings ----

TEST(CheckWarnings, UntilBeforeAt) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n"
      "  step a\n    at invoice.due_date + 5 days\n    until invoice.due_date + 2 days\n"
      "    email \"x\"\n"
      "  step b\n    at a + 2 business days\n    until a + 1 business days\n    email \"x\"\n"
      "  step c\n    at invoice.due_date + 1 weeks\n    until invoice.due_date + 7 days\n"
      "    email \"x\"\n"
      "end\n");
  EXPECT_EQ(outcome.errors, Errors{});
  EXPECT_EQ(outcome.warnings,
            (Errors{"4:11: step 'a' can never fire: its 'until' is 3 days before its 'at'",
                    "7:8: step 'b' is timed from step 'a', which can never fire: its date is "
                    "always the day 'a' is skipped",
                    "8:11: step 'b' can never fire: its 'until' is 1 business day before its "
                    "'at'"}));
}

TEST(CheckWarnings, AlwaysFalseConditionsAndUnusedLets) {
  const Outcome outcome = check_text(
      "scenario s \"S\"\n  let unused = 1\n"
      "  step a\n    at today\n    wait until false\n    email \"x\"\n"
      "  step b\n    at previous + 3 days\n    email \"x\"\nend\n");
  EXPECT_EQ(outcome.errors, Errors{});
  EXPECT_EQ(outcome.warnings,
            (Errors{"2:7: let 'unused' is never used",
                    "5:16: step 'a' can never fire: its 'wait until' is always false",
                    "8:8: step 'b' is timed from step 'a', which can never fire: its date is "
                    "always the day 'a' is skipped"}));
  EXPECT_EQ(outcome.file.scenarios.size(), 1u);  // warnings do not reject a scenario
}

// ---- the whole example of language.md §1 ----

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CheckExample, StandardB2bChecksCleanWithItsTemplates) {
  const std::string text =
      read_file(std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "standard_b2b.dun");
  ASSERT_FALSE(text.empty());
  CheckOptions options;
  options.templates_dir = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "templates";
  const Outcome outcome = check_text(text, options);
  EXPECT_EQ(outcome.errors, Errors{});
  EXPECT_EQ(outcome.warnings, Errors{});
  ASSERT_EQ(outcome.file.scenarios.size(), 1u);
  const ir::Scenario& scenario = outcome.file.scenarios[0];
  EXPECT_EQ(scenario.name, "standard_b2b");
  EXPECT_EQ(scenario.title, "Standard B2B follow-up");
  EXPECT_EQ(scenario.calendar, "FR");
  EXPECT_TRUE(scenario.send_on_business_days);
  EXPECT_EQ(scenario.catch_up_days, 7);
  ASSERT_NE(scenario.applies, nullptr);
  const auto& applies = node_of<ir::Logic>(*scenario.applies);
  EXPECT_EQ(node_of<ir::Compare>(*applies.lhs).operand_type, Type::string);
  EXPECT_EQ(node_of<ir::MoneySign>(*applies.rhs).op, ir::CompareOp::greater);
  ASSERT_NE(scenario.pause, nullptr);
  EXPECT_EQ(scenario.stop, nullptr);
  ASSERT_EQ(scenario.lets.size(), 1u);
  EXPECT_EQ(scenario.lets[0].name, "big_account");
  ASSERT_EQ(scenario.steps.size(), 5u);
  const char* names[] = {"pre_due", "first", "second", "formal", "call"};
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(scenario.steps[i].name, names[i]);
  const ir::Step& first = scenario.steps[1];
  EXPECT_EQ(node_of<ir::Compare>(*first.when).operand_type, Type::money);
  EXPECT_TRUE(first.actions[0].grouped);
  EXPECT_EQ(node_of<ir::FieldRead>(*first.actions[0].copy).field, FieldId::collector);
  const auto& second_at = node_of<ir::Arith>(*scenario.steps[2].at);
  EXPECT_EQ(node_of<ir::StepDate>(*second_at.lhs).step_index, 1u);
  const ir::Step& formal = scenario.steps[3];
  EXPECT_EQ(node_of<ir::LetRead>(*formal.when).let_index, 0u);
  EXPECT_EQ(formal.actions[0].channel, Channel::letter);
  EXPECT_EQ(formal.actions[0].letter_type, LetterType::registered);
  EXPECT_TRUE(formal.actions[0].confirm);
  const ir::Step& call = scenario.steps[4];
  EXPECT_EQ(node_of<ir::StepDate>(*node_of<ir::Arith>(*call.at).lhs).step_index, 3u);
  EXPECT_EQ(call.actions[0].channel, Channel::task);
  EXPECT_EQ(call.actions[0].task_text.size(), 4u);
  // Every test block (the §1 example's two, then the shipped file's own) is for its one scenario.
  ASSERT_GE(outcome.file.test_scenarios.size(), 2u);
  for (const std::optional<std::size_t>& test_scenario : outcome.file.test_scenarios) {
    EXPECT_EQ(test_scenario, std::optional<std::size_t>{0});
  }
}

// ---- after a syntax error: report what is wrong, not what the parser skipped ----

// Every diagnostic, the parser's included, as "LINE:COL: message".
std::vector<std::string> all_diagnostics(const std::string& text) {
  const SourceFile source("test.dun", text);
  Diagnostics diagnostics;
  check(parse(source, diagnostics), source, {}, diagnostics);
  diagnostics.sort();
  std::vector<std::string> lines;
  for (const Diagnostic& d : diagnostics.items()) {
    lines.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
                    d.message);
  }
  return lines;
}

TEST(CheckAfterSyntaxErrors, NothingTheParserSkippedIsReportedAgain) {
  // The misspelled action leaves the step without one; the let's value did not parse.
  const std::vector<std::string> found = all_diagnostics(
      "scenario s \"S\"\n  let huge = 99999999999999999999\n  step first\n"
      "    at invoice.due_date + 7 days\n    emial \"x\"\nend\n");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].substr(0, 5), "2:14:");  // the number is too large
  EXPECT_EQ(found[1].substr(0, 4), "5:5:");   // unexpected 'emial'
  // Alone, a let whose value has a syntax error is not reported as unused either.
  const std::vector<std::string> let_only = all_diagnostics(
      "scenario s \"S\"\n  let huge = 99999999999999999999\n  step first\n"
      "    at invoice.due_date + 7 days\n    email \"x\"\nend\n");
  ASSERT_EQ(let_only.size(), 1u);
  EXPECT_EQ(let_only[0].substr(0, 5), "2:14:");
}

TEST(CheckAfterSyntaxErrors, UnreadableScenarioNamesAreNotDuplicates) {
  const std::vector<std::string> found = all_diagnostics(
      "scenario A \"x\"\n  step a\n    at today\n    email \"x\"\nend\n"
      "scenario B \"y\"\n  step a\n    at today\n    email \"x\"\nend\n");
  for (const std::string& line : found) EXPECT_EQ(line.find("duplicate"), std::string::npos);
}

TEST(CheckAfterSyntaxErrors, SemanticErrorsOfTheParsedPartsStillCount) {
  const std::vector<std::string> found = all_diagnostics(
      "scenario s \"S\"\n  step first\n    at invoice.due_date + 7\n    when invoice.balance >=\n"
      "    email \"x\"\nend\n");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0], "3:27: cannot add int to date; did you mean '7 days'?");
}

// ---- checks the grammar already prevents, kept for trees built by other means ----

ast::ExprPtr name_expr(std::string name) {
  auto expr = std::make_unique<ast::Expr>();
  expr->node = ast::NameRef{std::move(name)};
  return expr;
}

TEST(CheckDefensive, HandBuiltTreesGetTheSameRules) {
  ast::File file;
  ast::Scenario& scenario = file.scenarios.emplace_back();
  scenario.name.text = "s";
  scenario.catch_up_days = -3;
  scenario.applies = name_expr("invoice");
  ast::Step& step = scenario.steps.emplace_back();
  step.name.text = "a";
  step.at = name_expr("today");
  ast::Action& action = step.actions.emplace_back();
  action.channel = Channel::task;
  action.due_days = -1;
  const SourceFile source("built.dun", "");
  Diagnostics diagnostics;
  const CheckedFile checked = check(file, source, {}, diagnostics);
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics.items()) messages.push_back(d.message);
  EXPECT_EQ(messages, (Errors{"'catch up' must be 0 days or more, got -3",
                              "'invoice' needs a field, like 'invoice.balance'",
                              "'due' must be 0 days or more, got -1"}));
  EXPECT_TRUE(checked.scenarios.empty());
}

// ---- a tree with holes (what the parser leaves after syntax errors) never crashes ----

// Every prefix of the example, and the example with each character removed, goes through the
// parser and the checker without a crash (a cheap, deterministic cousin of the fuzz target).
TEST(CheckRobustness, DamagedExamplesNeverCrash) {
  const std::string text =
      read_file(std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "standard_b2b.dun");
  ASSERT_FALSE(text.empty());
  std::size_t checked_files = 0;
  for (std::size_t cut = 0; cut < text.size(); cut += 3) {
    for (const std::string& damaged :
         {text.substr(0, cut), text.substr(0, cut) + text.substr(cut + 1)}) {
      const SourceFile source("damaged.dun", damaged);
      Diagnostics diagnostics;
      const CheckedFile checked = check(parse(source, diagnostics), source, {}, diagnostics);
      checked_files += checked.scenarios.size() + 1;
    }
  }
  EXPECT_GT(checked_files, text.size() / 3);
}

TEST(CheckRobustness, NullPiecesAreSkipped) {
  ast::File file;
  ast::Scenario& scenario = file.scenarios.emplace_back();
  scenario.name.text = "s";
  ast::Let& let = scenario.lets.emplace_back();
  let.name.text = "x";  // value null
  ast::Step& step = scenario.steps.emplace_back();
  step.name.text = "a";  // at null, no actions
  step.when = std::make_unique<ast::Expr>();
  step.when->node = ast::Binary{ast::BinaryOp::logical_and, nullptr, nullptr, {}};
  ast::Action& action = step.actions.emplace_back();
  action.channel = Channel::task;
  action.placeholders.emplace_back();  // expr null
  action.to = std::make_unique<ast::Expr>();
  action.to->node = ast::Call{"min", {}, {}};
  file.tests.emplace_back();
  const SourceFile source("holes.dun", "");
  Diagnostics diagnostics;
  const CheckedFile checked = check(file, source, {}, diagnostics);
  EXPECT_TRUE(diagnostics.has_errors());  // the missing `at`, min's arity
  EXPECT_TRUE(checked.scenarios.empty());
}

TEST(CheckActions, PostageIsForPaperLettersAndReachesTheIr) {
  const Outcome electronic = check_text(
      "scenario s \"S\"\n  step a\n    at invoice.due_date\n"
      "    letter electronic \"x\" postage priority\nend\n");
  EXPECT_EQ(electronic.errors,
            std::vector<std::string>{"4:27: an electronic letter is not posted: 'postage' is for "
                                     "standard and registered letters"});
  const Outcome paper = check_text(
      "scenario s \"S\"\n  step a\n    at invoice.due_date\n"
      "    letter registered \"x\" postage economy\nend\n");
  ASSERT_TRUE(paper.errors.empty()) << paper.errors[0];
  EXPECT_EQ(paper.file.scenarios.at(0).steps.at(0).actions.at(0).postage, Postage::economy);
}

}  // namespace
}  // namespace dun::dsl

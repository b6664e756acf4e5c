// The syntax tree of a scenario file, as the parser builds it: every node carries its source
// range; nothing is resolved or typed yet (that is the checker's job, see check.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dsl/channel.hpp"
#include "dsl/source.hpp"

namespace dun::dsl::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// ---- Expressions (language.md §4) ----

struct BoolLiteral {
  bool value = false;
};
struct IntLiteral {
  std::int64_t value = 0;  // underscores removed: 1_000 -> 1000
};
struct DecimalLiteral {
  std::string text;  // digits with one '.', underscores removed: "12.75"
};
struct MoneyLiteral {
  std::string amount_text;  // "1200.50" (underscores removed); minor units are fixed by the checker
  std::string currency;     // "EUR" as written; validated against ISO 4217 by the checker
};
struct DateLiteral {
  std::int32_t days = 0;  // days since 1970-01-01; impossible dates are syntax errors
};
enum class DurationUnit { days, weeks, business_days };
struct DurationLiteral {
  std::int64_t count = 0;
  DurationUnit unit = DurationUnit::days;  // `1 day`/`3 days`, `2 weeks`, `5 business days`
};
struct StringLiteral {
  std::string value;  // escapes resolved (\" \\ \n \t)
};
struct ListLiteral {
  std::vector<ExprPtr> items;
};
// A bare name: `today`, `previous`, `collector`, a `let` name or a step name.
struct NameRef {
  std::string name;
};
// `invoice.balance`, `customer.overdue_total`, `collector.email`, `company.name`.
struct FieldRef {
  std::string object;
  std::string field;
  SourceRange field_range;  // where the field name stands, for "unknown field" carets
};
enum class UnaryOp { negate, logical_not };
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};
enum class BinaryOp {
  logical_or,
  logical_and,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  in,  // `x in [..]`
  add,
  subtract,
  multiply,
  divide,
};
struct Binary {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
  SourceRange op_range;  // the operator token, for type-error carets
};
struct IfElse {
  ExprPtr condition;
  ExprPtr then_value;
  ExprPtr else_value;
};
struct Call {
  std::string function;
  SourceRange name_range;
  std::vector<ExprPtr> args;
};

struct Expr {
  SourceRange range;
  std::variant<BoolLiteral, IntLiteral, DecimalLiteral, MoneyLiteral, DateLiteral, DurationLiteral,
               StringLiteral, ListLiteral, NameRef, FieldRef, Unary, Binary, IfElse, Call>
      node;
};

// ---- Scenario structure (language.md §2) ----

struct Name {
  std::string text;
  SourceRange range;
};
struct Text {
  std::string value;  // string literal contents, escapes resolved
  SourceRange range;  // including the quotes
};
// A `{…}` placeholder inside a task text: the expression between the braces.
struct Placeholder {
  ExprPtr expr;
  SourceRange range;  // including the braces
};

struct Action {
  SourceRange range;
  Channel channel = Channel::email;
  // email/letter: the template NAME; task: the text, whose placeholders are parsed below.
  Text text;
  std::vector<Placeholder> placeholders;          // task only
  LetterType letter_type = LetterType::standard;  // letter only
  std::optional<Postage> postage;                 // paper letter: `postage priority|…`
  SourceRange postage_range;                      // where it is written, for the checker
  ExprPtr to;                                     // email/letter: `to EXPR`
  ExprPtr copy;                                   // email: `copy collector|EXPR`
  ExprPtr assign;                                 // task: `assign EXPR`
  std::optional<std::int64_t> due_days;           // task: `due N days`
  bool grouped = false;
  bool confirm = false;
};

// `repeat every D days [at most K times]` (language.md §3.2; the last step only).
struct Repeat {
  SourceRange range;                       // from `repeat` to its last word
  std::optional<std::int64_t> every_days;  // D; absent when the number did not parse
  SourceRange every_range;
  std::optional<std::int64_t> max_times;  // K, when `at most K times` is written
  SourceRange max_times_range;
};

struct Step {
  Name name;
  SourceRange range;  // from `step` to its last clause
  ExprPtr at;         // required; a missing `at` is a checker error at the step's name
  ExprPtr until;
  ExprPtr when;
  ExprPtr wait_until;
  std::vector<Action> actions;
  std::optional<Repeat> repeat;
  // A clause of this step failed to parse (the syntax error is reported): what seems missing may
  // only have been skipped, so the checker should not report it again.
  bool incomplete = false;
};

struct Let {
  Name name;
  ExprPtr value;
  SourceRange range;
};

// `at most N email|letter every D days` (language.md §3.2).
struct ContactLimit {
  SourceRange range;
  Channel channel = Channel::email;
  std::optional<std::int64_t> count;  // N
  SourceRange count_range;
  std::optional<std::int64_t> days;  // D
  SourceRange days_range;
};

struct Scenario {
  Name name;
  Text title;
  SourceRange range;
  std::optional<Name> calendar;  // `calendar FR`: the code as written
  std::optional<SourceRange> send_on_business_days;
  std::optional<std::int64_t> catch_up_days;  // default 7 when absent
  SourceRange catch_up_range;
  std::optional<SourceRange> group_by_customer;
  std::vector<ContactLimit> limits;  // in source order
  ExprPtr applies;
  ExprPtr pause;
  ExprPtr stop;
  std::vector<Let> lets;  // in source order; visible to expressions after their declaration
  std::vector<Step> steps;
  // Part of the scenario failed to parse and was skipped (reported): a step or `let` may be
  // missing, so names that would have been declared there should not be reported again.
  bool incomplete = false;
};

// ---- Scenario tests (language.md §6) ----

// `customer ["ID"] [name "…"] [segment "…"] [language xx] [country CC] [currency CCC]
//  [email "…"] [scenario NAME|none] [credit_limit MONEY]`
struct TestCustomer {
  SourceRange range;
  std::optional<Text> id;
  std::optional<Text> name;
  std::optional<Text> segment;
  std::optional<Name> language;
  std::optional<Name> country;
  std::optional<Name> currency;
  std::optional<Text> email;
  std::optional<Name> scenario;
  ExprPtr credit_limit;
};

// `invoice ["ID"] due D balance M [amount M] [issued D] [disputed] [promised D]
//  [number "…"] [credit_note] [no_dunning]` — belongs to the customer declared last
// (or to a default customer when none is).
struct TestInvoice {
  SourceRange range;
  std::optional<Text> id;
  std::optional<Text> number;
  ExprPtr due;
  ExprPtr balance;
  ExprPtr amount;
  ExprPtr issued;
  ExprPtr promised;
  bool disputed = false;
  bool credit_note = false;
  bool no_dunning = false;
};

// One `on D …` line.
struct TestExpectAction {
  Channel channel;
  std::optional<LetterType> letter_type;  // `expect letter registered "formal_notice"`
  Text text;                              // template name, or task text
};
enum class TestEventKind {
  expect_nothing,
  expect_action,
  pay,       // `on D pay M ["INVOICE"]`: the balance drops by M
  confirm,   // `on D confirm`: confirm the open confirm-task(s)
  complete,  // `on D complete`: complete the open task(s)
  cancel,    // `on D cancel`: cancel the open task(s)
  dispute,   // `on D dispute ["INVOICE"]`
  resolve,   // `on D resolve ["INVOICE"]`: the dispute ends
  promise,   // `on D promise D2 ["INVOICE"]`
};
struct TestEvent {
  SourceRange range;
  std::int32_t date_days = 0;
  TestEventKind kind = TestEventKind::expect_nothing;
  std::optional<TestExpectAction> expected;  // expect_action
  ExprPtr amount;                            // pay
  ExprPtr promise_date;                      // promise
  std::optional<Text> invoice;               // pay/dispute/resolve/promise: which invoice
};

struct Test {
  Text name;
  SourceRange range;
  std::optional<Name> scenario;  // `for SCENARIO`
  std::vector<TestCustomer> customers;
  std::vector<TestInvoice> invoices;
  std::vector<std::size_t>
      invoice_customer;           // index into customers per invoice; SIZE_MAX = default
  std::vector<TestEvent> events;  // in source order
  bool incomplete = false;        // a line failed to parse and was skipped
};

struct File {
  std::vector<Scenario> scenarios;
  std::vector<Test> tests;
};

}  // namespace dun::dsl::ast

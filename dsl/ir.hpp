// The typed IR: a checked scenario with every name resolved and every operation specialised to
// its operand types. The reference interpreter walks it and the LLVM code generator compiles it
// into one batch loop over the columnar portfolio; both read the same tree.
//
// Design:
// - An Expr carries its Type (never Type::error in a checked scenario), its source range (for
//   evaluation errors and `dun explain`) and one node. Nodes own their children (unique_ptr).
// - Literals are in run-time form: money as int64 minor units + Currency, decimals as fixed point
//   int64 with kDecimalScale (6 decimals; the checker rejects literals with more), dates as day
//   numbers since 1970-01-01, durations as count + unit. Negative number literals are folded.
// - Reads: FieldRead by FieldId (dsl/fields.hpp, the one catalogue), LetRead by the index of the
//   scenario's let (a let only reads lets declared before it, so evaluating lets in order works),
//   StepDate by step index (always an earlier step; `previous` is resolved to the index just
//   before), Today.
// - Operations carry a specialised opcode: Arith::op says int/decimal/money/date, Compare says
//   the operand type. Mixed int/decimal arithmetic gets an explicit IntToDecimal conversion;
//   products put money on the left (`2 * x` becomes `x * 2`); `money OP 0` is a MoneySign node
//   (0 has no currency); `x in [..]` is InList over typed items; `x in LIST_EXPR` and
//   `contains(list, x)` are Call(contains_list).
// - Money arithmetic keeps the currency of its left operand; a money operation or comparison
//   between two currencies converts the right operand with the configured rates (half-even),
//   and a missing rate is an evaluation error for that invoice. Money * decimal and money /
//   number round half-even to the minor unit. Int division truncates toward zero; division by
//   zero is an evaluation error for that invoice.
// - An absent clause is a null ExprPtr: `applies` absent = always, `pause`/`stop` absent =
//   never, `until`/`when`/`wait until` absent = no limit / always / no wait.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dsl/builtins.hpp"
#include "dsl/channel.hpp"
#include "dsl/fields.hpp"
#include "dsl/source.hpp"
#include "dsl/types.hpp"
#include "stdlib/money.hpp"

namespace dun::dsl::ir {

inline constexpr std::int64_t kDecimalScale = 1'000'000;  // decimals are value × 10^6
inline constexpr int kDecimalDigits = 6;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class DurationUnit : std::uint8_t { days, weeks, business_days };
struct Duration {
  std::int64_t count = 0;
  DurationUnit unit = DurationUnit::days;
  bool operator==(const Duration&) const = default;
};

struct BoolConst {
  bool value = false;
};
struct IntConst {
  std::int64_t value = 0;
};
struct DecimalConst {
  std::int64_t scaled = 0;  // 12.75 -> 12'750'000
};
struct MoneyConst {
  Money value;
};
struct DateConst {
  std::int32_t days = 0;
};
struct DurationConst {
  Duration value;
};
struct StringConst {
  std::string value;
};
// A list of strings (type string_list), e.g. a `let` holding `["sme", "public"]`.
struct StringList {
  std::vector<ExprPtr> items;
};

struct Today {};
struct FieldRead {
  FieldId field;
};
// A custom field declared in dun.toml (dsl/field_table.hpp): its slot among the portfolio's
// custom columns (PortfolioColumns::custom_fields) and its name, for messages and `dun explain`.
// The Expr's type is the declared one; an absent cell is an evaluation error.
struct CustomFieldRead {
  std::uint32_t slot = 0;
  bool on_customer = false;  // `customer.NAME`: read at the invoice's customer row
  std::string name;          // "invoice.payment_url"
};
struct LetRead {
  std::uint32_t let_index = 0;
};
// The event date of an earlier step of the same scenario (language.md §3.1).
struct StepDate {
  std::uint32_t step_index = 0;
};

enum class UnaryOp : std::uint8_t { logical_not, negate_int, negate_decimal, negate_money };
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

struct IntToDecimal {
  ExprPtr operand;
};

enum class ArithOp : std::uint8_t {
  add_int,
  subtract_int,
  multiply_int,
  divide_int,
  add_decimal,
  subtract_decimal,
  multiply_decimal,
  divide_decimal,
  add_money,           // money + money
  subtract_money,      // money - money
  multiply_money_int,  // money * int
  multiply_money_decimal,
  divide_money_int,  // money / int
  divide_money_decimal,
  add_date_duration,       // date + duration (also written duration + date)
  subtract_date_duration,  // date - duration
  subtract_date_date,      // date - date -> int days
};
struct Arith {
  ArithOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};

enum class CompareOp : std::uint8_t { equal, not_equal, less, less_equal, greater, greater_equal };
// Both operands have `operand_type`: boolean (==, != only), integer, decimal, money, date, string
// (==, != only).
struct Compare {
  CompareOp op;
  Type operand_type;
  ExprPtr lhs;
  ExprPtr rhs;
};
// `money OP 0` (the one bare number money compares with); `0 OP money` is flipped into this form.
struct MoneySign {
  CompareOp op;
  ExprPtr money;
};

enum class LogicOp : std::uint8_t { logical_and, logical_or };  // short-circuit, left first
struct Logic {
  LogicOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};

// `needle in [items…]`: every item has `operand_type`, the needle's type (ints promoted to
// decimal when the other side is decimal). Equality as Compare of that type.
struct InList {
  Type operand_type;
  ExprPtr needle;
  std::vector<ExprPtr> items;
};

struct Conditional {
  ExprPtr condition;
  ExprPtr then_value;
  ExprPtr else_value;
};

struct Call {
  Builtin function;
  std::vector<ExprPtr> args;  // already of the overload's parameter types
};

struct Expr {
  Type type = Type::error;
  SourceRange range;
  std::variant<BoolConst, IntConst, DecimalConst, MoneyConst, DateConst, DurationConst, StringConst,
               StringList, Today, FieldRead, CustomFieldRead, LetRead, StepDate, Unary,
               IntToDecimal, Arith, Compare, MoneySign, Logic, InList, Conditional, Call>
      node;
};

// ---- Scenario structure ----

// A piece of a task text: literal text, or a placeholder's value (rendered as text).
struct TextPiece {
  std::string literal;  // used when value is null
  ExprPtr value;
};

struct Action {
  SourceRange range;
  Channel channel = Channel::email;
  std::string template_name;         // email/letter: checked to exist in the templates folder
  std::vector<TextPiece> task_text;  // task: the text with its placeholders, in order
  LetterType letter_type = LetterType::standard;
  std::optional<Postage> postage;  // paper letters only (the checker refuses it elsewhere)
  ExprPtr to;      // contact or string (email address); null = the default recipient
  ExprPtr copy;    // email only: contact, string or list of strings; null = none
  ExprPtr assign;  // task only: contact or string; null = the customer's collector
  std::optional<std::int64_t> due_days;  // task only, >= 0
  bool grouped = false;
  bool confirm = false;
};

// `repeat every D days [at most K times]` on the last step (language.md §3.2): after the step's
// event date E the step is due again at E + D days, up to K repetitions when bounded.
struct Repeat {
  std::int64_t every_days = 1;            // >= 1
  std::optional<std::int64_t> max_times;  // >= 1; absent = no bound
};

struct Step {
  std::string name;
  SourceRange range;
  ExprPtr at;  // date, never null
  ExprPtr until;
  ExprPtr when;
  ExprPtr wait_until;
  std::vector<Action> actions;   // at least one
  std::optional<Repeat> repeat;  // only ever on the scenario's last step
};

struct Let {
  std::string name;
  ExprPtr value;
};

// `at most N email|letter every D days`: per customer, at most `count` actions of the channel in
// any `days` consecutive days (language.md §3.2). The engine applies it, not the back ends.
struct ContactLimit {
  Channel channel = Channel::email;
  std::int64_t count = 1;  // >= 1
  std::int64_t days = 1;   // >= 1
};

struct Scenario {
  std::string name;
  std::string title;
  SourceRange range;
  std::string calendar;  // ISO country code with a built-in calendar; empty = weekends only
  bool send_on_business_days = false;
  std::int64_t catch_up_days = 7;
  bool group_by_customer = false;    // one email and one letter action per customer per day
  std::vector<ContactLimit> limits;  // at most one per channel
  ExprPtr applies;                   // bool or null
  ExprPtr pause;
  ExprPtr stop;
  std::vector<Let> lets;    // in declaration order
  std::vector<Step> steps;  // in declaration order
  // The custom fields it was checked against (FieldTable::custom_signature()): the slots its
  // CustomFieldReads use depend on them, so compiled code is cached per signature.
  std::string custom_fields;
};

}  // namespace dun::dsl::ir

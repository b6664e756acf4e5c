// The expression generator's values: ints, decimals, money, dates, durations, strings, lists of
// strings and contacts, each from leaves (literals, fields, lets) or operators and functions.
#include <array>

#include "tests/difftest/expression_generator.hpp"
#include "tests/difftest/expression_text.hpp"

namespace dun::difftest {
namespace {

using dsl::Type;
using text::call;
using text::paren;

constexpr std::string_view kStringFields[] = {
    "invoice.id",        "invoice.number",   "invoice.kind",
    "invoice.currency",  "customer.id",      "customer.name",
    "customer.segment",  "customer.country", "customer.language",
    "customer.scenario", "customer.email",   "collector.name",
    "collector.email",   "collector.phone",  "invoice.last_letter_status"};

}  // namespace

// ---- numbers ----

std::string ExpressionGenerator::number(const ExprScope& scope, int depth) {
  return rng_.percent(50) ? integer(scope, depth) : decimal(scope, depth);
}

std::string ExpressionGenerator::integer(const ExprScope& scope, int depth) {
  if (depth <= 0 || rng_.percent(25)) {
    switch (rng_.below(6)) {
      case 0:
        return int_literal(rng_.percent(90) ? rng_.between(-20, 100)
                                            : rng_.between(0, 4'000'000'000'000'000'000LL));
      case 1:
        return "invoice.days_overdue";
      case 2:
        return rng_.percent(50) ? "customer.open_count" : "customer.overdue_count";
      case 3:
        if (auto let = let_of(Type::integer, scope); !let.empty()) return let;
        [[fallthrough]];
      default:
        return int_literal(rng_.between(0, 30));
    }
  }
  auto binary = [&](std::string_view op) {
    return paren(paren(integer(scope, depth - 1)) + " " + std::string(op) + " " +
                 paren(integer(scope, depth - 1)));
  };
  switch (rng_.below(14)) {
    case 0:
      return binary("+");
    case 1:
      return binary("-");
    case 2:  // a product, now and then of a big number: overflow
      if (rng_.percent(30)) {
        return paren(
            int_literal(rng_.between(1'000'000'000'000'000'000LL, 4'000'000'000'000'000'000LL)) +
            " * " + paren(integer(scope, depth - 1)));
      }
      return binary("*");
    case 3:  // division, by zero now and then
      if (rng_.percent(50)) return paren(paren(integer(scope, depth - 1)) + " / 0");
      return binary("/");
    case 4:
      return paren("-" + paren(integer(scope, depth - 1)));
    case 5:
      return paren(paren(date(scope, depth - 1)) + " - " + paren(date(scope, depth - 1)));
    case 6:
      return call("days_between", date(scope, depth - 1), date(scope, depth - 1));
    case 7:
      return call("business_days_between", date(scope, depth - 1), date(scope, depth - 1));
    case 8:
      return call("weekday", date(scope, depth - 1));
    case 9:
      return call("round", decimal(scope, depth - 1));
    case 10:
      return call("abs", integer(scope, depth - 1));
    case 11:
      return call(rng_.percent(50) ? "min" : "max", integer(scope, depth - 1),
                  integer(scope, depth - 1));
    default:
      return conditional(Type::integer, scope, depth);
  }
}

std::string ExpressionGenerator::decimal(const ExprScope& scope, int depth) {
  if (depth <= 0 || rng_.percent(25)) {
    if (auto let = let_of(Type::decimal, scope); !let.empty() && rng_.percent(30)) return let;
    return decimal_literal();
  }
  // Mixed operands: at least one side is a decimal, the other may be an int (promoted).
  auto mixed = [&](std::string_view op) {
    const bool decimal_left = rng_.percent(50);
    const std::string left = decimal_left ? decimal(scope, depth - 1) : number(scope, depth - 1);
    const std::string right = decimal_left ? number(scope, depth - 1) : decimal(scope, depth - 1);
    return paren(paren(left) + " " + std::string(op) + " " + paren(right));
  };
  switch (rng_.below(9)) {
    case 0:
      return mixed("+");
    case 1:
      return mixed("-");
    case 2:
      return mixed("*");
    case 3:
      if (rng_.percent(30)) return paren(paren(decimal(scope, depth - 1)) + " / 0.0");
      return mixed("/");
    case 4:
      return paren("-" + paren(decimal(scope, depth - 1)));
    case 5:
      return call("abs", decimal(scope, depth - 1));
    case 6:
      return call(rng_.percent(50) ? "min" : "max", decimal(scope, depth - 1),
                  number(scope, depth - 1));
    case 7: {  // branches of two number types give a decimal
      const bool int_then = rng_.percent(50);
      return paren("if " + paren(boolean(scope, depth - 1)) + " then " +
                   paren(int_then ? integer(scope, depth - 1) : decimal(scope, depth - 1)) +
                   " else " +
                   paren(int_then ? decimal(scope, depth - 1) : number(scope, depth - 1)));
    }
    default:
      return conditional(Type::decimal, scope, depth);
  }
}

// ---- money ----

ExpressionGenerator::Money ExpressionGenerator::money(const ExprScope& scope, int depth) {
  if (depth <= 0 || rng_.percent(25)) {
    switch (rng_.below(8)) {
      case 0:
      case 1:
        return money_literal();
      case 2:
        return {"invoice.amount"};
      case 3:
        return {"customer.overdue_total"};
      case 4:
        return {"customer.open_total"};
      case 5:
        if (rng_.percent(30)) return {"customer.credit_limit"};  // absent for some customers
        [[fallthrough]];
      case 6:
        if (auto let = let_of(Type::money, scope); !let.empty()) return {let};
        [[fallthrough]];
      default:
        return {"invoice.balance"};
    }
  }
  auto scaled = [&](std::string_view op, bool by_zero) {
    const std::string amount = money(scope, depth - 1).text;
    const std::string factor =
        by_zero ? (rng_.percent(50) ? "0" : "0.0") : number(scope, depth - 1);
    // `2 * x` is allowed and becomes `x * 2`.
    if (op == "*" && rng_.percent(30)) return Money{paren(paren(factor) + " * " + paren(amount))};
    return Money{paren(paren(amount) + " " + std::string(op) + " " + paren(factor))};
  };
  switch (rng_.below(11)) {
    case 0:
    case 1: {  // cross-currency sums convert the right operand; two literals must agree
      const Money left = money(scope, depth - 1);
      Money right = money(scope, depth - 1);
      if (left.constant && right.constant && left.currency != right.currency) {
        right = {"invoice.balance"};
      }
      return {paren(paren(left.text) + (rng_.percent(50) ? " + " : " - ") + paren(right.text))};
    }
    case 2:
      return scaled("*", false);
    case 3:
      return scaled("/", rng_.percent(25));
    case 4: {  // the negation of a literal is folded into a literal of the same currency
      const Money negated = money(scope, depth - 1);
      return {paren("-" + paren(negated.text)), negated.constant, negated.currency};
    }
    case 5:
      return {call("abs", money(scope, depth - 1).text)};
    case 6:
      return {call("round", money(scope, depth - 1).text)};
    case 7:
      return {call(rng_.percent(50) ? "min" : "max", money(scope, depth - 1).text,
                   money(scope, depth - 1).text)};
    case 8:
      return {call("late_interest", money(scope, depth - 1).text, date(scope, depth - 1))};
    default:
      return {conditional(Type::money, scope, depth)};
  }
}

// ---- dates and durations ----

std::string ExpressionGenerator::date(const ExprScope& scope, int depth) {
  if (depth <= 0 || rng_.percent(25)) {
    switch (rng_.below(9)) {
      case 0:
        return date_literal();
      case 1:
        return "today";
      case 2:
        return "invoice.issue_date";
      case 3:
        if (rng_.percent(30)) return "customer.oldest_due_date";  // absent when nothing is open
        return "invoice.due_date";
      case 4:
        if (rng_.percent(20)) return "invoice.promise_date";  // unguarded: absent_value
        return "(if invoice.promised then invoice.promise_date else today)";
      case 5:
        if (!scope.step_names.empty()) return "previous";
        [[fallthrough]];
      case 6:
        if (!scope.step_names.empty()) return rng_.pick(scope.step_names);
        [[fallthrough]];
      case 7:
        if (auto let = let_of(Type::date, scope); !let.empty()) return let;
        [[fallthrough]];
      default:
        return "invoice.due_date";
    }
  }
  switch (rng_.below(7)) {
    case 0:
    case 1:
      return paren(paren(date(scope, depth - 1)) + " + " + paren(duration(scope, depth - 1)));
    case 2:
      return paren(paren(duration(scope, depth - 1)) + " + " + paren(date(scope, depth - 1)));
    case 3:
      return paren(paren(date(scope, depth - 1)) + " - " + paren(duration(scope, depth - 1)));
    case 4:
      return call("month_end", date(scope, depth - 1));
    case 5:
      return call(rng_.percent(50) ? "min" : "max", date(scope, depth - 1), date(scope, depth - 1));
    default:
      return conditional(Type::date, scope, depth);
  }
}

std::string ExpressionGenerator::duration(const ExprScope& scope, int depth) {
  if (depth > 0 && rng_.percent(15)) return conditional(Type::duration, scope, depth);
  if (auto let = let_of(Type::duration, scope); !let.empty() && rng_.percent(30)) return let;
  return duration_literal();
}

// ---- strings, lists, contacts ----

std::string ExpressionGenerator::string(const ExprScope& scope, int depth) {
  if (depth > 0 && rng_.percent(15)) return conditional(Type::string, scope, depth);
  if (auto let = let_of(Type::string, scope); !let.empty() && rng_.percent(20)) return let;
  if (!scope.no_string_literals && rng_.percent(50)) return string_literal();
  const std::string_view field = rng_.pick(kStringFields);
  // The collector's fields are absent for customers without one: mostly read the others.
  if (field.starts_with("collector") && rng_.percent(50)) return "customer.segment";
  return std::string(field);
}

std::string ExpressionGenerator::string_list(const ExprScope& scope, int depth) {
  if (auto let = let_of(Type::string_list, scope); !let.empty() && rng_.percent(40)) return let;
  std::string list = "[";
  const int count = static_cast<int>(rng_.between(0, 4));
  for (int i = 0; i < count; ++i) {
    list += (i > 0 ? ", " : "") + string(scope, depth > 0 ? depth - 1 : 0);
  }
  return list + "]";
}

std::string ExpressionGenerator::contact(const ExprScope& scope, int depth) {
  if (depth > 0 && rng_.percent(15)) return conditional(Type::contact, scope, depth);
  if (auto let = let_of(Type::contact, scope); !let.empty() && rng_.percent(30)) return let;
  if (scope.no_string_literals || rng_.percent(50)) return "collector";
  return call("contact", rng_.percent(50) ? "\"collection\"" : "\"legal\"");
}

}  // namespace dun::difftest

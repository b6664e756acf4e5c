// The expression generator: the dispatch over types, literals, lets, `if`, and booleans
// (comparisons, logic, `in`). Numbers, money, dates, strings and contacts: expression_values.cpp.
#include <array>

#include "stdlib/currency.hpp"
#include "stdlib/date.hpp"
#include "tests/difftest/expression_generator.hpp"
#include "tests/difftest/expression_text.hpp"

namespace dun::difftest {
namespace {

using dsl::Type;
using text::call;
using text::paren;

constexpr std::array<std::string_view, 6> kOrderOps = {"==", "!=", "<", "<=", ">", ">="};
constexpr std::array<std::string_view, 2> kEqualityOps = {"==", "!="};

// Words that look like data (segments, roles, countries, kinds): the random portfolios use the
// same ones, so equality tests come out both ways.
constexpr std::string_view kWords[] = {
    "sme", "key_account", "public",     "invoice",   "credit_note",  "FR",  "DE",
    "en",  "fr",          "collection", "legal",     "standard_b2b", "EUR", "USD",
    "",    "Acme",        "refused",    "neglected", "sent"};

}  // namespace

std::string ExpressionGenerator::generate(Type type, const ExprScope& scope, int depth) {
  switch (type) {
    case Type::boolean:
      return boolean(scope, depth);
    case Type::integer:
      return integer(scope, depth);
    case Type::decimal:
      return decimal(scope, depth);
    case Type::money:
      return money(scope, depth).text;
    case Type::date:
      return date(scope, depth);
    case Type::duration:
      return duration(scope, depth);
    case Type::string:
      return string(scope, depth);
    case Type::string_list:
      return string_list(scope, depth);
    case Type::contact:
      return contact(scope, depth);
    case Type::error:
      break;
  }
  return "true";
}

// ---- literals ----

std::string ExpressionGenerator::int_literal(std::int64_t value) {
  if (value < 0) return "(-" + int_literal(-value) + ")";
  std::string digits = std::to_string(value);
  if (digits.size() <= 3 || !rng_.percent(50)) return digits;
  std::string grouped;  // 1_000_000: underscores between digits
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '_';
    grouped += digits[i];
  }
  return grouped;
}

std::string ExpressionGenerator::decimal_literal() {
  const std::int64_t whole = rng_.percent(80) ? rng_.between(0, 100) : rng_.between(0, 5'000'000);
  const int places = static_cast<int>(rng_.between(1, 6));
  std::string fraction;
  for (int i = 0; i < places; ++i) fraction += static_cast<char>('0' + rng_.below(10));
  const std::string text = std::to_string(whole) + "." + fraction;
  return rng_.percent(15) ? "(-" + text + ")" : text;
}

ExpressionGenerator::Money ExpressionGenerator::money_literal() {
  const std::string currency(rng_.percent(50) ? "EUR" : rng_.pick(kCurrencies));
  const int exponent = Currency::from_code(currency)->exponent();
  const std::int64_t whole =
      rng_.percent(85) ? rng_.between(0, 2'000) : rng_.between(0, 10'000'000);
  std::string amount = int_literal(whole);
  if (exponent > 0 && rng_.percent(40)) {
    const int places = static_cast<int>(rng_.between(1, exponent));
    amount += '.';
    for (int i = 0; i < places; ++i) amount += static_cast<char>('0' + rng_.below(10));
  }
  std::string text = amount + " " + currency;
  if (rng_.percent(10)) text = "(-" + text + ")";
  return {text, true, currency};
}

std::string ExpressionGenerator::date_literal() {
  // Mostly near the random portfolios' run dates (early 2026); now and then the ends of the
  // calendar, so that date arithmetic overflows the 0001–9999 range.
  // (Rarely: outside 1900–2200 the calendars answer by their rules day by day, which is slow.)
  if (rng_.percent(1)) return rng_.percent(50) ? "9999-12-31" : "0001-01-01";
  const std::int32_t base = Date::from_ymd(2026, 3, 2).days();
  return Date::from_days(base + static_cast<std::int32_t>(rng_.between(-200, 200))).to_string();
}

std::string ExpressionGenerator::duration_literal() {
  const bool huge = rng_.percent(3);  // beyond 9999-12-31 from anywhere: out of range
  const std::int64_t count = huge ? rng_.between(4'000'000, 5'000'000) : rng_.between(0, 40);
  switch (rng_.below(5)) {
    case 0:
      return int_literal(count / 7) + (count / 7 == 1 && rng_.percent(50) ? " week" : " weeks");
    case 1:
      return int_literal(count) + " business days";
    default:
      return int_literal(count) + (count == 1 && rng_.percent(50) ? " day" : " days");
  }
}

std::string ExpressionGenerator::string_literal() {
  return "\"" + std::string(rng_.pick(kWords)) + "\"";
}

std::string ExpressionGenerator::let_of(Type type, const ExprScope& scope) {
  std::vector<const ExprScope::Let*> found;
  for (const ExprScope::Let& let : scope.lets) {
    if (let.type == type) found.push_back(&let);
  }
  if (found.empty()) return {};
  return found[rng_.below(found.size())]->name;
}

std::string ExpressionGenerator::conditional(Type type, const ExprScope& scope, int depth) {
  return paren("if " + paren(boolean(scope, depth - 1)) + " then " +
               paren(generate(type, scope, depth - 1)) + " else " +
               paren(generate(type, scope, depth - 1)));
}

// ---- bool ----

std::string ExpressionGenerator::boolean(const ExprScope& scope, int depth) {
  if (depth <= 0 || rng_.percent(20)) {
    switch (rng_.below(6)) {
      case 0:
        return rng_.percent(50) ? "true" : "false";
      case 1:
        return "invoice.disputed";
      case 2:
        return "invoice.promised";
      case 3:
        if (auto let = let_of(Type::boolean, scope); !let.empty()) return let;
        [[fallthrough]];
      default: {
        // One draw, as before customer.email_bounced joined: the generated scenarios keep their
        // other constructs (GeneratorCoversTheLanguage).
        const std::uint64_t draw = rng_.below(100);
        return draw < 35   ? "(invoice.balance > 0)"
               : draw < 50 ? "customer.email_bounced"
                           : "(invoice.days_overdue >= 0)";
      }
    }
  }
  switch (rng_.below(12)) {
    case 0:
    case 1:
    case 2:
      return comparison(scope, depth);
    case 3: {  // money against the one bare number it compares with
      const std::string op(rng_.pick(kOrderOps));
      const std::string amount = paren(money(scope, depth - 1).text);
      return paren(rng_.percent(50) ? amount + " " + op + " 0" : "0 " + op + " " + amount);
    }
    case 4:
      return paren(paren(boolean(scope, depth - 1)) + " and " + paren(boolean(scope, depth - 1)));
    case 5:
      return paren(paren(boolean(scope, depth - 1)) + " or " + paren(boolean(scope, depth - 1)));
    case 6:
      return paren("not " + paren(boolean(scope, depth - 1)));
    case 7:
      return membership(scope, depth);
    case 8:
      if (rng_.percent(50)) {
        return call("contains", string(scope, depth - 1), string(scope, depth - 1));
      }
      return call("contains", string_list(scope, depth - 1), string(scope, depth - 1));
    case 9:
      return conditional(Type::boolean, scope, depth);
    case 10:  // the guard of language.md §1: never reads an absent promise date
      return "(invoice.promised and (invoice.promise_date " + std::string(rng_.pick(kOrderOps)) +
             " " + date(scope, depth - 1) + "))";
    default:
      if (auto let = let_of(Type::boolean, scope); !let.empty()) return let;
      return comparison(scope, depth);
  }
}

std::string ExpressionGenerator::comparison(const ExprScope& scope, int depth) {
  const std::string order(rng_.pick(kOrderOps));
  const std::string equality(rng_.pick(kEqualityOps));
  auto both = [&](const std::string& a, const std::string& op, const std::string& b) {
    return paren(paren(a) + " " + op + " " + paren(b));
  };
  switch (rng_.below(8)) {
    case 0:
      return both(integer(scope, depth - 1), order, integer(scope, depth - 1));
    case 1:  // int against decimal: promoted
      return both(number(scope, depth - 1), order, number(scope, depth - 1));
    case 2:
    case 3:
      return both(money(scope, depth - 1).text, order, money(scope, depth - 1).text);
    case 4:
    case 5:
      return both(date(scope, depth - 1), order, date(scope, depth - 1));
    case 6:
      return both(string(scope, depth - 1), equality, string(scope, depth - 1));
    default:
      return both(boolean(scope, depth - 1), equality, boolean(scope, depth - 1));
  }
}

std::string ExpressionGenerator::membership(const ExprScope& scope, int depth) {
  const int item_count = static_cast<int>(rng_.between(0, 4));
  std::string needle;
  std::vector<std::string> items;
  switch (rng_.below(7)) {
    case 0:
      needle = string(scope, depth - 1);
      for (int i = 0; i < item_count; ++i) items.push_back(string(scope, depth - 1));
      break;
    case 1:  // a list of strings held by a let, or written in place
      if (auto list = let_of(Type::string_list, scope); !list.empty() || rng_.percent(50)) {
        if (list.empty()) list = string_list(scope, depth - 1);
        return paren(paren(string(scope, depth - 1)) + " in " + list);
      }
      needle = string(scope, depth - 1);
      for (int i = 0; i < item_count; ++i) items.push_back(string(scope, depth - 1));
      break;
    case 2:
      needle = number(scope, depth - 1);
      for (int i = 0; i < item_count; ++i) items.push_back(number(scope, depth - 1));
      break;
    case 3:
      needle = money(scope, depth - 1).text;
      for (int i = 0; i < item_count; ++i) items.push_back(money(scope, depth - 1).text);
      break;
    case 4:
      needle = date(scope, depth - 1);
      for (int i = 0; i < item_count; ++i) items.push_back(date(scope, depth - 1));
      break;
    case 5:
      needle = boolean(scope, depth - 1);
      for (int i = 0; i < item_count; ++i) items.push_back(boolean(scope, depth - 1));
      break;
    default:
      needle = integer(scope, depth - 1);
      for (int i = 0; i < item_count; ++i) items.push_back(integer(scope, depth - 1));
      break;
  }
  std::string list = "[";
  for (std::size_t i = 0; i < items.size(); ++i) list += (i > 0 ? ", " : "") + items[i];
  return paren(paren(needle) + " in " + list + "]");
}

}  // namespace dun::difftest

// Random well-typed expressions of the scenario language (language.md §4, §5), as source text.
// Every operand of an operator is written in parentheses, so precedence never changes a
// generated expression's meaning; the parser's own precedence is the parse tests' business.
//
// The generator knows the checker's rules and never breaks them: money is compared only with
// money or with the literal 0, two money literals of different currencies are never added,
// decimals have at most 6 places and money literals at most their currency's exponent, step
// dates only name earlier steps, lets only earlier lets. It does produce expressions that fail at
// evaluation time on purpose (division by zero, missing rates, absent values, overflow, dates
// out of range, late interest without a rule): those are decisions the back ends must agree on.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dsl/types.hpp"
#include "tests/difftest/random.hpp"

namespace dun::difftest {

// The currencies generated scenarios use; random environments give rates to only some of them.
inline constexpr std::string_view kCurrencies[] = {"EUR", "USD", "GBP", "JPY", "KWD", "PLN", "CHF"};

// What an expression may name at the place it is generated.
struct ExprScope {
  struct Let {
    std::string name;
    dsl::Type type;
  };
  std::vector<Let> lets;                // declared before this expression
  std::vector<std::string> step_names;  // earlier steps (empty outside a step)
  bool in_step = false;                 // `previous` is allowed when step_names is not empty
  bool no_string_literals = false;      // inside a task text's `{…}` placeholder
};

class ExpressionGenerator {
 public:
  explicit ExpressionGenerator(Rng& rng) : rng_(rng) {}

  // An expression of `type` (never Type::error), at most `depth` operators deep.
  std::string generate(dsl::Type type, const ExprScope& scope, int depth);

  // Literals, also used for scenario structure.
  std::string int_literal(std::int64_t value);
  std::string date_literal();
  std::string duration_literal();

 private:
  struct Money {
    Money(std::string text_, bool constant_ = false, std::string currency_ = {})  // NOLINT
        : text(std::move(text_)), constant(constant_), currency(std::move(currency_)) {}
    std::string text;
    bool constant;         // a literal (negated or not): the checker folds it to a constant
    std::string currency;  // of a constant
  };

  std::string boolean(const ExprScope& scope, int depth);
  std::string integer(const ExprScope& scope, int depth);
  std::string decimal(const ExprScope& scope, int depth);
  Money money(const ExprScope& scope, int depth);
  std::string date(const ExprScope& scope, int depth);
  std::string duration(const ExprScope& scope, int depth);
  std::string string(const ExprScope& scope, int depth);
  std::string string_list(const ExprScope& scope, int depth);
  std::string contact(const ExprScope& scope, int depth);

  std::string comparison(const ExprScope& scope, int depth);
  std::string membership(const ExprScope& scope, int depth);
  std::string number(const ExprScope& scope, int depth);  // int or decimal
  Money money_literal();
  std::string decimal_literal();
  std::string string_literal();
  // A let of `type` in scope, or empty.
  std::string let_of(dsl::Type type, const ExprScope& scope);
  std::string conditional(dsl::Type type, const ExprScope& scope, int depth);

  Rng& rng_;
};

}  // namespace dun::difftest

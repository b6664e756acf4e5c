// The sub-values behind a clause's value for `dun explain`: `at = 2026-01-19` comes with
// "due_date 2026-01-12 + 7 days", `when = false` with "balance 30.00 EUR < 50.00 EUR". Every
// value shown is computed by the caller's evaluator (the interpreter's evaluate_expr, the one the
// run uses); this file only walks the IR to choose which operands to show and how to name them.
//
// ExprDescriber borrows the scenario and the source text (both must outlive it) and calls
// `evaluate` for every value it shows; it is used by one thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/interp_value.hpp"
#include "dsl/ir.hpp"

namespace dun {

using ExprEvaluator = std::function<dsl::Value(const dsl::ir::Expr&)>;

struct ExprDescriber {
  const dsl::ir::Scenario* scenario = nullptr;
  std::string_view source;  // the scenario file's text (ranges are byte offsets into it)
  ExprEvaluator evaluate;

  // The expression as written in the file.
  std::string text(const dsl::ir::Expr& expr) const;
  // The operands of the top operation with their values, e.g. "due_date 2026-01-12 + 7 days";
  // empty when the value alone says everything (a field, a constant). `value` is the value of
  // `expr` itself. Operands the evaluation never reaches (`and`/`or`/`if` stop early) are shown
  // as not evaluated, never computed: computing them could fail where the run did not.
  std::string operands(const dsl::ir::Expr& expr, const dsl::Value& value) const;

 private:
  std::string operand(const dsl::ir::Expr& expr) const;
  std::string named(const dsl::ir::Expr& expr, const dsl::Value& value) const;
};

// Marks in `used` (one entry per let) every let `expr` reads, directly or through other lets.
void collect_lets(const dsl::ir::Expr& expr, const dsl::ir::Scenario& scenario,
                  std::vector<bool>& used);

}  // namespace dun

// The reference interpreter (architecture.md: "simple enough to trust"): evaluates a checked
// scenario (the typed IR) over a batch of invoices and writes one Decision per invoice, exactly
// as docs/run-semantics.md says. The JIT must produce the same decisions; tests compare them.
//
// Evaluation strategy: a tight loop over the selection vector (BatchInput::rows). For each row
// the interpreter resets a small per-row state — the step event dates copied from
// SequenceColumns::step_dates (a skip made today overwrites the skipped step's date with today,
// so `at previous + …` sees it) and the `let` memo (a let is evaluated when first read, at most
// once per invoice and day) — then walks the IR tree of each clause it needs, in the order of
// the decision procedure. Buffers are allocated once per evaluate call, not per row. Values are
// small tagged structs (dsl/interp_value.hpp); strings are views into the columns and the IR, so
// evaluation allocates nothing except for string lists.
//
// Semantics shared with the JIT: every operation that rounds, converts currencies, counts
// calendars or can overflow calls the stdlib's JIT-callable functions (stdlib/functions.hpp).
// Evaluation order is fixed: operands left to right, `and`/`or`/`if`
// stop early, `x in [a, b, …]` stops at the first equal item, a call evaluates its arguments
// left to right; the first error wins and becomes the invoice's error for the day, with the
// clause it arose in (the innermost `let` if it arose while computing one). Decision::step is
// set only for Outcome::fire and Outcome::hold. Stdlib statuses map to EvalError as: missing
// rate -> missing_rate, division by zero -> division_by_zero, date out of range -> out_of_range,
// no ECB reference rate (and no late-interest rule configured) -> no_interest_rule, anything
// else -> overflow. Cross-currency `+`/`-` convert the right operand to the left's currency
// (dun_money_add/subtract); comparisons, min and max go through the base currency
// (dun_money_compare).
//
// Ownership and threads: the Interpreter points into the ir::Scenario it was made from, which
// must outlive it. evaluate() is const and keeps no state between calls.
#pragma once

#include <cstdint>
#include <span>

#include "dsl/backend.hpp"
#include "dsl/batch.hpp"
#include "dsl/interp_value.hpp"
#include "dsl/ir.hpp"
#include "stdlib/result.hpp"

namespace dun::dsl {

class Interpreter final : public CompiledScenario {
 public:
  // Fails (a message) when the scenario has more than kMaxSteps steps or names a calendar the
  // stdlib does not know; a scenario the checker accepted otherwise always works.
  static Result<Interpreter> create(const ir::Scenario& scenario);

  void evaluate(const BatchInput& batch, std::span<Decision> decisions) const override;

  // For `dun explain`, action payloads and task texts: one expression of this scenario (a
  // clause, a let, a task placeholder, a recipient) for row `position` of batch.rows, seeing the
  // stored step dates (no skip of today) and computing lets as needed. A failure carries its
  // EvalError, and the let it arose in as its site (0 otherwise).
  Value evaluate_expr(const ir::Expr& expr, const BatchInput& batch, std::uint32_t position) const;

  const ir::Scenario& scenario() const { return *scenario_; }
  std::int32_t calendar_id() const { return calendar_id_; }

 private:
  Interpreter(const ir::Scenario& scenario, std::int32_t calendar_id)
      : scenario_(&scenario), calendar_id_(calendar_id) {}
  const ir::Scenario* scenario_;
  std::int32_t calendar_id_;
};

}  // namespace dun::dsl

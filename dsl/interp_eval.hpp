// Internal to the interpreter: the state of one invoice row during one evaluation, and the
// evaluators of the IR node kinds (one file per concern: interp_expr.cpp dispatches, then
// interp_fields.cpp, interp_arith.cpp, interp_compare.cpp, interp_builtins.cpp).
#pragma once

#include <cstdint>
#include <span>

#include "dsl/batch.hpp"
#include "dsl/interp_value.hpp"
#include "dsl/ir.hpp"

namespace dun::dsl::interp {

// The per-invoice scratch state: what a clause may read besides the portfolio. Owned by the
// caller (one set of buffers per evaluate call, reset for each row).
struct RowContext {
  const BatchInput* batch = nullptr;
  const ir::Scenario* scenario = nullptr;
  std::int32_t calendar_id = 0;  // dun::Calendar::id() of `calendar CC`, 0 = weekends only
  std::uint32_t invoice = 0;     // portfolio invoice row
  std::uint32_t customer = 0;    // portfolio customer row
  // Event dates of the steps as they stand now: the stored ones, plus the skips made earlier
  // the same day (run-semantics.md: a skipped step's event date is today).
  std::span<std::int32_t> step_dates;
  // `let` values, computed when first read (once per invoice and day).
  std::span<Value> let_values;
  std::span<std::uint8_t> let_computed;

  const PortfolioColumns& portfolio() const { return *batch->portfolio; }
  std::int32_t today() const { return batch->today; }
  const RateTable* rates() const { return batch->environment.rates; }
};

// Points `context` at row `position` of the batch: the invoice, its customer, its stored step
// dates, and no let computed yet. The spans must have step_count / let_count entries.
void start_row(RowContext& context, std::uint32_t position);

Value evaluate(const ir::Expr& expr, RowContext& context);

Value read_field(FieldId field, const RowContext& context);
// A custom field of the declared `type`; absent (or a slot the portfolio lacks) is an error.
Value read_custom_field(const ir::CustomFieldRead& node, Type type, const RowContext& context);
Value find_contact(std::string_view role, const RowContext& context);
Value evaluate_unary(const ir::Unary& node, RowContext& context);
Value evaluate_int_to_decimal(const ir::IntToDecimal& node, RowContext& context);
Value evaluate_arith(const ir::Arith& node, RowContext& context);
Value evaluate_compare(const ir::Compare& node, RowContext& context);
Value evaluate_money_sign(const ir::MoneySign& node, RowContext& context);
Value evaluate_in_list(const ir::InList& node, RowContext& context);
Value evaluate_call(const ir::Call& node, RowContext& context);

// Two values of `type` (never money: see below) are equal/ordered: -1, 0 or 1.
int order_of(Type type, const Value& lhs, const Value& rhs);
// Money ordered with dun_money_compare (rates for two currencies); a failure on a missing rate.
Value money_order(const Value& lhs, const Value& rhs, const RowContext& context);
bool holds(ir::CompareOp op, int order);

// A stdlib status (stdlib/functions.hpp) as an evaluation error.
EvalError error_of_status(std::int32_t status);

}  // namespace dun::dsl::interp

namespace dun::dsl::interp {

// docs/run-semantics.md for row `position` of the batch (start_row already called).
Decision decide_row(RowContext& context, std::uint32_t position);

}  // namespace dun::dsl::interp

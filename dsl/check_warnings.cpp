// Warnings about steps that can never fire: an `until` before the `at` (same base date, constant
// offsets), a `when` or `wait until` that is always false; and about later steps timed from such
// a step, whose date is then always the day that step was skipped (language.md §3.1).
#include <string>
#include <vector>

#include "dsl/check_context.hpp"

namespace dun::dsl::check_detail {
namespace {

// A date expression as `base + days + business_days`; base null means an absolute date.
struct DateOffset {
  const ir::Expr* base = nullptr;
  std::int64_t days = 0;
  std::int64_t business_days = 0;
};

DateOffset decompose(const ir::Expr& expr) {
  if (const auto* constant = std::get_if<ir::DateConst>(&expr.node)) {
    return {nullptr, constant->days, 0};
  }
  const auto* arith = std::get_if<ir::Arith>(&expr.node);
  const bool shifts = arith != nullptr && (arith->op == ir::ArithOp::add_date_duration ||
                                           arith->op == ir::ArithOp::subtract_date_duration);
  const auto* duration = shifts ? std::get_if<ir::DurationConst>(&arith->rhs->node) : nullptr;
  if (duration == nullptr) return {&expr, 0, 0};
  DateOffset offset = decompose(*arith->lhs);
  const std::int64_t sign = arith->op == ir::ArithOp::add_date_duration ? 1 : -1;
  switch (duration->value.unit) {
    case ir::DurationUnit::days:
      offset.days += sign * duration->value.count;
      break;
    case ir::DurationUnit::weeks:
      offset.days += sign * 7 * duration->value.count;
      break;
    case ir::DurationUnit::business_days:
      offset.business_days += sign * duration->value.count;
      break;
  }
  return offset;
}

bool same_base(const ir::Expr* a, const ir::Expr* b) {
  if (a == nullptr || b == nullptr) return a == b;
  if (a->node.index() != b->node.index()) return false;
  if (std::holds_alternative<ir::Today>(a->node)) return true;
  if (const auto* field = std::get_if<ir::FieldRead>(&a->node)) {
    return field->field == std::get<ir::FieldRead>(b->node).field;
  }
  if (const auto* step = std::get_if<ir::StepDate>(&a->node)) {
    return step->step_index == std::get<ir::StepDate>(b->node).step_index;
  }
  if (const auto* let = std::get_if<ir::LetRead>(&a->node)) {
    return let->let_index == std::get<ir::LetRead>(b->node).let_index;
  }
  return false;
}

bool always_false(const ir::ExprPtr& condition) {
  const auto* constant = condition ? std::get_if<ir::BoolConst>(&condition->node) : nullptr;
  return constant != nullptr && condition->type == Type::boolean && !constant->value;
}

std::string plural_days(std::int64_t count, std::string_view unit) {
  return std::to_string(count) + " " + std::string(unit) + (count == 1 ? "" : "s");
}

// Why the step can never fire, with where to point; nullopt when it may fire.
std::optional<std::pair<SourcePos, std::string>> never_fires(const ir::Step& step) {
  if (always_false(step.when)) return {{step.when->range.begin, "its 'when' is always false"}};
  if (always_false(step.wait_until)) {
    return {{step.wait_until->range.begin, "its 'wait until' is always false"}};
  }
  if (!step.at || !step.until || step.at->type != Type::date || step.until->type != Type::date) {
    return std::nullopt;
  }
  const DateOffset at = decompose(*step.at);
  const DateOffset until = decompose(*step.until);
  if (!same_base(at.base, until.base)) return std::nullopt;
  // `send on business days` only moves `at` later, so an `until` before it stays before it.
  if (at.business_days == 0 && until.business_days == 0 && until.days < at.days) {
    return {{step.until->range.begin,
             "its 'until' is " + plural_days(at.days - until.days, "day") + " before its 'at'"}};
  }
  if (at.days == 0 && until.days == 0 && until.business_days < at.business_days) {
    return {{step.until->range.begin,
             "its 'until' is " +
                 plural_days(at.business_days - until.business_days, "business day") +
                 " before its 'at'"}};
  }
  return std::nullopt;
}

}  // namespace

void warn_unreachable_steps(Checker& checker, const ast::Scenario& scenario,
                            const ir::Scenario& checked) {
  (void)scenario;
  std::vector<bool> dead(checked.steps.size(), false);
  for (std::size_t k = 0; k < checked.steps.size(); ++k) {
    const ir::Step& step = checked.steps[k];
    if (auto reason = never_fires(step)) {
      dead[k] = true;
      checker.warning(reason->first, "step '" + step.name + "' can never fire: " + reason->second);
    }
    if (!step.at || step.at->type != Type::date) continue;
    const DateOffset at = decompose(*step.at);
    const auto* from = at.base ? std::get_if<ir::StepDate>(&at.base->node) : nullptr;
    if (from != nullptr && dead[from->step_index]) {
      const std::string& earlier = checked.steps[from->step_index].name;
      checker.warning(step.at->range.begin,
                      "step '" + step.name + "' is timed from step '" + earlier +
                          "', which can never fire: its date is always the day '" + earlier +
                          "' is skipped");
    }
  }
}

}  // namespace dun::dsl::check_detail

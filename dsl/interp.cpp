#include "dsl/interp.hpp"

#include <memory>
#include <vector>

#include "dsl/backend_common.hpp"
#include "dsl/interp_eval.hpp"

namespace dun::dsl {
namespace {

// The per-call buffers behind an interp::RowContext.
struct RowBuffers {
  std::vector<std::int32_t> step_dates;
  std::vector<Value> let_values;
  std::unique_ptr<std::uint8_t[]> let_computed;

  explicit RowBuffers(const ir::Scenario& scenario)
      : step_dates(scenario.steps.size(), kNoDate),
        let_values(scenario.lets.size()),
        let_computed(std::make_unique<std::uint8_t[]>(scenario.lets.size())) {}

  interp::RowContext context(const ir::Scenario& scenario, const BatchInput& batch,
                             std::int32_t calendar_id) {
    interp::RowContext context;
    context.batch = &batch;
    context.scenario = &scenario;
    context.calendar_id = calendar_id;
    context.step_dates = step_dates;
    context.let_values = let_values;
    context.let_computed = std::span<std::uint8_t>(let_computed.get(), scenario.lets.size());
    return context;
  }
};

}  // namespace

Result<Interpreter> Interpreter::create(const ir::Scenario& scenario) {
  if (auto limit = check_step_limit(scenario); !limit) return limit.error();
  auto calendar = scenario_calendar(scenario);
  if (!calendar) return calendar.error();
  return Interpreter(scenario, calendar->id());
}

void Interpreter::evaluate(const BatchInput& batch, std::span<Decision> decisions) const {
  RowBuffers buffers(*scenario_);
  interp::RowContext context = buffers.context(*scenario_, batch, calendar_id_);
  const std::uint32_t count = rows_to_decide(batch, decisions);
  for (std::uint32_t position = 0; position < count; ++position) {
    interp::start_row(context, position);
    decisions[position] = interp::decide_row(context, position);
  }
}

Value Interpreter::evaluate_expr(const ir::Expr& expr, const BatchInput& batch,
                                 std::uint32_t position) const {
  RowBuffers buffers(*scenario_);
  interp::RowContext context = buffers.context(*scenario_, batch, calendar_id_);
  interp::start_row(context, position);
  return interp::evaluate(expr, context);
}

}  // namespace dun::dsl

// The customer's view of a scenario (language.md §3.2): `group by customer`, the contact limits
// `at most N email|letter every D days` and a step's `repeat every D days [at most K times]`.
// Errors: a repeat on a step that is not the last, two limits for one channel, a count or a number
// of days below 1. Warning: a `catch up` shorter than a limit's window (a held step would be
// skipped as late before the limit lets it go).
#include <string>

#include "dsl/check_context.hpp"

namespace dun::dsl::check_detail {
namespace {

std::string channel_word(Channel channel) {
  return channel == Channel::letter ? "letter" : "email";
}

// False (with the error) when `value` is below 1.
bool at_least_one(Checker& checker, std::int64_t value, SourceRange where, std::string what,
                  std::string fix) {
  if (value >= 1) return true;
  checker.error(where.begin,
                what + " must be 1 or more, got " + std::to_string(value) + "; " + std::move(fix));
  return false;
}

void check_limits(Checker& checker, const ast::Scenario& scenario, ir::Scenario& result) {
  const ast::ContactLimit* first_of[2] = {nullptr, nullptr};  // email, letter
  for (const ast::ContactLimit& limit : scenario.limits) {
    const std::string channel = channel_word(limit.channel);
    const ast::ContactLimit*& first = first_of[limit.channel == Channel::letter ? 1 : 0];
    if (first != nullptr) {
      checker.error(limit.range.begin,
                    "a second contact limit for " + channel + " (the first is at line " +
                        std::to_string(first->range.begin.line) +
                        "); a channel has at most one limit: keep one 'at most N " + channel +
                        " every D days'");
      continue;
    }
    first = &limit;
    if (!limit.count || !limit.days) continue;  // the parser reported the number
    const bool count_ok =
        at_least_one(checker, *limit.count, limit.count_range, "the number of " + channel + "s",
                     "to send no " + channel + " at all, remove the " + channel + " actions");
    const bool days_ok = at_least_one(checker, *limit.days, limit.days_range,
                                      "the window of the " + channel + " limit",
                                      "write 'every 1 days' for a limit per day");
    if (!count_ok || !days_ok) continue;
    result.limits.push_back({limit.channel, *limit.count, *limit.days});
    if (result.catch_up_days < *limit.days) {
      checker.warning(limit.range.begin,
                      "'catch up " + std::to_string(result.catch_up_days) +
                          " days' is shorter than the " + std::to_string(*limit.days) +
                          "-day window of this " + channel +
                          " limit: a step it holds may be skipped as late before the limit "
                          "lets it go; write 'catch up " +
                          std::to_string(*limit.days) + " days' or more");
    }
  }
}

}  // namespace

void check_customer_view(Checker& checker, const ast::Scenario& scenario, ir::Scenario& result) {
  result.group_by_customer = scenario.group_by_customer.has_value();
  check_limits(checker, scenario, result);
}

std::optional<ir::Repeat> check_repeat(Checker& checker, const ast::Scenario& scenario,
                                       std::size_t step_index) {
  const ast::Step& step = scenario.steps[step_index];
  if (!step.repeat) return std::nullopt;
  const ast::Repeat& repeat = *step.repeat;
  if (step_index + 1 != scenario.steps.size()) {
    checker.error(repeat.range.begin, "'repeat' is allowed on the last step only ('" +
                                          scenario.steps.back().name.text + "'), not on step '" +
                                          step.name.text + "'; move it to the last step or make '" +
                                          step.name.text + "' the last");
    return std::nullopt;
  }
  if (!repeat.every_days) return std::nullopt;  // the parser reported the number
  ir::Repeat checked;
  checked.every_days = *repeat.every_days;
  bool ok =
      at_least_one(checker, *repeat.every_days, repeat.every_range, "the days between repetitions",
                   "write 'repeat every 1 days' to repeat daily");
  if (repeat.max_times) {
    checked.max_times = *repeat.max_times;
    ok &= at_least_one(checker, *repeat.max_times, repeat.max_times_range,
                       "the number of repetitions", "remove 'repeat' to send the step once");
  }
  if (!ok) return std::nullopt;
  return checked;
}

}  // namespace dun::dsl::check_detail

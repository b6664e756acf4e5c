// Scenario structure (language.md §2): options, names (duplicates, reserved words), the typing
// of every clause, and the assembly of the ir::Scenario.
#include <string>
#include <vector>

#include "dsl/check_context.hpp"
#include "stdlib/calendar.hpp"

namespace dun::dsl::check_detail {
namespace {

// Names with a meaning of their own in expressions: a let or step of that name would hide it.
constexpr std::string_view kReservedNames[] = {"today",   "previous", "collector",
                                               "invoice", "customer", "company"};

bool is_reserved(std::string_view name) {
  for (std::string_view reserved : kReservedNames) {
    if (reserved == name) return true;
  }
  return false;
}

std::string line_of(const ast::Name& name) { return std::to_string(name.range.begin.line); }

void check_calendar(Checker& checker, const ast::Name& calendar) {
  if (is_known_calendar(calendar.text)) return;
  checker.error(calendar.range.begin,
                "unknown calendar '" + calendar.text + "'" +
                    suggest_or_list(calendar.text, calendar_codes(), "built-in calendars"));
}

// Duplicate and reserved names among the scenario's lets and steps. Returns, per let, whether
// its name was refused (no "never used" warning for it then: the error says enough).
std::vector<bool> check_declared_names(Checker& checker, const ast::Scenario& scenario) {
  std::vector<bool> refused(scenario.lets.size(), false);
  for (std::size_t i = 0; i < scenario.lets.size(); ++i) {
    const ast::Name& name = scenario.lets[i].name;
    refused[i] = true;
    if (is_reserved(name.text)) {
      checker.error(name.range.begin, "let '" + name.text + "' hides the built-in name '" +
                                          name.text + "'; choose another name");
      continue;
    }
    bool duplicate = false;
    for (std::size_t j = 0; j < i && !duplicate; ++j) {
      if (scenario.lets[j].name.text == name.text) {
        checker.error(name.range.begin, "duplicate let '" + name.text +
                                            "' (first declared at line " +
                                            line_of(scenario.lets[j].name) + ")");
        duplicate = true;
      }
    }
    for (const ast::Step& step : scenario.steps) {
      if (!duplicate && step.name.text == name.text) {
        checker.error(name.range.begin, "let '" + name.text + "' has the same name as step '" +
                                            name.text + "' (line " + line_of(step.name) + ")");
        duplicate = true;
      }
    }
    refused[i] = duplicate;
  }
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    const ast::Name& name = scenario.steps[i].name;
    if (is_reserved(name.text)) {
      checker.error(name.range.begin, "step '" + name.text + "' hides the built-in name '" +
                                          name.text + "'; choose another name");
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (scenario.steps[j].name.text == name.text) {
        checker.error(name.range.begin, "duplicate step '" + name.text +
                                            "' (first declared at line " +
                                            line_of(scenario.steps[j].name) + ")");
        break;
      }
    }
  }
  return refused;
}

}  // namespace

// Defined in check_actions.cpp.
ir::Action check_action(Checker& checker, const ast::Action& action, const Scope& scope);

std::optional<ir::Scenario> Checker::check_scenario(const ast::Scenario& scenario) {
  const std::size_t errors_before = error_count();
  ir::Scenario result;
  result.name = scenario.name.text;
  result.title = scenario.title.value;
  result.custom_fields = options().fields.custom_signature();
  result.range = scenario.range;
  if (scenario.calendar) {
    check_calendar(*this, *scenario.calendar);
    result.calendar = scenario.calendar->text;
  }
  result.send_on_business_days = scenario.send_on_business_days.has_value();
  if (scenario.catch_up_days) {
    if (*scenario.catch_up_days < 0) {
      error(scenario.catch_up_range.begin,
            "'catch up' must be 0 days or more, got " + std::to_string(*scenario.catch_up_days));
    }
    result.catch_up_days = *scenario.catch_up_days;
  }
  check_customer_view(*this, scenario, result);
  const std::vector<bool> refused_lets = check_declared_names(*this, scenario);

  let_types.assign(scenario.lets.size(), Type::error);
  let_used.assign(scenario.lets.size(), false);
  for (std::size_t i = 0; i < scenario.lets.size(); ++i) {
    const Scope scope{&scenario, i, std::nullopt};
    ir::ExprPtr value = check_expr(scenario.lets[i].value.get(), scope);
    let_types[i] = value->type;
    result.lets.push_back({scenario.lets[i].name.text, std::move(value)});
  }

  const Scope scenario_scope{&scenario, std::nullopt, std::nullopt};
  auto optional_condition = [&](const ast::ExprPtr& clause, std::string_view name) {
    return clause ? check_typed(clause.get(), scenario_scope, Type::boolean, name) : nullptr;
  };
  result.applies = optional_condition(scenario.applies, "'applies when'");
  result.pause = optional_condition(scenario.pause, "'pause when'");
  result.stop = optional_condition(scenario.stop, "'stop when'");

  for (std::size_t k = 0; k < scenario.steps.size(); ++k) {
    const ast::Step& step = scenario.steps[k];
    const Scope scope{&scenario, std::nullopt, k};
    ir::Step checked;
    checked.name = step.name.text;
    checked.range = step.range;
    // A clause missing after a syntax error was already reported by the parser: a syntax error
    // anywhere from this step to the next may have swallowed it.
    const SourceRange extent{step.range.begin, k + 1 < scenario.steps.size()
                                                   ? scenario.steps[k + 1].range.begin
                                                   : scenario.range.end};
    const bool parser_complained =
        step.incomplete || scenario.incomplete || has_error_within(extent);
    if (step.at) {
      checked.at = check_typed(step.at.get(), scope, Type::date, "'at'");
    } else if (!parser_complained) {
      error(step.name.range.begin,
            "step '" + step.name.text + "' has no 'at' clause (the date it becomes due)");
    }
    if (step.until) checked.until = check_typed(step.until.get(), scope, Type::date, "'until'");
    if (step.when) checked.when = check_typed(step.when.get(), scope, Type::boolean, "'when'");
    if (step.wait_until) {
      checked.wait_until = check_typed(step.wait_until.get(), scope, Type::boolean, "'wait until'");
    }
    if (step.actions.empty() && !parser_complained) {
      error(step.name.range.begin,
            "step '" + step.name.text + "' has no action (email, letter or task)");
    }
    for (const ast::Action& action : step.actions) {
      checked.actions.push_back(check_action(*this, action, scope));
    }
    checked.repeat = check_repeat(*this, scenario, k);
    result.steps.push_back(std::move(checked));
  }

  for (std::size_t i = 0; i < scenario.lets.size(); ++i) {
    // A let whose value did not parse, or a scenario partly skipped, may have lost its uses.
    const bool lost =
        scenario.incomplete || !scenario.lets[i].value || has_error_within(scenario.lets[i].range);
    if (!let_used[i] && !refused_lets[i] && !lost) {
      warning(scenario.lets[i].name.range.begin,
              "let '" + scenario.lets[i].name.text + "' is never used");
    }
  }
  warn_unreachable_steps(*this, scenario, result);
  if (error_count() != errors_before) return std::nullopt;
  return result;
}

}  // namespace dun::dsl::check_detail

// Name resolution (language.md §5): `today`, `collector`, `previous`, lets (visible after their
// declaration), the event dates of earlier steps, and `object.field` from the field catalogue.
#include <string>
#include <vector>

#include "dsl/check_context.hpp"
#include "stdlib/suggest.hpp"

namespace dun::dsl::check_detail {
namespace {

std::string test_data_message(std::string_view what) {
  return "test data must be a literal value (a date, an amount), not '" + std::string(what) + "'";
}

std::optional<std::size_t> find_let(const ast::Scenario& scenario, std::string_view name) {
  for (std::size_t i = 0; i < scenario.lets.size(); ++i) {
    if (scenario.lets[i].name.text == name) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> find_step(const ast::Scenario& scenario, std::string_view name) {
  for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
    if (scenario.steps[i].name.text == name) return i;
  }
  return std::nullopt;
}

}  // namespace

ir::ExprPtr Checker::check_name(const ast::Expr& expr, const ast::NameRef& name,
                                const Scope& scope) {
  const SourcePos pos = expr.range.begin;
  if (scope.scenario == nullptr) {
    error(pos, test_data_message(name.name));
    return make_error(expr.range);
  }
  const ast::Scenario& scenario = *scope.scenario;
  if (name.name == "today") return make_expr(Type::date, expr.range, ir::Today{});
  if (name.name == "collector") {
    return make_expr(Type::contact, expr.range, ir::FieldRead{FieldId::collector});
  }
  if (name.name == "previous") {
    if (!scope.step_index) {
      error(pos, "'previous' can only be used inside a step (it is the date of the step before)");
      return make_error(expr.range);
    }
    if (*scope.step_index == 0) {
      error(pos, "'previous' in the first step: there is no step before '" +
                     scenario.steps[0].name.text + "'");
      return make_error(expr.range);
    }
    const auto before = static_cast<std::uint32_t>(*scope.step_index - 1);
    return make_expr(Type::date, expr.range, ir::StepDate{before});
  }
  const std::optional<std::size_t> let = find_let(scenario, name.name);
  const std::optional<std::size_t> step = find_step(scenario, name.name);
  // A let named like a step is already an error; resolving it either way would mislead.
  if (let && step) return make_error(expr.range);
  if (let) {
    const ast::Let& declaration = scenario.lets[*let];
    if (scope.let_index == let) {
      error(pos, "let '" + name.name + "' refers to itself");
      return make_error(expr.range);
    }
    if (declaration.range.end.offset > pos.offset) {
      error(pos, "let '" + name.name + "' is used before its declaration (line " +
                     std::to_string(declaration.name.range.begin.line) + ")");
      return make_error(expr.range);
    }
    let_used[*let] = true;
    if (let_types[*let] == Type::error) return make_error(expr.range);
    return make_expr(let_types[*let], expr.range, ir::LetRead{static_cast<std::uint32_t>(*let)});
  }
  if (step) {
    if (!scope.step_index) {
      error(pos, "the date of step '" + name.name + "' can only be used inside a later step");
      return make_error(expr.range);
    }
    const std::string& current = scenario.steps[*scope.step_index].name.text;
    if (*step == *scope.step_index) {
      error(pos, "step '" + current +
                     "' refers to its own date; a step can only use the dates of earlier steps");
      return make_error(expr.range);
    }
    if (*step > *scope.step_index) {
      error(pos, "step '" + current + "' refers to step '" + name.name +
                     "', which comes later; a step can only use the dates of earlier steps");
      return make_error(expr.range);
    }
    return make_expr(Type::date, expr.range, ir::StepDate{static_cast<std::uint32_t>(*step)});
  }
  if (options().fields.is_object(name.name)) {
    error(pos, "'" + name.name + "' needs a field, like '" + name.name +
                   (name.name == "invoice" ? ".balance'" : ".name'"));
    return make_error(expr.range);
  }
  // Part of the scenario was skipped after a syntax error: the name may be declared there.
  if (scenario.incomplete) return make_error(expr.range);
  std::vector<std::string_view> candidates = {"today", "collector"};
  if (scope.step_index) candidates.push_back("previous");
  for (const ast::Let& declared : scenario.lets) candidates.push_back(declared.name.text);
  for (const ast::Step& declared : scenario.steps) candidates.push_back(declared.name.text);
  std::string message = "unknown name '" + name.name + "'";
  if (auto close = closest_match(name.name, candidates))
    message += "; did you mean '" + *close + "'?";
  error(pos, std::move(message));
  return make_error(expr.range);
}

ir::ExprPtr Checker::check_field(const ast::Expr& expr, const ast::FieldRef& field,
                                 const Scope& scope) {
  const std::string written = field.object + "." + field.field;
  if (scope.scenario == nullptr) {
    error(expr.range.begin, test_data_message(written));
    return make_error(expr.range);
  }
  const FieldTable& table = options().fields;
  if (const FieldEntry* entry = table.find(field.object, field.field);
      entry != nullptr && !field.field.empty()) {
    if (entry->templates_only) {
      error(expr.range.begin, "'" + written + "' is only available in templates");
      return make_error(expr.range);
    }
    if (entry->custom_slot) {
      return make_expr(entry->type, expr.range,
                       ir::CustomFieldRead{*entry->custom_slot, entry->object == "customer",
                                           entry->qualified_name()});
    }
    return make_expr(entry->type, expr.range, ir::FieldRead{*entry->builtin});
  }
  std::vector<std::string> names;
  const bool object_known = table.is_object(field.object);
  for (const FieldEntry& entry : table.entries()) {
    if (entry.templates_only || entry.name.empty()) continue;
    if (object_known && entry.object != field.object) continue;
    names.push_back(entry.qualified_name());
  }
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  std::string message = "unknown field '" + written + "'";
  if (auto close = closest_match(written, candidates)) {
    message += "; did you mean '" + *close + "'?";
  } else {
    if (object_known) {
      message += " (" + field.object + " has:";
      for (std::size_t i = 0; i < names.size(); ++i) {
        message += (i == 0 ? " " : ", ") + names[i].substr(field.object.size() + 1);
      }
      message += ")";
    } else {
      message += " (fields start with 'invoice.', 'customer.' or 'collector.')";
    }
  }
  const bool field_range_known = field.field_range.end.offset > field.field_range.begin.offset;
  error(object_known && field_range_known ? field.field_range.begin : expr.range.begin,
        std::move(message));
  return make_error(expr.range);
}

}  // namespace dun::dsl::check_detail

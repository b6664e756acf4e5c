// Scenarios, steps and actions: parse-tree nodes of grammar.hpp → ast::Scenario.
#include "dsl/grammar.hpp"
#include "dsl/parse.hpp"
#include "dsl/tree_builder.hpp"

namespace dun::dsl {

namespace g = grammar;

ast::File TreeBuilder::file(const Node& root) {
  ast::File file;
  for (const auto& child : root.children) {
    if (child->is_type<g::scenario_block>()) file.scenarios.push_back(scenario(*child));
    if (child->is_type<g::test_block>()) file.tests.push_back(test(*child));
  }
  return file;
}

ast::Scenario TreeBuilder::scenario(const Node& node) {
  ast::Scenario scenario;
  scenario.range = range(node);
  for (const auto& child : node.children) scenario_member(*child, scenario);
  return scenario;
}

void TreeBuilder::scenario_member(const Node& node, ast::Scenario& scenario) {
  // Scenario options come before the first step (language.md §2).
  const auto before_steps = [&](std::string_view option) {
    if (scenario.steps.empty()) return true;
    error_at(node,
             "'" + std::string(option) + "' is a scenario option: move it before the first step");
    return false;
  };
  const auto once_expr = [&](ast::ExprPtr& slot, std::string_view what) {
    if (slot) return report_twice(node, what, slot->range.begin.line);
    slot = value_expr(node);
  };
  if (node.is_type<g::scenario_name>()) {
    scenario.name = name(node);
  } else if (node.is_type<g::scenario_title>()) {
    scenario.title = text(node);
  } else if (node.is_type<g::calendar_option>()) {
    if (!before_steps("calendar")) return;
    if (scenario.calendar) {
      return report_twice(node, "'calendar'", scenario.calendar->range.begin.line);
    }
    scenario.calendar = name(*node.children.front());
  } else if (node.is_type<g::send_option>()) {
    if (!before_steps("send on business days")) return;
    if (scenario.send_on_business_days) {
      return report_twice(node, "'send on business days'",
                          scenario.send_on_business_days->begin.line);
    }
    scenario.send_on_business_days = range(node);
  } else if (node.is_type<g::catch_up_option>()) {
    if (!before_steps("catch up")) return;
    if (scenario.catch_up_days) {
      return report_twice(node, "'catch up'", scenario.catch_up_range.begin.line);
    }
    if (const Node* count = child_of<g::integer_raw>(node))
      scenario.catch_up_days = integer(*count);
    scenario.catch_up_range = range(node);
  } else if (node.is_type<g::group_option>()) {
    if (!before_steps("group by customer")) return;
    if (scenario.group_by_customer) {
      return report_twice(node, "'group by customer'", scenario.group_by_customer->begin.line);
    }
    scenario.group_by_customer = range(node);
  } else if (node.is_type<g::limit_option>()) {
    if (!before_steps("at most")) return;
    scenario.limits.push_back(contact_limit(node));
  } else if (node.is_type<g::applies_clause>()) {
    once_expr(scenario.applies, "'applies when'");
  } else if (node.is_type<g::pause_clause>()) {
    once_expr(scenario.pause, "'pause when'");
  } else if (node.is_type<g::stop_clause>()) {
    once_expr(scenario.stop, "'stop when'");
  } else if (node.is_type<g::let_decl>() && node.children.size() == 2) {
    scenario.lets.push_back({name(*node.children.front()), value_expr(node), range(node)});
  } else if (node.is_type<g::step_decl>()) {
    scenario.steps.push_back(step(node));
  } else if (node.is_type<g::recovered>()) {
    scenario.incomplete = true;
  } else if (node.is_type<g::kw_end_raw>()) {
    scenario.range.end = range(node).end;
  }
}

ast::Step TreeBuilder::step(const Node& node) {
  ast::Step step;
  step.range = range(node);
  const auto clause = [&](ast::ExprPtr& slot, const Node& child, std::string_view what) {
    if (slot) return report_twice(child, what, slot->range.begin.line);
    slot = value_expr(child);
  };
  for (const auto& child : node.children) {
    if (child->is_type<g::step_name>()) step.name = name(*child);
    if (child->is_type<g::at_clause>()) clause(step.at, *child, "'at'");
    if (child->is_type<g::until_clause>()) clause(step.until, *child, "'until'");
    if (child->is_type<g::when_clause>()) clause(step.when, *child, "'when'");
    if (child->is_type<g::wait_clause>()) clause(step.wait_until, *child, "'wait until'");
    if (child->is_type<g::email_action>()) step.actions.push_back(action(*child, Channel::email));
    if (child->is_type<g::letter_action>()) {
      step.actions.push_back(action(*child, Channel::letter));
    }
    if (child->is_type<g::task_action>()) step.actions.push_back(action(*child, Channel::task));
    if (child->is_type<g::repeat_clause>()) {
      if (step.repeat) {
        report_twice(*child, "'repeat'", step.repeat->range.begin.line);
      } else {
        step.repeat = repeat(*child);
      }
    }
    if (child->is_type<g::recovered>()) step.incomplete = true;
  }
  return step;
}

// The two numbers of `at most N CHANNEL every D days` are its integer leaves, in order.
ast::ContactLimit TreeBuilder::contact_limit(const Node& node) {
  ast::ContactLimit limit;
  limit.range = range(node);
  std::vector<const Node*> numbers;
  for (const auto& child : node.children) {
    if (child->is_type<g::integer_raw>()) numbers.push_back(child.get());
    if (child->is_type<g::limit_channel>()) {
      limit.channel = name(*child).text == "letter" ? Channel::letter : Channel::email;
    }
  }
  if (!numbers.empty()) {
    limit.count = integer(*numbers[0]);
    limit.count_range = range(*numbers[0]);
  }
  if (numbers.size() > 1) {
    limit.days = integer(*numbers[1]);
    limit.days_range = range(*numbers[1]);
  }
  return limit;
}

ast::Repeat TreeBuilder::repeat(const Node& node) {
  ast::Repeat repeat;
  repeat.range = range(node);
  for (const auto& child : node.children) {
    if (child->is_type<g::integer_raw>()) {
      repeat.every_days = integer(*child);
      repeat.every_range = range(*child);
    }
    if (child->is_type<g::repeat_bound>()) {
      if (const Node* count = child_of<g::integer_raw>(*child)) {
        repeat.max_times = integer(*count);
        repeat.max_times_range = range(*count);
      }
    }
  }
  return repeat;
}

ast::Action TreeBuilder::action(const Node& node, Channel channel) {
  ast::Action action;
  action.range = range(node);
  action.channel = channel;
  std::optional<SourcePos> to, copy, grouped, confirm, assign, due, postage;
  for (const auto& child : node.children) {
    const Node& option = *child;
    if (option.is_type<g::template_name>() || option.is_type<g::letter_template_name>() ||
        option.is_type<g::task_text>()) {
      action.text = text(option);
      if (channel == Channel::task) task_placeholders(option, action);
    } else if (option.is_type<g::letter_type>()) {
      // The grammar admits only the three words of a letter type.
      action.letter_type = parse_letter_type(name(option).text).value_or(LetterType::standard);
    } else if (option.is_type<g::postage_option>()) {
      const Node* value = child_of<g::postage_value>(option);
      if (once(postage, option, "'postage'") && value) {
        // The grammar admits only the three words of a postage.
        action.postage = parse_postage(name(*value).text);
        action.postage_range = range(option);
      }
    } else if (option.is_type<g::to_option>()) {
      if (once(to, option, "'to'")) action.to = value_expr(option);
    } else if (option.is_type<g::copy_option>()) {
      if (once(copy, option, "'copy'")) action.copy = value_expr(option);
    } else if (option.is_type<g::assign_option>()) {
      if (once(assign, option, "'assign'")) action.assign = value_expr(option);
    } else if (option.is_type<g::grouped_flag>()) {
      once(grouped, option, "'grouped'");
      action.grouped = true;
    } else if (option.is_type<g::confirm_flag>()) {
      once(confirm, option, "'confirm'");
      action.confirm = true;
    } else if (option.is_type<g::due_option>()) {
      const Node* count = child_of<g::integer_raw>(option);
      if (once(due, option, "'due'") && count) action.due_days = integer(*count);
    }
  }
  return action;
}

// `{…}` in a task text: each is an expression, parsed where it stands in the file so that its
// errors point inside the string. `\{` is a literal brace.
void TreeBuilder::task_placeholders(const Node& text_node, ast::Action& action) {
  const Node* raw = child_of<g::string_raw>(text_node);
  if (raw == nullptr) return;
  const std::string_view quoted = raw->string_view();
  const std::size_t base = raw->m_begin.byte;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] == '\\') {
      ++i;
      continue;
    }
    if (quoted[i] == '}') {
      error(base + i, "'}' without '{' in the task text; write \\} for a brace");
      continue;
    }
    if (quoted[i] != '{') continue;
    const std::size_t close = quoted.find('}', i + 1);
    if (close == std::string_view::npos) {
      error(base + i, "'{' without '}' in the task text; close the placeholder or write \\{");
      return;
    }
    const std::string_view inside = quoted.substr(i + 1, close - i - 1);
    const SourceRange braces{pos(base + i), pos(base + close + 1)};
    if (inside.find_first_not_of(" \t") == std::string_view::npos) {
      error(base + i,
            "empty placeholder '{}' in the task text; put a value in it, like "
            "{invoice.number}");
    } else if (auto value = parse_placeholder(file_, base + i + 1, base + close, diagnostics_)) {
      action.placeholders.push_back({std::move(value), braces});
    }
    i = close;
  }
}

}  // namespace dun::dsl

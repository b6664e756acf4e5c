#include "engine/scenario_tests/test_outcome.hpp"

#include "engine/model/repetition_name.hpp"

namespace dun {
namespace {

std::string describe(const dsl::TestExpectation& expected) {
  std::string text(to_string(expected.channel));
  if (expected.letter_type) text += " " + std::string(to_string(*expected.letter_type));
  return text + " \"" + expected.text + "\"";
}

bool task_text_matches(const EmittedAction& action, const std::string& text,
                       std::span<const std::pair<std::string, std::string>> task_sources) {
  if (action.text == text) return true;
  for (const auto& [step, source] : task_sources) {
    if (step == action.step && source == text) return true;
  }
  return false;
}

bool matches(const dsl::TestExpectation& expected, const EmittedAction& action,
             std::span<const std::pair<std::string, std::string>> task_sources) {
  if (expected.channel != action.channel) return false;
  if (expected.letter_type && *expected.letter_type != action.letter_type) return false;
  if (action.channel == Channel::task)
    return task_text_matches(action, expected.text, task_sources);
  return action.text == expected.text;
}

std::string list_of(std::span<const EmittedAction> emitted) {
  if (emitted.empty()) return "nothing";
  std::string text;
  for (const EmittedAction& action : emitted) {
    if (!text.empty()) text += "; ";
    text += describe(action);
  }
  return text;
}

}  // namespace

std::string describe(const EmittedAction& action) {
  std::string text(to_string(action.channel));
  if (action.letter_type) text += " " + std::string(to_string(*action.letter_type));
  text += " \"" + action.text + "\" (step " + repetition_name(action.step, action.repetition);
  for (const std::string& invoice : action.invoices) text += ", " + invoice;
  if (action.status == ActionStatus::pending_confirmation) text += ", awaiting confirmation";
  if (action.mode == ActionMode::confirm && action.status == ActionStatus::queued)
    text += ", confirmed";
  return text + ")";
}

std::vector<TestFailure> compare_day(
    Date date, std::span<const dsl::TestDayEvent* const> expectations,
    std::span<const EmittedAction> emitted,
    std::span<const std::pair<std::string, std::string>> task_sources) {
  std::vector<TestFailure> failures;
  if (expectations.empty()) return failures;
  const std::string on = "on " + date.to_string() + ": ";
  std::vector<bool> used(emitted.size(), false);
  bool any_action_expected = false;
  bool any_unmet = false;
  for (const dsl::TestDayEvent* event : expectations) {
    if (!event->expected) {
      if (!emitted.empty()) {
        failures.push_back({event->line, date, on + "expected nothing, got " + list_of(emitted)});
      }
      continue;
    }
    any_action_expected = true;
    bool met = false;
    for (std::size_t i = 0; i < emitted.size() && !met; ++i) {
      if (used[i] || !matches(*event->expected, emitted[i], task_sources)) continue;
      used[i] = true;
      met = true;
    }
    if (!met) {
      any_unmet = true;
      failures.push_back(
          {event->line, date,
           on + "expected " + describe(*event->expected) + ", got " + list_of(emitted)});
    }
  }
  // Actions nobody expected, on a day whose expectations list actions, at the day's first
  // `expect` line. A day with an unmet expectation has listed them all already ("got …").
  if (!any_action_expected || any_unmet) return failures;
  for (std::size_t i = 0; i < emitted.size(); ++i) {
    if (used[i]) continue;
    failures.push_back({expectations.front()->line, date,
                        on + "unexpected " + describe(emitted[i]) +
                            " (add an 'expect' for it, or fix the scenario)"});
  }
  return failures;
}

}  // namespace dun

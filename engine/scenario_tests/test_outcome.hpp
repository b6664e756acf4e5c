// What a scenario test observes each day and how it is judged (docs/scenario-tests.md): the
// actions emitted that day, compared with the day's `expect` lines. Value types and a pure
// comparison: thread-safe, nothing kept.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dsl/test_case.hpp"
#include "engine/model/action.hpp"
#include "stdlib/date.hpp"

namespace dun {

// One failed expectation (or a run that went wrong), at the line of the test file to look at.
struct TestFailure {
  std::uint32_t line = 0;
  std::optional<Date> date;
  std::string message;
};

// An action emitted on a test day: created by the run (queued, awaiting confirmation, or an open
// task), or executed by a confirmation that day.
struct EmittedAction {
  std::string action_id;
  std::string step;
  Channel channel = Channel::email;
  std::optional<LetterType> letter_type;
  std::string text;  // the template, or the task's rendered text
  ActionMode mode = ActionMode::automatic;
  ActionStatus status = ActionStatus::queued;
  std::vector<std::string> invoices;
  int repetition = 0;  // of a `repeat` step (language.md §3.2): shown as `final #2`
};

// `email "first_reminder" (step first, INV-1)`, `email "final_reminder" (step final #2, INV-1)`,
// `letter registered "formal_notice" (step formal, INV-1, awaiting confirmation)`.
std::string describe(const EmittedAction& action);

// Compares one day's actions with that day's expectations (`expect …` events, in source order):
// every expectation must be met by an action of its own, and on a day with expectations every
// action must be expected; `expect nothing` allows no action. An unmet expectation lists the
// day's actions, so unexpected ones are reported on their own only when every expectation is met.
// `task_sources` lets an `expect task` quote the scenario's text with its placeholders instead of
// the rendered one.
std::vector<TestFailure> compare_day(
    Date date, std::span<const dsl::TestDayEvent* const> expectations,
    std::span<const EmittedAction> emitted,
    std::span<const std::pair<std::string, std::string>> task_sources);

}  // namespace dun

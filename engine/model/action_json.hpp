// The JSON forms of data-model.md: one action (a line of the jsonl adapter) and one agenda task
// (an element of `dun agenda list --json`). Field order is the documented one; strings are escaped
// as JSON requires and non-ASCII text stays UTF-8 (invalid UTF-8 bytes become U+FFFD, so the
// output is always valid JSON).
//
// Pure functions: they return new strings, keep no reference to their arguments, and are safe
// from any number of threads at once.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/model/action.hpp"
#include "engine/model/task.hpp"
#include "stdlib/result.hpp"

namespace dun {

// {"id":…,"date":…,"scenario":…,"step":…,"channel":…,"letter_type":…,"mode":…,"customer":…,
//  "invoices":[…],"template":…,"language":…,"to":…,"copy":[…],"status":…} on one line.
// "date" is the action's status_on; letter_type is null unless a letter; template, language and
// to are null when empty (a task has neither template nor recipient).
std::string action_to_json(const Action& action);

// {"id":12,"kind":…,"status":…,"created":…,"scenario":…,"step":…,"customer":…,"invoices":[…],
//  "action_id":…,"assignee":…,"text":…}; assignee is null when unassigned.
std::string task_to_json(const Task& task);
// A JSON array of tasks, one per line, as `dun agenda list --json` prints it.
std::string tasks_to_json(std::span<const Task> tasks);

// A JSON array of strings (how the store keeps invoice and copy lists) and back; the way back
// fails on anything but a JSON array of strings.
std::string string_list_to_json(std::span<const std::string> items);
Result<std::vector<std::string>> string_list_from_json(std::string_view text);

}  // namespace dun

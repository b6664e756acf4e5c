// The agenda's tasks: a confirm-task holds a `confirm` action until a collector confirms or
// cancels it; a manual task (`task "…"`) waits until it is completed or cancelled.
//
// A Task is a plain value that owns its text; nothing synchronises it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/date.hpp"

namespace dun {

enum class TaskKind { confirm, task };
enum class TaskStatus { open, confirmed, completed, cancelled };

std::string_view to_string(TaskKind kind);
std::string_view to_string(TaskStatus status);
std::optional<TaskKind> parse_task_kind(std::string_view text);
std::optional<TaskStatus> parse_task_status(std::string_view text);

struct Task {
  std::int64_t id = 0;  // given by the store when the task is created
  TaskKind kind = TaskKind::confirm;
  TaskStatus status = TaskStatus::open;
  Date created_on;
  std::string scenario;
  std::string step;
  std::string customer;
  std::vector<std::string> invoices;  // sorted
  std::string action_id;
  std::string assignee;
  std::string text;
  std::optional<Date> due_on;
  std::optional<Date> closed_on;
  std::string closed_by;
  std::string note;  // e.g. "settled" for a task the run cancelled
};

}  // namespace dun

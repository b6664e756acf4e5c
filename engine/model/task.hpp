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

// Which tasks a listing or a bulk change selects (`dun agenda list` and its filters, the
// workspace's agenda page). Every field left empty matches every task; dates compare strictly
// (created_before D: created on a day before D). after_id and limit page through the selection in
// id order (keyset pagination: the next page starts after the last id shown).
struct TaskFilter {
  bool open_only = true;
  std::optional<std::string> customer;
  std::optional<std::string> assignee;
  std::optional<std::string> step;
  std::optional<std::string> scenario;
  std::optional<TaskKind> kind;
  std::optional<Date> created_before;
  std::optional<Date> created_after;
  std::int64_t after_id = 0;
  std::int64_t limit = -1;  // -1: no limit

  // True when nothing but open_only and the paging is set: the whole agenda.
  bool selects_everything() const {
    return !customer && !assignee && !step && !scenario && !kind && !created_before &&
           !created_after;
  }
};

}  // namespace dun

// The text form of the action, task and delivery enums: the words of the JSON form, of the
// store's CHECK constraints and of its history events, which must agree.
#include <array>

#include "engine/model/action.hpp"
#include "engine/model/delivery_records.hpp"
#include "engine/model/task.hpp"
#include "stdlib/enum_names.hpp"

namespace dun {

namespace {

constexpr std::array<std::string_view, 3> kModes = {"auto", "confirm", "task"};
constexpr std::array<std::string_view, 7> kActionStatuses = {
    "queued", "sent", "failed", "pending_confirmation", "cancelled", "open", "completed"};
constexpr std::array<std::string_view, 2> kTaskKinds = {"confirm", "task"};
constexpr std::array<std::string_view, 4> kTaskStatuses = {"open", "confirmed", "completed",
                                                           "cancelled"};
constexpr std::array<std::string_view, 4> kDeliveryOutcomes = {"sent", "failed", "rejected",
                                                               "uncertain"};

}  // namespace

std::string_view to_string(ActionMode mode) { return name_of(kModes, mode); }
std::string_view to_string(ActionStatus status) { return name_of(kActionStatuses, status); }
std::string_view to_string(TaskKind kind) { return name_of(kTaskKinds, kind); }
std::string_view to_string(TaskStatus status) { return name_of(kTaskStatuses, status); }
std::string_view to_string(DeliveryOutcome outcome) { return name_of(kDeliveryOutcomes, outcome); }

std::optional<ActionMode> parse_action_mode(std::string_view text) {
  return parse_by_name<ActionMode>(kModes, text);
}
std::optional<ActionStatus> parse_action_status(std::string_view text) {
  return parse_by_name<ActionStatus>(kActionStatuses, text);
}
std::optional<TaskKind> parse_task_kind(std::string_view text) {
  return parse_by_name<TaskKind>(kTaskKinds, text);
}
std::optional<TaskStatus> parse_task_status(std::string_view text) {
  return parse_by_name<TaskStatus>(kTaskStatuses, text);
}

}  // namespace dun

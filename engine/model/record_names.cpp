// The text form of the store records' enums (store_records.hpp): the words of the state store's
// CHECK constraints, which must agree.
#include <array>
#include <chrono>
#include <ctime>

#include "engine/model/store_records.hpp"
#include "stdlib/enum_names.hpp"

namespace dun {

namespace {

constexpr std::array<std::string_view, 4> kSequenceStates = {"active", "paused", "closed",
                                                             "stopped"};
constexpr std::array<std::string_view, 5> kStepStatuses = {
    "fired", "skipped", "pending_confirmation", "waiting_task", "completed"};
constexpr std::array<std::string_view, 14> kEventKinds = {
    "step_fired",     "step_skipped",   "paused",      "resumed",      "closed",
    "reopened",       "stopped",        "quarantined", "task_created", "task_confirmed",
    "task_cancelled", "task_completed", "delivery",    "override"};
constexpr std::array<std::string_view, 3> kOverrideKinds = {"assign", "optout", "pause"};

}  // namespace

std::string_view to_string(SequenceState state) { return name_of(kSequenceStates, state); }
std::string_view to_string(StepStatus status) { return name_of(kStepStatuses, status); }
std::string_view to_string(EventKind kind) { return name_of(kEventKinds, kind); }
std::string_view to_string(OverrideKind kind) { return name_of(kOverrideKinds, kind); }

std::optional<SequenceState> parse_sequence_state(std::string_view text) {
  return parse_by_name<SequenceState>(kSequenceStates, text);
}
std::optional<StepStatus> parse_step_status(std::string_view text) {
  return parse_by_name<StepStatus>(kStepStatuses, text);
}
std::optional<EventKind> parse_event_kind(std::string_view text) {
  return parse_by_name<EventKind>(kEventKinds, text);
}
std::optional<OverrideKind> parse_override_kind(std::string_view text) {
  return parse_by_name<OverrideKind>(kOverrideKinds, text);
}

std::string utc_now_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace dun

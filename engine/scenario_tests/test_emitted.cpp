#include "engine/scenario_tests/test_emitted.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace dun {
namespace {

std::string text_field(const nlohmann::json& line, const char* name) {
  const auto found = line.find(name);
  return found != line.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Result<EmittedAction> parse_line(const std::string& text) {
  const nlohmann::json line = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (line.is_discarded() || !line.is_object()) return Error{"not a JSON object: " + text};
  EmittedAction action;
  action.action_id = text_field(line, "id");
  action.step = text_field(line, "step");
  auto channel = parse_channel(text_field(line, "channel"));
  auto mode = parse_action_mode(text_field(line, "mode"));
  auto status = parse_action_status(text_field(line, "status"));
  if (!channel || !mode || !status) return Error{"unexpected channel, mode or status: " + text};
  action.channel = *channel;
  action.mode = *mode;
  action.status = *status;
  action.letter_type = parse_letter_type(text_field(line, "letter_type"));
  action.text = text_field(line, "template");
  if (const auto invoices = line.find("invoices"); invoices != line.end() && invoices->is_array()) {
    for (const auto& invoice : *invoices) {
      if (invoice.is_string()) action.invoices.push_back(invoice.get<std::string>());
    }
  }
  return action;
}

bool is_emission(ActionStatus status) {
  return status == ActionStatus::queued || status == ActionStatus::pending_confirmation ||
         status == ActionStatus::open;
}

}  // namespace

Result<std::vector<EmittedAction>> read_emitted_actions(const std::filesystem::path& jsonl,
                                                        std::uintmax_t& offset, StateStore& store) {
  std::vector<EmittedAction> emitted;
  std::error_code error;
  if (!std::filesystem::exists(jsonl, error)) return emitted;
  std::ifstream in(jsonl, std::ios::binary);
  if (!in) return Error{"cannot read " + jsonl.string()};
  in.seekg(static_cast<std::streamoff>(offset));
  std::string text;
  bool any_task = false;
  while (std::getline(in, text)) {
    offset += text.size() + 1;
    if (text.empty()) continue;
    auto action = parse_line(text);
    if (!action) return Error{jsonl.string() + ": " + action.error().message};
    if (!is_emission(action->status)) continue;
    any_task |= action->channel == Channel::task;
    // A confirm action created and confirmed the same day is one action, as confirmed.
    auto same = std::find_if(emitted.begin(), emitted.end(), [&](const EmittedAction& seen) {
      return seen.action_id == action->action_id;
    });
    if (same != emitted.end()) {
      *same = std::move(action).value();
    } else {
      emitted.push_back(std::move(action).value());
    }
  }
  // A repetition is told by its invoices' step events (language.md §3.2: `final #2`).
  for (EmittedAction& action : emitted) {
    if (action.invoices.empty()) continue;
    auto repetition = store.action_repetition(action.action_id, action.invoices.front());
    if (!repetition) return repetition.error();
    action.repetition = *repetition;
  }
  if (!any_task) return emitted;
  auto tasks = store.list_tasks(/*open_only=*/false);
  if (!tasks) return tasks.error();
  for (EmittedAction& action : emitted) {
    if (action.channel != Channel::task) continue;
    for (const Task& task : *tasks) {
      if (task.action_id == action.action_id) action.text = task.text;
    }
  }
  return emitted;
}

}  // namespace dun

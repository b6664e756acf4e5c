#include "engine/model/action_json.hpp"

#include <nlohmann/json.hpp>

namespace dun {

namespace {

// ordered_json keeps the insertion order, which is the documented field order.
using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

std::string dump(const Json& json) {
  // No indentation, UTF-8 kept as is; invalid bytes replaced rather than throwing, so one bad
  // invoice id from a snapshot cannot stop a run.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json string_array(std::span<const std::string> items) {
  Json array = Json::array();
  for (const std::string& item : items) array.push_back(item);
  return array;
}

Json task_object(const Task& task) {
  Json json;
  json["id"] = task.id;
  json["kind"] = to_string(task.kind);
  json["status"] = to_string(task.status);
  json["created"] = task.created_on.to_string();
  json["scenario"] = task.scenario;
  json["step"] = task.step;
  json["customer"] = task.customer;
  json["invoices"] = string_array(task.invoices);
  json["action_id"] = task.action_id;
  json["assignee"] = text_or_null(task.assignee);
  json["text"] = task.text;
  return json;
}

}  // namespace

std::string action_to_json(const Action& action) {
  Json json;
  json["id"] = action.id;
  json["date"] = action.status_on.to_string();
  json["scenario"] = action.scenario;
  json["step"] = action.step;
  json["channel"] = to_string(action.channel);
  json["letter_type"] = action.letter_type ? Json(to_string(*action.letter_type)) : Json(nullptr);
  json["mode"] = to_string(action.mode);
  json["customer"] = action.customer;
  json["invoices"] = string_array(action.invoices);
  json["template"] = text_or_null(action.template_name);
  json["language"] = text_or_null(action.language);
  json["to"] = text_or_null(action.to);
  json["copy"] = string_array(action.copy);
  json["status"] = to_string(action.status);
  return dump(json);
}

std::string task_to_json(const Task& task) { return dump(task_object(task)); }

std::string tasks_to_json(std::span<const Task> tasks) {
  if (tasks.empty()) return "[]";
  std::string out = "[\n";
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    out += "  ";
    out += task_to_json(tasks[i]);
    out += i + 1 < tasks.size() ? ",\n" : "\n";
  }
  out += "]";
  return out;
}

std::string string_list_to_json(std::span<const std::string> items) {
  return dump(string_array(items));
}

Result<std::vector<std::string>> string_list_from_json(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return Error{"not a JSON array of strings: " + std::string(text)};
  std::vector<std::string> items;
  items.reserve(json.size());
  for (const Json& item : json) {
    if (!item.is_string()) return Error{"not a JSON array of strings: " + std::string(text)};
    items.push_back(item.get<std::string>());
  }
  return items;
}

}  // namespace dun

// JSON values of the verbs' --json output: an empty text or an absent date is null.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "stdlib/date.hpp"

namespace dun::cli {

inline nlohmann::ordered_json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(text);
}

inline nlohmann::ordered_json date_or_null(const std::optional<Date>& date) {
  return date ? nlohmann::ordered_json(date->to_string()) : nlohmann::ordered_json();
}

}  // namespace dun::cli

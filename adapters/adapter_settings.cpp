#include "adapters/adapter_settings.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <vector>

#include "stdlib/status.hpp"
#include "stdlib/suggest.hpp"

namespace dun::adapters {

std::string AdapterSettings::section() const { return "[adapters." + config_.name + "]"; }

Error AdapterSettings::error_at(std::string_view key, const std::string& message) const {
  ConfigPosition position = config_.position;
  if (key == "kind") {
    position = config_.kind_position;
  } else if (auto found = config_.where.find(std::string(key)); found != config_.where.end()) {
    position = found->second;
  }
  std::string text;
  if (!config_.file.empty()) {
    text = config_.file.string() + ":" + std::to_string(position.line) + ":" +
           std::to_string(position.column) + ": ";
  }
  text += section() + " ";
  if (!key.empty()) text += std::string(key) + ": ";
  return Error{text + message};
}

Status AdapterSettings::only(std::span<const std::string_view> known) const {
  for (const auto& [key, value] : config_.settings) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = "unknown setting for kind \"" + config_.kind + "\"";
    if (auto close = closest_match(key, known)) message += "; did you mean '" + *close + "'?";
    return error_at(key, message);
  }
  return Status::Ok();
}

bool AdapterSettings::has(std::string_view key) const {
  return config_.settings.contains(std::string(key));
}

Result<std::string> AdapterSettings::required(std::string_view key,
                                              std::string_view example) const {
  auto found = config_.settings.find(std::string(key));
  if (found == config_.settings.end()) {
    return error_at("", "kind \"" + config_.kind + "\" needs " + std::string(key) + " (e.g. " +
                            std::string(key) + " = " + std::string(example) + ")");
  }
  if (found->second.empty()) return error_at(key, "must not be empty");
  return found->second;
}

std::string AdapterSettings::text(std::string_view key, std::string_view fallback) const {
  auto found = config_.settings.find(std::string(key));
  return found == config_.settings.end() ? std::string(fallback) : found->second;
}

Result<std::int64_t> AdapterSettings::integer(std::string_view key, std::int64_t fallback,
                                              std::int64_t min, std::int64_t max) const {
  auto found = config_.settings.find(std::string(key));
  if (found == config_.settings.end()) return fallback;
  const std::string& value = found->second;
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  const std::string range = std::to_string(min) + " to " + std::to_string(max);
  if (error != std::errc() || end != value.data() + value.size()) {
    return error_at(key, "must be a whole number from " + range + ", not \"" + value + "\"");
  }
  if (number < min || number > max) {
    return error_at(key, "must be from " + range + ", not " + value);
  }
  return number;
}

Result<bool> AdapterSettings::boolean(std::string_view key, bool fallback) const {
  auto found = config_.settings.find(std::string(key));
  if (found == config_.settings.end()) return fallback;
  if (found->second == "true") return true;
  if (found->second == "false") return false;
  return error_at(key, "must be true or false, not \"" + found->second + "\"");
}

Result<std::string> AdapterSettings::choice(std::string_view key, std::string_view fallback,
                                            std::span<const std::string_view> allowed) const {
  const std::string value = text(key, fallback);
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string list;
  for (std::string_view option : allowed) {
    if (!list.empty()) list += ", ";
    list += "\"" + std::string(option) + "\"";
  }
  std::string message = "must be one of " + list + ", not \"" + value + "\"";
  if (auto close = closest_match(value, allowed)) message += "; did you mean \"" + *close + "\"?";
  return error_at(key, message);
}

std::filesystem::path AdapterSettings::path(std::string_view key, std::string_view fallback) const {
  const std::filesystem::path value(text(key, fallback));
  if (value.is_absolute() || config_.file.empty()) return value;
  return (config_.file.parent_path() / value).lexically_normal();
}

std::string AdapterSettings::secret_variable(std::string_view key,
                                             std::string_view default_variable) const {
  return text(key, default_variable);
}

std::optional<std::string> AdapterSettings::secret(std::string_view key,
                                                   std::string_view default_variable) const {
  const std::string variable = secret_variable(key, default_variable);
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace dun::adapters

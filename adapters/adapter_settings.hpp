// Typed access to one [adapters.NAME] table of dun.toml for an adapter's factory. Every mistake
// is an Error that names the file, line and column of the value (or of the table's header when
// a required key is missing) and says what to write instead.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/base/config.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {

class AdapterSettings {
 public:
  explicit AdapterSettings(const AdapterConfig& config) : config_(config) {}

  const AdapterConfig& config() const { return config_; }
  // "[adapters.email]"
  std::string section() const;

  // Every key must be one of `known` ("kind" is always allowed); the first other one is an
  // error with the closest known key as a suggestion.
  Status only(std::span<const std::string_view> known) const;

  bool has(std::string_view key) const;
  // A key that must be present and not empty.
  Result<std::string> required(std::string_view key, std::string_view example) const;
  std::string text(std::string_view key, std::string_view fallback) const;
  Result<std::int64_t> integer(std::string_view key, std::int64_t fallback, std::int64_t min,
                               std::int64_t max) const;
  Result<bool> boolean(std::string_view key, bool fallback) const;
  // One of `allowed`.
  Result<std::string> choice(std::string_view key, std::string_view fallback,
                             std::span<const std::string_view> allowed) const;
  // A path, relative to the dun.toml's folder unless absolute.
  std::filesystem::path path(std::string_view key, std::string_view fallback) const;

  // A secret: the value of the environment variable named by `key` (default `default_variable`),
  // never the file itself (a secret in dun.toml would end up in a repository). nullopt when the
  // variable is unset.
  std::optional<std::string> secret(std::string_view key, std::string_view default_variable) const;
  std::string secret_variable(std::string_view key, std::string_view default_variable) const;

  // `FILE:LINE:COL: [adapters.NAME] KEY: message` at the key's position, else the table's.
  Error error_at(std::string_view key, const std::string& message) const;

 private:
  const AdapterConfig& config_;
};

}  // namespace dun::adapters

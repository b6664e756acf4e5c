// An adapter made the way dun makes it: from an [adapters.NAME] table of a real dun.toml read by
// engine/config, so that factory errors can be checked against the file's lines.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>

#include "adapters/adapter.hpp"
#include "adapters/adapter_settings.hpp"
#include "engine/base/config.hpp"
#include "stdlib/result.hpp"

namespace dun::testing {

// Writes `toml` to FOLDER/dun.toml, loads it and hands [adapters.NAME] to `factory` (an
// adapter's make_KIND_adapter, or anything else that reads AdapterSettings).
template <typename Factory>
auto adapter_from_toml(const std::filesystem::path& folder, const std::string& toml,
                       const std::string& name, Factory factory)
    -> decltype(factory(std::declval<const adapters::AdapterSettings&>())) {
  std::filesystem::create_directories(folder);
  const std::filesystem::path file = folder / "dun.toml";
  std::ofstream(file, std::ios::binary) << toml;
  auto config = load_config(file);
  if (!config) return config.error();
  const auto table = config->adapters.find(name);
  if (table == config->adapters.end()) return Error{"no [adapters." + name + "] in the test"};
  return factory(adapters::AdapterSettings(table->second));
}

}  // namespace dun::testing

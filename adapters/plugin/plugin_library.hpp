// One adapter plugin loaded into the process (adapters/plugin/dun_adapter.h): the dlopen handle
// and the plugin's entry table, checked before anything of it is called. Unloaded on
// destruction, so it must outlive every instance the table created.
#pragma once

#include <filesystem>
#include <memory>

#include "adapters/plugin/dun_adapter.h"
#include "stdlib/result.hpp"

namespace dun::adapters {

class PluginLibrary {
 public:
  // Loads `file` (an absolute path: never searched for in the library path) with RTLD_NOW |
  // RTLD_LOCAL, so a missing symbol fails here and the plugin's symbols do not leak into the
  // process. Fails, naming the file, when it is missing, not loadable, exports no
  // dun_adapter_entry, speaks another ABI version (both versions named) or has an incomplete
  // table. The messages carry no dun.toml position: the caller adds it.
  static Result<std::unique_ptr<PluginLibrary>> open(const std::filesystem::path& file);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;
  ~PluginLibrary();

  const dun_adapter_v1& table() const { return *table_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  PluginLibrary(void* handle, const dun_adapter_v1* table, std::filesystem::path file)
      : handle_(handle), table_(table), file_(std::move(file)) {}

  void* handle_;
  const dun_adapter_v1* table_;
  std::filesystem::path file_;
};

}  // namespace dun::adapters

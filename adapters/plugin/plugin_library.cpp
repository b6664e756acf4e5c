#include "adapters/plugin/plugin_library.hpp"

#include <dlfcn.h>

#include <string>
#include <system_error>

namespace dun::adapters {

namespace {

std::string last_dl_error() {
  const char* message = dlerror();
  return message == nullptr ? "unknown dlopen error" : message;
}

// The names of the table's functions that are NULL ("create, check"), empty when complete.
std::string missing_functions(const dun_adapter_v1& table) {
  std::string missing;
  auto note = [&missing](bool present, const char* name) {
    if (present) return;
    if (!missing.empty()) missing += ", ";
    missing += name;
  };
  note(table.kind != nullptr && table.kind[0] != '\0', "kind");
  note(table.create != nullptr, "create");
  note(table.deliver != nullptr, "deliver");
  note(table.check != nullptr, "check");
  note(table.destroy != nullptr, "destroy");
  return missing;
}

}  // namespace

PluginLibrary::~PluginLibrary() { dlclose(handle_); }

Result<std::unique_ptr<PluginLibrary>> PluginLibrary::open(const std::filesystem::path& file) {
  const std::string name = file.string();
  std::error_code error;
  if (!std::filesystem::exists(file, error)) {
    return Error{"plugin file not found: " + name +
                 " (a relative path is read from the folder of dun.toml)"};
  }
  if (!std::filesystem::is_regular_file(file, error)) {
    return Error{"plugin path is not a file: " + name};
  }
  void* handle = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return Error{"cannot load plugin " + name + ": " + last_dl_error() +
                 " (a plugin is a shared library built against adapters/plugin/dun_adapter.h)"};
  }
  // From here on every failure unloads the library before returning.
  auto refuse = [handle](std::string message) {
    dlclose(handle);
    return Error{std::move(message)};
  };
  dlerror();  // clear, so a NULL symbol is told from a lookup error
  void* symbol = dlsym(handle, DUN_ADAPTER_ENTRY_SYMBOL);
  if (symbol == nullptr) {
    return refuse(name + " is not a dun adapter plugin: it exports no " + DUN_ADAPTER_ENTRY_SYMBOL +
                  " function (build it against adapters/plugin/dun_adapter.h; see "
                  "docs/adapters.md, \"Plugins\")");
  }
  // POSIX guarantees that a function pointer survives the round trip through dlsym's void*.
  auto entry = reinterpret_cast<dun_adapter_entry_fn>(symbol);
  const dun_adapter_v1* table = entry();
  if (table == nullptr) {
    return refuse(name + " is not a usable dun adapter plugin: " + DUN_ADAPTER_ENTRY_SYMBOL +
                  "() returned no table");
  }
  // Only the first member is read before the version is known to match: it is the one member
  // every version of the table shares.
  if (table->abi_version != DUN_ADAPTER_ABI_VERSION) {
    return refuse(name + " was built for dun adapter ABI version " +
                  std::to_string(table->abi_version) + ", but this dun loads version " +
                  std::to_string(DUN_ADAPTER_ABI_VERSION) +
                  ": rebuild the plugin against this dun's adapters/plugin/dun_adapter.h");
  }
  if (const std::string missing = missing_functions(*table); !missing.empty()) {
    return refuse(name + " is not a usable dun adapter plugin: its table has no " + missing);
  }
  return std::unique_ptr<PluginLibrary>(new PluginLibrary(handle, table, file));
}

}  // namespace dun::adapters

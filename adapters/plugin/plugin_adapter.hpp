// kind = "plugin": an adapter loaded from a shared library named by dun.toml, so that a delivery
// channel dun does not ship can be added without recompiling dun (the C ABI is
// adapters/plugin/dun_adapter.h, documented in docs/adapters.md, "Plugins").
//
//   [adapters.letter]
//   kind = "plugin"
//   path = "plugins/libdun_example.so"   # relative to dun.toml's folder
//   dir = "out/spool"                     # every other setting is the plugin's
#pragma once

#include <memory>

#include "adapters/adapter.hpp"
#include "adapters/adapter_settings.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

// Loads the plugin and creates its instance from the table's other settings (the plugin
// validates them: it does no I/O then, check() does). Every error names the dun.toml line:
// `path` missing, the file missing or not a dun plugin, another ABI version (both named), a
// setting the plugin refuses (its line when the plugin names it).
//
// The adapter calls the plugin from the thread that uses it, one call at a time (an Adapter is
// used by one delivery loop), and unloads it when destroyed.
Result<std::unique_ptr<Adapter>> make_plugin_adapter(const AdapterSettings& settings);

}  // namespace dun::adapters

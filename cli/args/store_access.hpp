// What the verbs that read or change the state store share: the configuration
// (load_verb_config) and the store itself (--db, else [engine] database), which must exist already:
// before the first `dun run` there is nothing to show or change, and the message says so.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/args/verb_config.hpp"
#include "engine/base/config.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/result.hpp"

namespace dun::cli {

// What a verb does with the store. A writer takes the store's lock (engine/store/store_lock.hpp)
// as `dun VERB`, waiting up to [store] lock_wait_seconds for another writer; a reader takes no
// lock, never waits, and works on a read-only folder or mount (StateStore::open_read_only).
enum class StoreUse { read, write };

// Opens config.engine.database (--db already applied) for `use` by `dun VERB`; "no state store at
// dun.db yet: run `dun run` first (or pass --db FILE)" when the file is absent.
Result<StateStore> open_existing_store(const Config& config, std::string_view verb, StoreUse use);

struct VerbState {
  Config config;
  StateStore store;
};
// Both of the above for verb VERB; on failure prints "dun VERB: why" on stderr and returns
// nullopt (the verb then exits 1).
// `overrides` are the verb's path flags (--db, and --snapshot, --templates, --scenarios where it
// takes them): state->config.engine holds the paths to use.
std::optional<VerbState> open_verb_state(std::string_view verb,
                                         const std::optional<std::string>& config_path,
                                         const EngineOverrides& overrides, StoreUse use);

// Who makes a change by hand: --by, else $USER, else "collector".
std::string change_author(const std::optional<std::string>& by);

}  // namespace dun::cli

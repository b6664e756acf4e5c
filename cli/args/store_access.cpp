#include "cli/args/store_access.hpp"

#include <cstdio>
#include <cstdlib>

namespace dun::cli {

Result<StateStore> open_existing_store(const Config& config, std::string_view verb, StoreUse use) {
  const std::filesystem::path& database = config.engine.database;
  if (!std::filesystem::exists(database)) {
    return Error{"no state store at " + database.string() +
                 " yet: run `dun run` first (or pass --db FILE)"};
  }
  if (use == StoreUse::read) return StateStore::open_read_only(database);
  return StateStore::open(database, store_writer(config, "dun " + std::string(verb)));
}

std::optional<VerbState> open_verb_state(std::string_view verb,
                                         const std::optional<std::string>& config_path,
                                         const EngineOverrides& overrides, StoreUse use) {
  auto config = load_verb_config_or_report(verb, config_path, overrides);
  if (!config) return std::nullopt;
  auto store = open_existing_store(*config, verb, use);
  if (!store) {
    std::fprintf(stderr, "dun %.*s: %s\n", static_cast<int>(verb.size()), verb.data(),
                 store.error().message.c_str());
    return std::nullopt;
  }
  return VerbState{std::move(config.value()), std::move(store.value())};
}

std::string change_author(const std::optional<std::string>& by) {
  if (by && !by->empty()) return *by;
  const char* user = std::getenv("USER");
  return user != nullptr && *user != '\0' ? user : "collector";
}

}  // namespace dun::cli

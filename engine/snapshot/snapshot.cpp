#include "engine/snapshot/snapshot.hpp"

namespace dun {

Result<LoadedSnapshot> finish_load(LoadedSnapshot snapshot, const LoadOptions& options) {
  if (!options.strict || snapshot.quarantine.empty()) return snapshot;
  constexpr std::size_t kListed = 20;
  std::string message = "strict mode: " + std::to_string(snapshot.quarantine.size()) + " bad row" +
                        (snapshot.quarantine.size() == 1 ? "" : "s") +
                        " in the snapshot, nothing loaded (fix them or run without --strict):";
  for (std::size_t i = 0; i < snapshot.quarantine.size() && i < kListed; ++i) {
    message += "\n  " + snapshot.quarantine[i].to_string();
  }
  if (snapshot.quarantine.size() > kListed) {
    message += "\n  … and " + std::to_string(snapshot.quarantine.size() - kListed) + " more";
  }
  return Error{std::move(message)};
}

}  // namespace dun

// An action's file in an outbox folder (`DIR/ACTION_ID.eml`, `DIR/ACTION_ID.pdf`), written once:
// the file name is the action's idempotency key, so a retry that finds the same bytes there
// knows the action was already delivered and writes nothing.
#pragma once

#include <filesystem>
#include <string_view>

#include "adapters/adapter.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

// `DIR/ID.EXTENSION`, refusing ids that could leave DIR ("/", "..", a leading ".", control
// characters). Action ids are hex digests, but the folder is the user's: never trust a name.
Result<std::filesystem::path> action_file(const std::filesystem::path& dir, std::string_view id,
                                          std::string_view extension);

// Writes `bytes` to `path` atomically unless the file is already there:
// - missing: written → sent;
// - there with the same bytes: an earlier attempt wrote it → sent, nothing written;
// - there with other bytes: rejected (someone else's file, or an edited one: never overwritten);
// - a file error: failed (retried later).
// provider_ref is the path.
DeliveryReport place_action_file(const std::filesystem::path& path, std::string_view bytes);

// `dun adapters check` for an outbox: the folder exists or can be created and is writable.
CheckReport check_outbox_folder(const std::filesystem::path& dir);

}  // namespace dun::adapters

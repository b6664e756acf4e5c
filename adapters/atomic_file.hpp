// Files written all at once or not at all, for the adapters (outbox files, tracking proofs): the
// bytes go to a temporary file in the same folder, are synced, and take the final name with
// rename(2), which is atomic within a file system. A reader (a mail pickup, a print shop's script)
// or a crash therefore sees either the previous file or the whole new one, never half of it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {

// Writes `bytes` to `path` atomically (replacing it when it exists). The error names the path.
Status write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Removes the temporary files write_file_atomically left in `dir` when its process was killed
// (".NAME.XXXXXX"); returns how many. REQUIRES: nothing writes into `dir` meanwhile (the delivery
// pass holds the state store's lock, engine/store/store_lock.hpp).
Result<std::size_t> remove_abandoned_temporaries(const std::filesystem::path& dir);

// The whole content of `path`; nullopt when it does not exist; an error when it cannot be read.
Result<std::optional<std::string>> read_file_if_present(const std::filesystem::path& path);

// `dun adapters check` for an outbox: DIR exists or can be created, and a file can be written in
// it (a probe file, removed at once).
Status check_writable_folder(const std::filesystem::path& dir);

}  // namespace dun::adapters

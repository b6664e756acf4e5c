// Reading a whole file into memory: the one place dun slurps a file (scenarios, templates,
// invoice PDFs, JIT cache entries, the sources diagnostics quote).
#pragma once

#include <filesystem>
#include <string>

#include "stdlib/result.hpp"

namespace dun {

// The bytes of `path` exactly as stored (no newline conversion, NULs kept). Fails, never throws,
// when `path` does not exist, is not a regular file (a folder, a device) or cannot be read; the
// message names the path ("PATH: no such file", "PATH: not a file", "PATH: cannot be read").
// Callers that have their own wording for a missing input use only ok().
Result<std::string> read_file(const std::filesystem::path& path);

}  // namespace dun

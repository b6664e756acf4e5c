// One entry point for every verb that reads the day's snapshot (data-model.md: a folder of CSV
// files or a SQLite database): it picks the loader from what the path is.
#pragma once

#include <filesystem>

#include "engine/snapshot.hpp"
#include "stdlib/result.hpp"

namespace dun {

// A folder loads as CSV, a file as SQLite; anything else fails with what to pass instead.
Result<LoadedSnapshot> load_snapshot(const std::filesystem::path& path, bool strict);

}  // namespace dun

// Fingerprints recorded with every run (data-model.md, `runs`): what exactly the run saw.
// Free functions without state: safe from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "stdlib/result.hpp"

namespace dun {

// SHA-256 of `bytes`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

// A snapshot's identity without reading it twice: SHA-256 over the name, size and modification
// time of each of its files (a CSV folder's *.csv, or the .db file). Any export that rewrites a
// file changes it; reading the same files again gives the same fingerprint.
Result<std::string> snapshot_fingerprint(const std::filesystem::path& snapshot);

}  // namespace dun

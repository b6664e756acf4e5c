// The state store's schema and its migrations. The schema is created and upgraded by the program
// itself: `schema_version` holds the version of the file, and every known migration step after it
// runs, in order, each in its own transaction with the version bump. A file written by a newer dun
// (a version this build does not know) is refused rather than misread.
//
// Private to engine/store: nothing else includes it (scripts/check_includes.py).
#pragma once

#include <span>
#include <string_view>

#include "engine/store/sqlite_db.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun {

// The migration steps, oldest first: step i takes a file from version i to version i + 1.
// Append new steps; never edit a released one.
std::span<const std::string_view> schema_migrations();

// Brings the file to the newest version (a new file from version 0). Returns the version.
Result<int> migrate_schema(sqlite::Database& database);
// For a file opened read-only: succeeds when it has exactly this build's schema version, else
// says what to do (an older file is upgraded by any command that writes, e.g. `dun run`).
Status check_schema_current(sqlite::Database& database);
// The same with a given list of steps (tests use it to model an older or newer program).
Result<int> migrate_schema(sqlite::Database& database, std::span<const std::string_view> steps);

}  // namespace dun

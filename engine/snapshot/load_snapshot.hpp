// A snapshot from a path, whatever its source: a folder of CSV files or a SQLite .db file
// (data-model.md). Used by the daily run and by the verbs that look at the current portfolio
// (status, and the override verbs' check of the ids they are given). Ownership and threads as
// for the two loaders (load_csv.hpp, load_sqlite.hpp): the result owns everything it holds.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/snapshot/snapshot.hpp"
#include "stdlib/result.hpp"

namespace dun {

// A folder loads as CSV, a file as SQLite; anything else fails with what to pass instead.
// With a shard, only its customers' rows are kept (docs/scale-out.md). `custom_fields` are
// dun.toml's [fields] (Config::fields), read as LoadOptions::custom_fields says.
Result<LoadedSnapshot> load_snapshot(const std::filesystem::path& path, bool strict,
                                     Shard shard = {},
                                     std::span<const CustomFieldDeclaration> custom_fields = {});
Result<LoadedSnapshot> load_snapshot(const std::filesystem::path& path, const LoadOptions& options);

// The customer a restricted load (LoadOptions::customer) of invoice `invoice` must load: the one
// named by the first row with that id (load_csv.hpp, load_sqlite.hpp), or nullopt when no row
// has it or the snapshot cannot be read that way (a load then says why).
Result<std::optional<std::string>> snapshot_invoice_customer(const std::filesystem::path& path,
                                                             std::string_view invoice,
                                                             const LoadOptions& options);

}  // namespace dun

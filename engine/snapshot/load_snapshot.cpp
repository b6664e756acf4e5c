#include "engine/snapshot/load_snapshot.hpp"

#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/load_sqlite.hpp"

namespace dun {

Result<LoadedSnapshot> load_snapshot(const std::filesystem::path& path, bool strict, Shard shard,
                                     std::span<const CustomFieldDeclaration> custom_fields) {
  LoadOptions options;
  options.strict = strict;
  options.shard = shard;
  options.custom_fields.assign(custom_fields.begin(), custom_fields.end());
  return load_snapshot(path, options);
}

Result<LoadedSnapshot> load_snapshot(const std::filesystem::path& path,
                                     const LoadOptions& options) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return load_csv_snapshot(path, options);
  if (std::filesystem::is_regular_file(path, error)) return load_sqlite_snapshot(path, options);
  return Error{path.string() +
               ": no snapshot there (a folder of CSV files or a SQLite .db; pass --snapshot PATH "
               "or set [engine] snapshot in dun.toml)"};
}

Result<std::optional<std::string>> snapshot_invoice_customer(const std::filesystem::path& path,
                                                             std::string_view invoice,
                                                             const LoadOptions& options) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error))
    return csv_invoice_customer(path, invoice, options);
  if (std::filesystem::is_regular_file(path, error)) return sqlite_invoice_customer(path, invoice);
  return std::optional<std::string>();
}

}  // namespace dun

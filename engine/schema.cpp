#include "engine/schema.hpp"

#include <string>

namespace dun {

namespace {

Result<int> read_version(sqlite::Database& database) {
  if (auto created = database.execute(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL) STRICT");
      !created) {
    return created.error();
  }
  auto select = database.prepare("SELECT version FROM schema_version");
  if (!select) return select.error();
  auto row = select.value().step();
  if (!row) return row.error();
  return *row ? static_cast<int>(select.value().column_int64(0)) : 0;
}

Result<bool> write_version(sqlite::Database& database, int version) {
  auto clear = database.prepare("DELETE FROM schema_version");
  if (!clear) return clear.error();
  if (auto cleared = clear.value().run(); !cleared) return cleared.error();
  auto write = database.prepare("INSERT INTO schema_version (version) VALUES (?1)");
  if (!write) return write.error();
  write.value().bind(1, std::int64_t{version});
  return write.value().run();
}

}  // namespace

Result<bool> check_schema_current(sqlite::Database& database) {
  const int known = static_cast<int>(schema_migrations().size());
  auto select = database.prepare(
      "SELECT (SELECT version FROM schema_version) FROM sqlite_schema "
      "WHERE type = 'table' AND name = 'schema_version'");
  if (!select) return select.error();
  auto row = select.value().step();
  if (!row) return row.error();
  const int version = *row ? static_cast<int>(select.value().column_int64(0)) : 0;
  if (version == known) return true;
  if (version > known) {
    return Error{database.file_name() + ": the state store has schema version " +
                 std::to_string(version) + " but this dun knows versions up to " +
                 std::to_string(known) + "; it was written by a newer dun: use that version"};
  }
  return Error{database.file_name() + ": the state store has schema version " +
               std::to_string(version) + ", older than this dun's " + std::to_string(known) +
               ": run `dun run` once to upgrade it"};
}

Result<int> migrate_schema(sqlite::Database& database) {
  return migrate_schema(database, schema_migrations());
}

Result<int> migrate_schema(sqlite::Database& database, std::span<const std::string_view> steps) {
  const int known = static_cast<int>(steps.size());
  // One transaction per step, and the version is read inside it: two dun processes opening an old
  // file at once cannot both apply the same step.
  for (;;) {
    auto transaction = sqlite::Transaction::begin(database);
    if (!transaction) return transaction.error();
    auto version = read_version(database);
    if (!version) return version.error();
    if (*version > known) {
      return Error{database.file_name() + ": the state store has schema version " +
                   std::to_string(*version) + " but this dun knows versions up to " +
                   std::to_string(known) + "; it was written by a newer dun: use that version"};
    }
    if (*version == known) {
      if (auto committed = transaction.value().commit(); !committed) return committed.error();
      return known;
    }
    const int next = *version + 1;
    if (auto applied = database.execute(steps[static_cast<std::size_t>(*version)]); !applied) {
      return Error{"migrating to schema version " + std::to_string(next) +
                   " failed: " + applied.error().message};
    }
    if (auto written = write_version(database, next); !written) return written.error();
    if (auto committed = transaction.value().commit(); !committed) return committed.error();
  }
}

}  // namespace dun

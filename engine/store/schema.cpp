#include "engine/store/schema.hpp"

#include <string>
#include <utility>

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

Status write_version(sqlite::Database& database, int version) {
  auto clear = database.prepare("DELETE FROM schema_version");
  if (!clear) return clear.error();
  if (auto cleared = clear.value().run(); !cleared) return cleared.error();
  auto write = database.prepare("INSERT INTO schema_version (version) VALUES (?1)");
  if (!write) return write.error();
  write.value().bind(1, std::int64_t{version});
  return write.value().run();
}

// A step may rebuild a table (create the new one, copy, drop the old, rename), which SQLite's
// ALTER TABLE guide does with foreign keys off: dropping a parent table with them on would delete
// its children through ON DELETE CASCADE. The setting is a no-op inside a transaction, so it is
// switched around the steps, and restored on every way out.
class ForeignKeysOff {
 public:
  static Result<ForeignKeysOff> begin(sqlite::Database& database) {
    bool were_on = false;
    {
      auto query = database.prepare("PRAGMA foreign_keys");
      if (!query) return query.error();
      auto row = query.value().step();
      if (!row) return row.error();
      were_on = *row && query.value().column_int64(0) != 0;
    }
    if (auto off = database.execute("PRAGMA foreign_keys=OFF"); !off) return off.error();
    return ForeignKeysOff(database, were_on);
  }
  ForeignKeysOff(ForeignKeysOff&& other) noexcept
      : database_(std::exchange(other.database_, nullptr)), were_on_(other.were_on_) {}
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(ForeignKeysOff&&) = delete;
  ~ForeignKeysOff() {
    if (database_ != nullptr && were_on_) (void)database_->execute("PRAGMA foreign_keys=ON");
  }

 private:
  ForeignKeysOff(sqlite::Database& database, bool were_on)
      : database_(&database), were_on_(were_on) {}
  sqlite::Database* database_;
  bool were_on_;
};

// After a step, with foreign keys off, nothing may point nowhere (the guide's last check).
Status check_foreign_keys(sqlite::Database& database) {
  auto check = database.prepare("PRAGMA foreign_key_check");
  if (!check) return check.error();
  auto row = check.value().step();
  if (!row) return row.error();
  if (*row) {
    return Error{"a row of table " + std::string(check.value().column_text(0)) +
                 " refers to a missing row of " + std::string(check.value().column_text(2))};
  }
  return Status::Ok();
}

}  // namespace

Status check_schema_current(sqlite::Database& database) {
  const int known = static_cast<int>(schema_migrations().size());
  auto select = database.prepare(
      "SELECT (SELECT version FROM schema_version) FROM sqlite_schema "
      "WHERE type = 'table' AND name = 'schema_version'");
  if (!select) return select.error();
  auto row = select.value().step();
  if (!row) return row.error();
  const int version = *row ? static_cast<int>(select.value().column_int64(0)) : 0;
  if (version == known) return Status::Ok();
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
  auto foreign_keys_off = ForeignKeysOff::begin(database);
  if (!foreign_keys_off) return foreign_keys_off.error();
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
    if (auto checked = check_foreign_keys(database); !checked) {
      return Error{"migrating to schema version " + std::to_string(next) +
                   " failed: " + checked.error().message};
    }
    if (auto written = write_version(database, next); !written) return written.error();
    if (auto committed = transaction.value().commit(); !committed) return committed.error();
  }
}

}  // namespace dun

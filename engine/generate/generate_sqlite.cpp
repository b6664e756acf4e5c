#include "engine/generate/generate_sqlite.hpp"
#include "stdlib/status.hpp"

#include <sqlite3.h>

#include <system_error>

namespace dun::generate {

Result<std::unique_ptr<SqliteSink>> SqliteSink::open(const std::filesystem::path& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string message = "cannot create " + path.string() + ": " + sqlite3_errmsg(db);
    sqlite3_close(db);
    return Error{message + " (check that the --out directory is writable)"};
  }
  auto sink = std::make_unique<SqliteSink>(db, path);
  // A generated file is rebuilt from scratch on failure: no journal is worth its cost here.
  if (auto set = sink->execute("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"); !set)
    return set.error();
  return sink;
}

SqliteSink::~SqliteSink() {
  sqlite3_finalize(insert_);
  sqlite3_close(db_);
}

Error SqliteSink::error(std::string_view doing) const {
  return Error{"cannot " + std::string(doing) + " in " + path_.string() + ": " +
               sqlite3_errmsg(db_)};
}

Status SqliteSink::execute(const std::string& sql) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK)
    return error("run '" + sql + "'");
  return Status::Ok();
}

Status SqliteSink::begin_table(std::string_view name, std::span<const std::string_view> columns) {
  // Table and column names come from the generator's own constant lists, never from data; the
  // values go through bound parameters.
  std::string create = "CREATE TABLE \"" + std::string(name) + "\" (";
  std::string insert = "INSERT INTO \"" + std::string(name) + "\" VALUES (";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    create += (i > 0 ? ", \"" : "\"") + std::string(columns[i]) + "\" TEXT";
    insert += i > 0 ? ", ?" : "?";
  }
  create += ")";
  insert += ")";
  if (auto done = execute(create); !done) return done;
  if (auto done = execute("BEGIN"); !done) return done;
  if (sqlite3_prepare_v2(db_, insert.c_str(), -1, &insert_, nullptr) != SQLITE_OK)
    return error("prepare an insert");
  failure_.clear();
  return Status::Ok();
}

void SqliteSink::write_row(std::span<const std::string_view> fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const int position = static_cast<int>(i) + 1;
    if (fields[i].empty()) {
      sqlite3_bind_null(insert_, position);
    } else {
      // SQLITE_STATIC: the field outlives the step below, which is all SQLite needs.
      sqlite3_bind_text(insert_, position, fields[i].data(), static_cast<int>(fields[i].size()),
                        SQLITE_STATIC);
    }
  }
  if (sqlite3_step(insert_) != SQLITE_DONE && failure_.empty()) failure_ = sqlite3_errmsg(db_);
  sqlite3_reset(insert_);
}

Status SqliteSink::end_table() {
  sqlite3_finalize(insert_);
  insert_ = nullptr;
  if (!failure_.empty()) return Error{"cannot insert into " + path_.string() + ": " + failure_};
  return execute("COMMIT");
}

}  // namespace dun::generate

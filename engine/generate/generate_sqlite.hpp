// Writes the snapshot tables into a SQLite database (DIR/snapshot.db) with the same table and
// column names as the CSV files. Every column is TEXT holding exactly the CSV field's text; an
// empty field (an absent optional value) is NULL. One transaction per table, prepared inserts.
//
// The sink owns its connection and closes it in its destructor. Not thread-safe: one writer per
// sink.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "engine/generate/generate_sink.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace dun::generate {

class SqliteSink final : public TableSink {
 public:
  // Replaces any existing file at `path`.
  static Result<std::unique_ptr<SqliteSink>> open(const std::filesystem::path& path);
  // Takes ownership of the open connection `db`.
  SqliteSink(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  ~SqliteSink() override;
  SqliteSink(const SqliteSink&) = delete;
  SqliteSink& operator=(const SqliteSink&) = delete;

  Status begin_table(std::string_view name, std::span<const std::string_view> columns) override;
  void write_row(std::span<const std::string_view> fields) override;
  Status end_table() override;

 private:
  Status execute(const std::string& sql);
  Error error(std::string_view doing) const;

  sqlite3* db_;
  std::filesystem::path path_;
  sqlite3_stmt* insert_ = nullptr;
  std::string failure_;  // the first failed insert of the current table
};

}  // namespace dun::generate

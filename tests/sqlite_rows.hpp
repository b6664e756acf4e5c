// Reading a state store straight from the file with the sqlite3 C API, independent of the store's
// own code, for tests that compare or inspect its content.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace dun::testing {

// The rows of `query`, each as "a|b|c|" (NULL as "NULL"), on a read-only connection of its own.
inline std::vector<std::string> table_rows(const std::filesystem::path& database,
                                           const std::string& query) {
  sqlite3* db = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return {"cannot open " + database.string()};
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, query.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    rows.push_back(std::string("cannot prepare: ") + sqlite3_errmsg(db));
  }
  while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      const auto* text = sqlite3_column_text(statement, c);
      row += text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
      row += '|';
    }
    rows.push_back(row);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rows;
}

}  // namespace dun::testing

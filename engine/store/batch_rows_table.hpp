// Inside the state store: a batch's rows handed to ONE `INSERT … SELECT` through SQLite's virtual
// table interface, instead of one execution of a prepared INSERT per row.
//
// Why: SQLite runs a prepared INSERT from its first opcode for every row: it opens a cursor on the
// table and on each index, seeks from the root, and closes them again. In one INSERT … SELECT the
// cursors stay open and positioned, and a row in key order lands beside the one before it. For
// the 724k sequence rows of a first day at 1M invoices that is 0.85 → 0.39 s of CPU
// (bench/RESULTS.md, "eighth round"). What SQLite checks and does per row is unchanged: the
// constraints, the foreign keys, the UPSERT, the undo log's triggers; a failure aborts the
// statement, and with it the caller's transaction, as a failing row did. It pays into an empty
// table; among existing rows one execution per row is the cheaper (store_batch.cpp says why).
//
// Contract. BatchRowsTable::register_on declares, on one connection, the table `name` with the
// columns `columns` (one SQL column definition each, "name TYPE") and a last column `position`:
// the rows' 0-based order. A statement `SELECT … FROM name ORDER BY position` reads the rows of the
// RowSource installed at the time (BatchRowsTable::Scope), in that order (the table says it
// delivers them sorted, so SQLite does not sort them). Without a source the table is empty. The
// table is eponymous-only (nothing is written to the database's schema) and direct-only (no trigger
// or view can read it). Registering the same name again on the connection replaces it.
//
// Lifetimes: the source and every text it hands to SQLite (bound as static) must outlive the
// statement's execution. Not thread-safe (one connection).
//
// Private to engine/store: nothing else includes it (scripts/check_includes.py).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/store/sqlite_db.hpp"
#include "stdlib/result.hpp"

struct sqlite3_context;

namespace dun {

// The rows of one statement, read column by column.
class RowSource {
 public:
  virtual std::size_t size() const = 0;
  // Sets column `column` (0-based, `position` excluded) of row `row` as the result of `context`
  // (sqlite3_result_*). REQUIRES: row < size().
  virtual void column(std::size_t row, int column, sqlite3_context* context) const = 0;

 protected:
  ~RowSource() = default;
};

// Text results: a view that outlives the statement (no copy), empty as NULL when `nullable`.
void result_static_text(sqlite3_context* context, std::string_view text, bool nullable = false);
// A short text SQLite copies (a formatted date).
void result_copied_text(sqlite3_context* context, std::string_view text);
// An integer, or NULL for nullopt.
void result_integer_or_null(sqlite3_context* context, std::optional<int> value);

class BatchRowsTable {
 public:
  // Registers the table on `database`'s connection. The returned handle stays valid while the
  // connection lives and the name is not registered again.
  static Result<BatchRowsTable> register_on(sqlite::Database& database, std::string_view name,
                                            std::span<const std::string_view> columns);

  // Installs `source` until the scope ends.
  class Scope {
   public:
    Scope(BatchRowsTable& table, const RowSource& source);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    BatchRowsTable& table_;
  };

  struct Module;  // SQLite's module data (batch_rows_table.cpp)

 private:
  explicit BatchRowsTable(Module* module) : module_(module) {}
  Module* module_;  // owned by the connection
};

}  // namespace dun

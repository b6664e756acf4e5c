// A thin RAII layer over sqlite3: a connection, prepared statements with typed bind/step/column,
// and a transaction guard that rolls back unless committed. Every failure is a Result whose
// message names the database file and carries SQLite's own explanation, so a corrupt or locked
// file is reported, never a crash.
//
// Thread safety: one Database per thread (opened in SQLite's multi-thread mode: a connection and
// its statements must not be used by two threads at once). A Statement must not outlive the
// Database that prepared it.
//
// Private to engine/store: nothing else includes it (scripts/check_includes.py).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace dun::sqlite {

class Statement;

class Database {
 public:
  // Opens (creating it when absent) the database file and sets the pragmas every dun connection
  // uses: WAL journal, synchronous=FULL, foreign keys on, a busy timeout. Fails with a clear
  // message when the file is not a database, is unreadable, or its directory does not exist.
  static Result<Database> open(const std::filesystem::path& path);
  // Opens an existing file for reading only, without changing a byte of it or leaving any file
  // beside it (`dun simulate` and `dun explain` look at the real state store this way). When no
  // `-wal` file exists every committed page is in the main file, and it is opened `immutable`
  // (no locks, no `-shm`/`-wal` created); when one exists (another process has the file open, or
  // a crash left it) it is opened read-only through the WAL so the latest commits are seen.
  static Result<Database> open_read_only(const std::filesystem::path& path);
  // Opens an existing file for reading only, and live: never `immutable`, so every statement sees
  // what other processes committed since (through the WAL and its `-shm` index, which SQLite may
  // create beside the file). For a long-lived reader beside writers (`dun serve`); the database
  // itself is never written through it.
  static Result<Database> open_live_read_only(const std::filesystem::path& path);

  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  ~Database() = default;

  // Runs SQL text without parameters (schema scripts, pragmas). Never for values: use prepare.
  Status execute(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);

  // "dun.db: <what>: <SQLite's message>" for the connection's last failure.
  Error error(std::string_view what) const;
  const std::string& file_name() const { return file_name_; }
  // Rows changed by the last INSERT/UPDATE/DELETE.
  std::int64_t changes() const;
  std::int64_t last_insert_rowid() const;
  // Copies the whole database into `target` (created or replaced) with SQLite's online backup,
  // which reads a consistent snapshot even while other connections write.
  Status backup_to(const std::filesystem::path& target);
  // The raw connection, for registering an application SQL function (the reshard's shard_of).
  sqlite3* handle() const { return connection_.get(); }

  // While a SmallCacheScope lives the connection's page cache keeps at most `kib` KiB (4 MiB
  // unless told), and returns to its size before (64 MiB for a writer: Database::open) when the
  // scope ends. For a read that visits every page of a large table once (the run's load of all
  // sequences): those pages are not read again before the run commits, so caching them would only
  // add 64 MiB to the run's peak memory; shrinking the cache frees the pages above the limit at
  // once. And for a write of rows mostly in key order (the run's commit), whose dirty pages are
  // spilled to the WAL past the limit instead of held. REQUIRES: the scope ends before the
  // database is destroyed or moved.
  class SmallCacheScope {
   public:
    explicit SmallCacheScope(Database& database, int kib = 4 * 1024);
    ~SmallCacheScope();
    SmallCacheScope(const SmallCacheScope&) = delete;
    SmallCacheScope& operator=(const SmallCacheScope&) = delete;

   private:
    Database& database_;
    int previous_cache_size_;  // PRAGMA cache_size's own number (negative: KiB)
  };

 private:
  // PRAGMA cache_size: pages, or KiB when negative. Neither can fail on an open connection.
  int cache_size() const;
  void set_cache_size(int size);

  struct Closer {
    void operator()(sqlite3* connection) const;
  };
  Database(sqlite3* connection, std::string file_name);
  // open_read_only and open_live_read_only: the file opened read-only with the URI `query`.
  static Result<Database> open_uri_read_only(const std::filesystem::path& path,
                                             std::string_view query);

  std::unique_ptr<sqlite3, Closer> connection_;
  std::string file_name_;
};

// A prepared statement; it needs the Database that prepared it to stay open (it does not mind the
// Database object being moved). Binds are 1-based like SQLite's; a failed bind is remembered and
// returned by the next step(), so call sites stay a straight list of binds. Text is copied on bind,
// except by bind_static.
class Statement {
 public:
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;
  ~Statement() = default;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  // NULL when empty: optional text columns (reason, assignee, …) are NULL rather than "".
  Statement& bind_or_null(int index, std::string_view value);
  Statement& bind(int index, const std::optional<std::string>& value);
  // Text bound without a copy, for a statement run once per row of a large batch (the copy is a
  // malloc and a free per value). REQUIRES: `value`'s bytes stay alive and unchanged until the
  // statement has run and is rebound (or destroyed): a reset keeps the binding, pointing at them.
  Statement& bind_static(int index, std::string_view value);
  // bind_static, or NULL when empty (as bind_or_null).
  Statement& bind_static_or_null(int index, std::string_view value);
  // Bytes that are not text (a PDF): stored as a BLOB, never converted.
  Statement& bind_blob(int index, std::string_view bytes);

  // true: a row is available through the column accessors; false: the statement is done.
  Result<bool> step();
  // Steps to completion (for statements that return no rows) and resets for the next use.
  Status run();
  // Makes the statement ready to run again; bindings are kept until rebound.
  void reset();

  std::int64_t column_int64(int index) const;
  // Valid until the next step/reset; "" for NULL.
  std::string_view column_text(int index) const;
  bool column_is_null(int index) const;
  std::optional<std::string> column_optional_text(int index) const;
  // A BLOB column's bytes (valid until the next step/reset); empty for NULL.
  std::string_view column_blob(int index) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const;
  };
  Statement(sqlite3_stmt* statement, std::string file_name);
  void note_bind_result(int code, int index);
  Statement& bind_text(int index, std::string_view value, bool copy);
  Error error(std::string_view what) const;

  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
  std::string file_name_;
  std::optional<Error> bind_error_;

  friend class Database;
};

// BEGIN IMMEDIATE on construction (writers take the lock up front, so two dun processes never
// deadlock half-way through a run); ROLLBACK on destruction unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Database& database);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  Status commit();

 private:
  explicit Transaction(Database& database) : database_(&database) {}
  Database* database_;
};

}  // namespace dun::sqlite

#include "engine/store/sqlite_db.hpp"

#include <sqlite3.h>

#include <string>
#include <utility>

namespace dun::sqlite {

namespace {

Error error_of(sqlite3* connection, std::string_view file_name, std::string_view what) {
  std::string message(file_name);
  message += ": ";
  message += what;
  if (connection != nullptr) {
    message += ": ";
    message += sqlite3_errmsg(connection);
  }
  return Error{std::move(message)};
}

// A busy writer (another dun process delivering, a collector confirming a task) usually holds the
// lock for milliseconds; waiting a while is better than failing a daily run.
constexpr int kBusyTimeoutMs = 10'000;

// synchronous=FULL in WAL mode syncs the WAL on every commit, so a committed run survives a power
// loss, not only a process crash. NORMAL would keep the file consistent but could lose the last
// commits, e.g. the "sent" mark of a delivered email, which would then be sent again. dun commits
// one transaction per run phase, and one per delivery outcome, whose fsync costs far less than
// the delivery itself (an SMTP exchange, an HTTP call).
//
// The page cache may grow to 64 MiB (it is allocated as used). With SQLite's default 2 MB cache
// the b-tree pages a run of a million invoices works on are evicted and fetched again all the
// time (bench/state_store_bench.cpp, 1M invoices: 64 s of CPU with the default cache, 46 s with a
// 1 GiB one, on a busy machine). 64 MiB holds the pages a commit in key order keeps working on;
// the transaction's other dirty pages spill to the WAL before the commit (uncommitted frames, which
// recovery ignores), instead of staying in memory: a first day at 1M invoices commits with the
// same CPU time and ~90 MB less peak RSS than with 1 GiB (bench/RESULTS.md).
//
// Temporary files in memory: while a run commits on a store that already holds sequences, the
// undo log's triggers make every upsert a statement that may fail after writing, so SQLite keeps a
// statement journal for each; in memory it is a buffer reused, never a file created and written.
//
// Pages of 16 KiB for a file this connection creates (SQLite keeps an existing file's size: a
// store made before keeps its 4 KiB pages). A first run of a million invoices inserts a few
// million rows in key order: with four times fewer, fuller pages its WAL has four times fewer
// frames to checksum, write and checkpoint, and its b-trees fewer levels (bench/RESULTS.md). Set
// before journal_mode, which writes the file's first page.
constexpr std::string_view kConnectionPragmas =
    "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";
constexpr int kCacheSize = -64 * 1024;  // KiB

}  // namespace

void Database::Closer::operator()(sqlite3* connection) const { sqlite3_close_v2(connection); }

Database::Database(sqlite3* connection, std::string file_name)
    : connection_(connection), file_name_(std::move(file_name)) {}

Result<Database> Database::open(const std::filesystem::path& path) {
  std::string file_name = path.string();
  sqlite3* raw = nullptr;
  // NOMUTEX: a connection belongs to one thread (dun opens one per command), so SQLite need not
  // take the connection's mutex on every bind, step and column call of a million-row commit.
  const int code =
      sqlite3_open_v2(file_name.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database database(raw, file_name);  // owns the handle even when opening failed
  if (code != SQLITE_OK) {
    return error_of(raw, file_name, "cannot open the database");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // The first statement reads the file header: a file that is not a database fails here.
  if (auto pragmas = database.execute(kConnectionPragmas); !pragmas) {
    return pragmas.error();
  }
  database.set_cache_size(kCacheSize);
  return database;
}

int Database::cache_size() const {
  sqlite3_stmt* statement = nullptr;
  int size = kCacheSize;
  if (sqlite3_prepare_v2(connection_.get(), "PRAGMA cache_size", -1, &statement, nullptr) ==
          SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    size = sqlite3_column_int(statement, 0);
  }
  sqlite3_finalize(statement);
  return size;
}

void Database::set_cache_size(int size) {
  const std::string pragma = "PRAGMA cache_size=" + std::to_string(size);
  sqlite3_exec(connection_.get(), pragma.c_str(), nullptr, nullptr, nullptr);
}

Database::SmallCacheScope::SmallCacheScope(Database& database, int kib)
    : database_(database), previous_cache_size_(database.cache_size()) {
  database_.set_cache_size(-kib);
}

Database::SmallCacheScope::~SmallCacheScope() { database_.set_cache_size(previous_cache_size_); }

namespace {

// A path as an SQLite URI path: the characters a URI gives a meaning to are percent-encoded.
std::string uri_path(const std::filesystem::path& path) {
  std::string uri;
  for (const char c : std::filesystem::absolute(path).string()) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  return uri;
}

}  // namespace

Result<Database> Database::open_read_only(const std::filesystem::path& path) {
  std::filesystem::path wal = path;
  wal += "-wal";
  std::error_code error;
  const bool has_wal = std::filesystem::exists(wal, error);
  return open_uri_read_only(path, has_wal ? "?mode=ro" : "?mode=ro&immutable=1");
}

Result<Database> Database::open_live_read_only(const std::filesystem::path& path) {
  return open_uri_read_only(path, "?mode=ro");
}

Result<Database> Database::open_uri_read_only(const std::filesystem::path& path,
                                              std::string_view query) {
  std::string file_name = path.string();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return Error{file_name + ": no such database file"};
  }
  const std::string uri = "file:" + uri_path(path) + std::string(query);
  sqlite3* raw = nullptr;
  const int code =
      sqlite3_open_v2(uri.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  Database database(raw, file_name);
  if (code != SQLITE_OK) return error_of(raw, file_name, "cannot open the database for reading");
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // Reading the schema checks that the file is a database at all.
  if (auto schema = database.execute("SELECT count(*) FROM sqlite_schema"); !schema) {
    return schema.error();
  }
  return database;
}

Status Database::backup_to(const std::filesystem::path& target) {
  sqlite3* raw = nullptr;
  const std::string target_name = target.string();
  const int opened = sqlite3_open_v2(target_name.c_str(), &raw,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, Closer> destination(raw);
  if (opened != SQLITE_OK) return error_of(raw, target_name, "cannot create the copy");
  sqlite3_backup* backup = sqlite3_backup_init(raw, "main", connection_.get(), "main");
  if (backup == nullptr) return error_of(raw, target_name, "cannot start the copy");
  const int stepped = sqlite3_backup_step(backup, -1);  // every page in one step
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
    return error_of(raw, file_name_, "copying into " + target_name + " failed");
  }
  return Status::Ok();
}

Status Database::execute(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  const int code = sqlite3_exec(connection_.get(), text.c_str(), nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    std::string reason = message != nullptr ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    return Error{file_name_ + ": " + reason};
  }
  return Status::Ok();
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int code = sqlite3_prepare_v3(connection_.get(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (code != SQLITE_OK) {
    sqlite3_finalize(raw);
    return error_of(connection_.get(), file_name_, "cannot prepare a statement");
  }
  return Statement(raw, file_name_);
}

Error Database::error(std::string_view what) const {
  return error_of(connection_.get(), file_name_, what);
}

std::int64_t Database::changes() const { return sqlite3_changes64(connection_.get()); }

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(connection_.get());
}

void Statement::Finalizer::operator()(sqlite3_stmt* statement) const {
  sqlite3_finalize(statement);
}

Statement::Statement(sqlite3_stmt* statement, std::string file_name)
    : statement_(statement), file_name_(std::move(file_name)) {}

Error Statement::error(std::string_view what) const {
  return error_of(sqlite3_db_handle(statement_.get()), file_name_, what);
}

void Statement::note_bind_result(int code, int index) {
  if (code != SQLITE_OK && !bind_error_) {
    bind_error_ = error("cannot bind parameter " + std::to_string(index));
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  note_bind_result(sqlite3_bind_int64(statement_.get(), index, value), index);
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view value, bool copy) {
  // A non-null pointer even for "", so an empty string stays '' and is never NULL.
  note_bind_result(
      sqlite3_bind_text64(statement_.get(), index, value.empty() ? "" : value.data(), value.size(),
                          copy ? SQLITE_TRANSIENT : SQLITE_STATIC, SQLITE_UTF8),
      index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  return bind_text(index, value, true);
}

Statement& Statement::bind_static(int index, std::string_view value) {
  return bind_text(index, value, false);
}

Statement& Statement::bind_static_or_null(int index, std::string_view value) {
  return value.empty() ? bind_null(index) : bind_static(index, value);
}

Statement& Statement::bind_null(int index) {
  note_bind_result(sqlite3_bind_null(statement_.get(), index), index);
  return *this;
}

Statement& Statement::bind_or_null(int index, std::string_view value) {
  return value.empty() ? bind_null(index) : bind(index, value);
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  // A non-null pointer even for no bytes, so an empty document is a zero-length BLOB, not NULL.
  note_bind_result(sqlite3_bind_blob64(statement_.get(), index, bytes.empty() ? "" : bytes.data(),
                                       bytes.size(), SQLITE_TRANSIENT),
                   index);
  return *this;
}

Result<bool> Statement::step() {
  if (bind_error_) {
    Error failure = std::move(*bind_error_);
    bind_error_.reset();
    return failure;
  }
  const int code = sqlite3_step(statement_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  Error failure = error("cannot run a statement");
  sqlite3_reset(statement_.get());  // so the statement can be used again after the failure
  return failure;
}

Status Statement::run() {
  auto stepped = step();
  while (stepped && *stepped) stepped = step();
  reset();
  if (!stepped) return stepped.error();
  return Status::Ok();
}

void Statement::reset() { sqlite3_reset(statement_.get()); }

std::int64_t Statement::column_int64(int index) const {
  return sqlite3_column_int64(statement_.get(), index);
}

std::string_view Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_.get(), index);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_.get(), index);
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::string_view Statement::column_blob(int index) const {
  const void* bytes = sqlite3_column_blob(statement_.get(), index);
  if (bytes == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_.get(), index);
  return {static_cast<const char*>(bytes), static_cast<std::size_t>(size)};
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(statement_.get(), index) == SQLITE_NULL;
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return std::string(column_text(index));
}

Result<Transaction> Transaction::begin(Database& database) {
  if (auto begun = database.execute("BEGIN IMMEDIATE"); !begun) return begun.error();
  return Transaction(database);
}

Transaction::Transaction(Transaction&& other) noexcept
    : database_(std::exchange(other.database_, nullptr)) {}

Transaction::~Transaction() {
  // The rollback's own failure is not actionable here: SQLite has already rolled back whatever it
  // could not keep, and the caller is reporting the error that brought us here.
  if (database_ != nullptr) (void)database_->execute("ROLLBACK");
}

Status Transaction::commit() {
  Database* database = std::exchange(database_, nullptr);
  if (auto committed = database->execute("COMMIT"); !committed) {
    (void)database->execute("ROLLBACK");
    return committed.error();
  }
  return Status::Ok();
}

}  // namespace dun::sqlite

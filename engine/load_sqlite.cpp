#include "engine/load_sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "engine/portfolio_builder.hpp"

namespace dun {
namespace {

constexpr std::size_t kMaxColumns = 16;  // more than any table of the schema has

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

class SqliteSource {
 public:
  SqliteSource(sqlite3* db, std::string file) : db_(db), file_(std::move(file)) {}

  Error error(const std::string& doing) const {
    return Error{file_ + ": cannot " + doing + ": " + sqlite3_errmsg(db_)};
  }

  Result<Statement> prepare(const std::string& sql) const {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) !=
        SQLITE_OK) {
      return error("prepare '" + sql + "'");
    }
    return Statement(statement);
  }

  // The table's column names; empty when the table does not exist.
  Result<std::vector<std::string>> columns_of(std::string_view table) const {
    auto statement = prepare("SELECT name FROM pragma_table_info(?1)");
    if (!statement.ok()) return statement.error();
    sqlite3_bind_text(statement->get(), 1, table.data(), static_cast<int>(table.size()),
                      SQLITE_STATIC);
    std::vector<std::string> names;
    int step;
    while ((step = sqlite3_step(statement->get())) == SQLITE_ROW) {
      names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement->get(), 0)));
    }
    if (step != SQLITE_DONE) return error("read the columns of table '" + std::string(table) + "'");
    return names;
  }

  std::size_t estimated_rows(std::string_view table) const {
    // max(rowid) is one b-tree descent, unlike count(*); it only sizes reservations.
    auto statement = prepare("SELECT max(rowid) FROM \"" + std::string(table) + "\"");
    if (!statement.ok() || sqlite3_step(statement->get()) != SQLITE_ROW) return 0;
    return static_cast<std::size_t>(
        std::max<sqlite3_int64>(0, sqlite3_column_int64(statement->get(), 0)));
  }

  Result<bool> load_table(const TableSpec& spec, PortfolioBuilder& builder,
                          std::vector<std::string>& warnings) const;

 private:
  sqlite3* db_;
  std::string file_;
};

Result<bool> SqliteSource::load_table(const TableSpec& spec, PortfolioBuilder& builder,
                                      std::vector<std::string>& warnings) const {
  const auto names = columns_of(spec.name);
  if (!names.ok()) return names.error();
  const std::string table(spec.name);
  if (names->empty()) {
    if (!spec.required_file) return true;
    return Error{file_ + ": table '" + table +
                 "' is missing (a snapshot needs customers and invoices)"};
  }
  // The SELECT lists only the schema's own column names (constants, never data), quoted.
  std::string select = "SELECT rowid";
  std::vector<int> spec_columns;  // result column k + 1 holds spec column spec_columns[k]
  for (std::size_t column = 0; column < spec.columns.size(); ++column) {
    const std::string_view name = spec.columns[column].name;
    if (std::find(names->begin(), names->end(), name) == names->end()) {
      if (!spec.columns[column].required) continue;
      return Error{file_ + ": table '" + table + "': required column '" + std::string(name) +
                   "' is missing"};
    }
    select += ", \"" + std::string(name) + "\"";
    spec_columns.push_back(static_cast<int>(column));
  }
  select += " FROM \"" + table + "\"";
  std::string unknown;
  for (const std::string& name : *names) {
    bool known = false;
    for (const ColumnSpec& column : spec.columns) known = known || column.name == name;
    if (!known) unknown += (unknown.empty() ? "'" : ", '") + name + "'";
  }
  if (!unknown.empty()) {
    warnings.push_back(file_ + ": table '" + table + "': ignoring unknown column" +
                       (unknown.find(',') == std::string::npos ? " " : "s ") + unknown);
  }

  auto statement = prepare(select);
  if (!statement.ok()) return statement.error();
  sqlite3_stmt* rows = statement->get();
  builder.begin_table(spec.table, table, estimated_rows(table));
  std::array<std::string_view, kMaxColumns> values{};
  const std::span<const std::string_view> row(values.data(), spec.columns.size());
  int step;
  while ((step = sqlite3_step(rows)) == SQLITE_ROW) {
    const std::int64_t rowid = sqlite3_column_int64(rows, 0);
    values.fill({});
    int bad_column = -1;
    std::string reason;
    for (std::size_t k = 0; k < spec_columns.size(); ++k) {
      const int result_column = static_cast<int>(k) + 1;
      const int column = spec_columns[k];
      const int type = sqlite3_column_type(rows, result_column);
      if (type == SQLITE_NULL) continue;
      if (bad_column < 0 && type == SQLITE_BLOB) {
        bad_column = column;
        reason = "is a BLOB (store text)";
      } else if (bad_column < 0 && type == SQLITE_FLOAT && is_money_column(spec.table, column)) {
        bad_column = column;
        reason =
            "is a floating-point REAL, which may not hold the exact amount (store it as "
            "TEXT like '1234.50')";
      }
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(rows, result_column));
      values[column] = std::string_view(
          text, static_cast<std::size_t>(sqlite3_column_bytes(rows, result_column)));
    }
    if (bad_column >= 0) {
      builder.reject(spec.id_column >= 0 ? values[spec.id_column] : std::string_view(), rowid,
                     bad_column, std::move(reason));
    } else {
      builder.add_row(row, rowid);
    }
  }
  if (step != SQLITE_DONE) return error("read table '" + table + "'");
  return true;
}

}  // namespace

Result<LoadedSnapshot> load_sqlite_snapshot(const std::filesystem::path& database,
                                            const LoadOptions& options) {
  std::error_code exists_error;
  if (!std::filesystem::is_regular_file(database, exists_error)) {
    return Error{database.string() + ": no such database file"};
  }
  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(database.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  const Database db(raw);
  SqliteSource source(raw, database.string());
  if (opened != SQLITE_OK) return source.error("open the database");
  // A snapshot is read once, front to back: map it instead of copying pages through the cache.
  sqlite3_exec(raw, "PRAGMA mmap_size=1099511627776", nullptr, nullptr, nullptr);

  LoadedSnapshot snapshot;
  PortfolioBuilder builder(snapshot);
  for (const Table table : tables_in_load_order()) {
    const auto loaded = source.load_table(table_spec(table), builder, snapshot.warnings);
    if (!loaded.ok()) return loaded.error();
  }
  builder.finish();
  return finish_load(std::move(snapshot), options);
}

}  // namespace dun

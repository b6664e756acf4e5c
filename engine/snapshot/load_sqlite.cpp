#include "engine/snapshot/load_sqlite.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/snapshot/portfolio_builder.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

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
  SqliteSource(sqlite3* db, std::string file, std::size_t file_bytes)
      : db_(db), file_(std::move(file)), file_bytes_(file_bytes) {}

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

  // With `customer`, only the rows of that customer (LoadOptions::customer), and of the invoices
  // also the other rows whose id one of theirs repeats, for the duplicate check.
  Status load_table(const TableSpec& spec, PortfolioBuilder& builder,
                    std::vector<std::string>& warnings,
                    const std::optional<std::string>& customer) const;

 private:
  sqlite3* db_;
  std::string file_;
  std::size_t file_bytes_;  // bounds the text of any one column
};

// The WHERE clause of a restricted load of `table` (LoadOptions::customer), ?1 the customer id.
// Values are compared as the loader reads them (sqlite3_value_text: NULL is empty, a number its
// text), so the rows selected are the rows a whole load would give that customer.
std::string customer_condition(Table table) {
  const auto text = [](std::string_view column) {
    return "IFNULL(CAST(\"" + std::string(column) + "\" AS TEXT), '')";
  };
  switch (table) {
    case Table::collectors:
      return "";
    case Table::customers:
      return " WHERE " + text("id") + " = ?1";
    case Table::contacts:
      return " WHERE " + text("customer_id") + " = ?1";
    case Table::invoices:
      return " WHERE " + text("customer_id") + " = ?1 OR " + text("id") + " IN (SELECT " +
             text("id") + " FROM \"invoices\" WHERE " + text("customer_id") +
             " = ?1) ORDER BY rowid";
  }
  return "";
}

Status SqliteSource::load_table(const TableSpec& spec, PortfolioBuilder& builder,
                                std::vector<std::string>& warnings,
                                const std::optional<std::string>& customer) const {
  const auto names = columns_of(spec.name);
  if (!names.ok()) return names.error();
  const std::string table(spec.name);
  if (names->empty()) {
    if (!spec.required_file) return Status::Ok();
    return Error{file_ + ": table '" + table +
                 "' is missing (a snapshot needs customers and invoices)"};
  }
  std::vector<std::string_view> custom;
  for (const std::size_t field : builder.custom_fields_of(spec.table)) {
    custom.push_back(builder.custom_column_name(field));
  }
  if (auto clash = custom_column_clash(spec, custom)) {
    return Error{file_ + ": table '" + table + "': " + *clash};
  }
  // The SELECT lists only the schema's own column names and the declared custom ones (checked
  // identifiers from dun.toml, never data), quoted.
  std::string select = "SELECT rowid";
  std::vector<int> spec_columns;  // result column k + 1 holds spec column spec_columns[k]
  std::vector<char> is_money;     // whether spec_columns[k] holds money
  for (std::size_t column = 0; column < spec.columns.size(); ++column) {
    const std::string_view name = spec.columns[column].name;
    if (std::find(names->begin(), names->end(), name) == names->end()) {
      if (!spec.columns[column].required) continue;
      return Error{file_ + ": table '" + table + "': required column '" + std::string(name) +
                   "' is missing"};
    }
    select += ", \"" + std::string(name) + "\"";
    spec_columns.push_back(static_cast<int>(column));
    is_money.push_back(is_money_column(spec.table, static_cast<int>(column)) ? 1 : 0);
  }
  for (std::size_t k = 0; k < custom.size(); ++k) {
    if (std::find(names->begin(), names->end(), custom[k]) == names->end()) {
      return Error{file_ + ": table '" + table + "': column '" + std::string(custom[k]) +
                   "', declared in dun.toml's [fields], is missing (add the column, or remove the "
                   "field from [fields])"};
    }
    select += ", \"" + std::string(custom[k]) + "\"";
    spec_columns.push_back(static_cast<int>(spec.columns.size() + k));
    is_money.push_back(0);
  }
  select += " FROM \"" + table + "\"";
  std::string unknown;
  for (const std::string& name : *names) {
    bool known = std::find(custom.begin(), custom.end(), name) != custom.end();
    for (const ColumnSpec& column : spec.columns) known = known || column.name == name;
    if (!known) unknown += (unknown.empty() ? "'" : ", '") + name + "'";
  }
  if (!unknown.empty()) {
    warnings.push_back(file_ + ": table '" + table + "': ignoring unknown column" +
                       (unknown.find(',') == std::string::npos ? " " : "s ") + unknown);
  }

  const std::string condition = customer ? customer_condition(spec.table) : std::string();
  auto statement = prepare(select + condition);
  if (!statement.ok()) return statement.error();
  sqlite3_stmt* rows = statement->get();
  if (!condition.empty()) {
    sqlite3_bind_text(rows, 1, customer->data(), static_cast<int>(customer->size()), SQLITE_STATIC);
  }
  builder.begin_table(spec.table, table, condition.empty() ? estimated_rows(table) : 16,
                      file_bytes_);
  // Optional columns the table lacks stay empty for every row; the others are set on each row.
  std::vector<std::string_view> values(spec.columns.size() + custom.size());
  const std::span<const std::string_view> row(values);
  int step;
  while ((step = sqlite3_step(rows)) == SQLITE_ROW) {
    const std::int64_t rowid = sqlite3_column_int64(rows, 0);
    int bad_column = -1;
    std::string reason;
    for (std::size_t k = 0; k < spec_columns.size(); ++k) {
      const int column = spec_columns[k];
      // One sqlite3_column_value per value, then the sqlite3_value_* accessors: each
      // sqlite3_column_* call re-validates the statement and column and checks for a failed
      // allocation, which cost a fifth of the load when done for both the text and its length.
      // The value is "unprotected" (no connection mutex), which is safe here: one thread uses
      // this connection. It stays valid until the next step, like the text it points to.
      sqlite3_value* value = sqlite3_column_value(rows, static_cast<int>(k) + 1);
      // The storage type is only meaningful before sqlite3_value_text converts the value.
      if (is_money[k] && bad_column < 0 && sqlite3_value_type(value) == SQLITE_FLOAT) {
        bad_column = column;
        reason =
            "is a floating-point REAL, which may not hold the exact amount (store it as "
            "TEXT like '1234.50')";
      }
      const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
      // NULL is empty, like an empty CSV field. The length is asked after the text, as SQLite's
      // documentation requires (converting to text may change it).
      values[column] =
          text == nullptr
              ? std::string_view()
              : std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value)));
    }
    const bool other_customer = !condition.empty() && spec.table == Table::invoices &&
                                values[kInvoiceCustomerId] != *customer;
    if (bad_column >= 0 && other_customer) {
      builder.note_invoice_elsewhere(values[kInvoiceId]);
    } else if (bad_column >= 0) {
      builder.reject(spec.id_column >= 0 ? values[spec.id_column] : std::string_view(), rowid,
                     bad_column, std::move(reason));
    } else {
      builder.add_row(row, rowid);
    }
  }
  if (step != SQLITE_DONE) return error("read table '" + table + "'");
  return Status::Ok();
}

// A read-only connection used by one thread (see load_sqlite_snapshot), or nullptr.
Database open_snapshot(const std::filesystem::path& database) {
  sqlite3* raw = nullptr;
  const int opened =
      sqlite3_open_v2(database.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);
  if (opened != SQLITE_OK) db.reset();
  return db;
}

}  // namespace

Result<std::optional<std::string>> sqlite_invoice_customer(const std::filesystem::path& database,
                                                           std::string_view invoice) {
  const Database db = open_snapshot(database);
  if (!db) return std::optional<std::string>();
  SqliteSource source(db.get(), database.string(), 0);
  const std::string text_id = "IFNULL(CAST(\"id\" AS TEXT), '')";
  auto statement = source.prepare(
      "SELECT IFNULL(CAST(\"customer_id\" AS TEXT), '') FROM "
      "\"invoices\" WHERE " +
      text_id + " = ?1 ORDER BY rowid LIMIT 1");
  if (!statement.ok()) return std::optional<std::string>();
  sqlite3_stmt* row = statement->get();
  sqlite3_bind_text(row, 1, invoice.data(), static_cast<int>(invoice.size()), SQLITE_STATIC);
  if (sqlite3_step(row) != SQLITE_ROW) return std::optional<std::string>();
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(row, 0));
  return std::optional<std::string>(
      std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(row, 0))));
}

Result<LoadedSnapshot> load_sqlite_snapshot(const std::filesystem::path& database,
                                            const LoadOptions& options) {
  std::error_code exists_error;
  if (!std::filesystem::is_regular_file(database, exists_error)) {
    return Error{database.string() + ": no such database file"};
  }
  sqlite3* raw = nullptr;
  // One connection used by one thread: without NOMUTEX every sqlite3_column_* call takes and
  // releases the connection's mutex, a sixth of the load's time.
  const int opened =
      sqlite3_open_v2(database.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  const Database db(raw);
  SqliteSource source(raw, database.string(),
                      static_cast<std::size_t>(std::filesystem::file_size(database, exists_error)));
  if (opened != SQLITE_OK) return source.error("open the database");
  // Pragmas measured on a 1M-invoice snapshot (bench/RESULTS.md) and left at SQLite's defaults:
  // mmap_size (no CPU time clearly saved, twice the peak RSS: every page of the file stays
  // mapped), a larger cache_size (each page is read once, so it only adds RSS), query_only and
  // temp_store (the connection is already read-only, and a plain scan needs no temporary store).

  LoadedSnapshot snapshot;
  PortfolioBuilder builder(snapshot, options.shard, options.custom_fields, options.max_field_bytes);
  if (options.customer) builder.restrict_to_customer(*options.customer);
  for (const Table table : tables_in_load_order()) {
    const auto loaded =
        source.load_table(table_spec(table), builder, snapshot.warnings, options.customer);
    if (!loaded.ok()) return loaded.error();
  }
  builder.finish();
  return finish_load(std::move(snapshot), options);
}

}  // namespace dun

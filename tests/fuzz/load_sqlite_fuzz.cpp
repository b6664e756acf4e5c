// libFuzzer target: the SQLite snapshot loader. The input, cut at 0x1E into rows and each row at
// 0x1F into values, fills a real snapshot database (customers, invoices, contacts and collectors
// with the schema's columns); the first byte of a row picks its table and the first byte of each
// value its storage class (TEXT, INTEGER, REAL, BLOB or NULL), since what a producer may store in
// SQLite's dynamic types is what the loader must survive. Every row the loader accepts must keep
// the Portfolio's invariants.
#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "engine/snapshot/load_sqlite.hpp"
#include "engine/snapshot/snapshot_schema.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using dun::fuzz::require;

void exec(sqlite3* db, const std::string& sql) {
  require(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
}

void bind_value(sqlite3_stmt* statement, int index, const std::string& value) {
  const std::string rest = value.empty() ? std::string() : value.substr(1);
  switch (value.empty() ? 0 : static_cast<unsigned char>(value[0]) % 5) {
    case 0:
      sqlite3_bind_text(statement, index, rest.data(), static_cast<int>(rest.size()),
                        SQLITE_TRANSIENT);
      break;
    case 1:
      sqlite3_bind_int64(statement, index, std::strtoll(rest.c_str(), nullptr, 10));
      break;
    case 2:
      sqlite3_bind_double(statement, index, std::strtod(rest.c_str(), nullptr));
      break;
    case 3:
      sqlite3_bind_blob(statement, index, rest.data(), static_cast<int>(rest.size()),
                        SQLITE_TRANSIENT);
      break;
    default:
      sqlite3_bind_null(statement, index);
      break;
  }
}

void check_invariants(const dun::LoadedSnapshot& snapshot) {
  const dun::Portfolio& p = snapshot.portfolio;
  for (std::size_t i = 0; i < p.invoices.size(); ++i) {
    require(p.invoices.customer[i] < p.customers.size());
    require(p.invoices.amount[i] >= 0 && p.invoices.balance[i] <= p.invoices.amount[i]);
    require(p.invoices.id[i].find('\0') == std::string_view::npos);
    require(p.find_invoice(p.invoices.id[i]) == i);
  }
  for (std::size_t c = 0; c < p.customers.size(); ++c) {
    require(p.customers.name[c].find_first_of(std::string_view("\r\n\0", 3)) ==
            std::string_view::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = dun::fuzz::write_temp_file("snapshot.db", "");
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  require(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  for (const dun::Table table : dun::tables_in_load_order()) {
    const dun::TableSpec& spec = dun::table_spec(table);
    std::string create = "CREATE TABLE \"" + std::string(spec.name) + "\" (";
    for (std::size_t k = 0; k < spec.columns.size(); ++k)
      create += (k ? ", \"" : "\"") + std::string(spec.columns[k].name) + "\"";
    exec(db, create + ")");
  }
  for (const std::string& row : dun::fuzz::split(data, size, '\x1e')) {
    if (row.empty()) continue;
    const dun::TableSpec& spec =
        dun::table_spec(dun::tables_in_load_order()[static_cast<unsigned char>(row[0]) % 4]);
    std::string insert = "INSERT INTO \"" + std::string(spec.name) + "\" VALUES (";
    for (std::size_t k = 0; k < spec.columns.size(); ++k) insert += k ? ", ?" : "?";
    sqlite3_stmt* statement = nullptr;
    require(sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &statement, nullptr) == SQLITE_OK);
    const auto values = dun::fuzz::split(reinterpret_cast<const std::uint8_t*>(row.data() + 1),
                                         row.size() - 1, '\x1f');
    for (std::size_t k = 0; k < spec.columns.size(); ++k)
      bind_value(statement, static_cast<int>(k) + 1, k < values.size() ? values[k] : std::string());
    sqlite3_step(statement);
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  const auto loaded = dun::load_sqlite_snapshot(path);
  if (loaded.ok()) check_invariants(*loaded);
  return 0;
}

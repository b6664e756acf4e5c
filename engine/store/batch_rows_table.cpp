#include "engine/store/batch_rows_table.hpp"

#include <sqlite3.h>

#include <utility>

namespace dun {

struct BatchRowsTable::Module {
  std::string declaration;  // CREATE TABLE x(columns, position INTEGER)
  int position_column = 0;  // the index of `position`: the number of the source's columns
  const RowSource* source = nullptr;
};

namespace {

using Module = BatchRowsTable::Module;

struct Table {
  sqlite3_vtab base{};  // first: SQLite hands this pointer back
  const Module* module = nullptr;
};

struct Cursor {
  sqlite3_vtab_cursor base{};  // first, as above
  const Module* module = nullptr;
  std::size_t row = 0;
};

std::size_t row_count(const Module& module) {
  return module.source == nullptr ? 0 : module.source->size();
}

int connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
  const auto* module = static_cast<const Module*>(aux);
  if (const int declared = sqlite3_declare_vtab(db, module->declaration.c_str());
      declared != SQLITE_OK) {
    return declared;
  }
  // Only the batch writer's own statements read it: never a trigger or view of the schema.
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  auto* table = new Table;
  table->module = module;
  *out = &table->base;
  return SQLITE_OK;
}

int disconnect(sqlite3_vtab* table) {
  delete reinterpret_cast<Table*>(table);
  return SQLITE_OK;
}

int best_index(sqlite3_vtab* table, sqlite3_index_info* info) {
  const Module& module = *reinterpret_cast<Table*>(table)->module;
  // The rows come in position order: ORDER BY position needs no sort.
  if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == module.position_column &&
      !info->aOrderBy[0].desc) {
    info->orderByConsumed = 1;
  }
  const auto rows = static_cast<double>(row_count(module));
  info->estimatedCost = rows + 1;
  info->estimatedRows = static_cast<sqlite3_int64>(rows);
  return SQLITE_OK;
}

int open(sqlite3_vtab* table, sqlite3_vtab_cursor** out) {
  auto* cursor = new Cursor;
  cursor->module = reinterpret_cast<Table*>(table)->module;
  *out = &cursor->base;
  return SQLITE_OK;
}

int close(sqlite3_vtab_cursor* cursor) {
  delete reinterpret_cast<Cursor*>(cursor);
  return SQLITE_OK;
}

int filter(sqlite3_vtab_cursor* cursor, int, const char*, int, sqlite3_value**) {
  reinterpret_cast<Cursor*>(cursor)->row = 0;
  return SQLITE_OK;
}

int next(sqlite3_vtab_cursor* cursor) {
  ++reinterpret_cast<Cursor*>(cursor)->row;
  return SQLITE_OK;
}

int eof(sqlite3_vtab_cursor* cursor) {
  const auto* at = reinterpret_cast<Cursor*>(cursor);
  return at->row >= row_count(*at->module) ? 1 : 0;
}

int column(sqlite3_vtab_cursor* cursor, sqlite3_context* context, int index) {
  const auto* at = reinterpret_cast<Cursor*>(cursor);
  if (index == at->module->position_column) {
    sqlite3_result_int64(context, static_cast<sqlite3_int64>(at->row));
  } else {
    at->module->source->column(at->row, index, context);
  }
  return SQLITE_OK;
}

int rowid(sqlite3_vtab_cursor* cursor, sqlite3_int64* out) {
  *out = static_cast<sqlite3_int64>(reinterpret_cast<Cursor*>(cursor)->row);
  return SQLITE_OK;
}

sqlite3_module make_module() {
  sqlite3_module module{};
  module.xCreate = nullptr;  // eponymous-only: no CREATE VIRTUAL TABLE, nothing in the schema
  module.xConnect = connect;
  module.xBestIndex = best_index;
  module.xDisconnect = disconnect;
  module.xOpen = open;
  module.xClose = close;
  module.xFilter = filter;
  module.xNext = next;
  module.xEof = eof;
  module.xColumn = column;
  module.xRowid = rowid;
  return module;
}

const sqlite3_module kModule = make_module();

}  // namespace

void result_static_text(sqlite3_context* context, std::string_view text, bool nullable) {
  if (nullable && text.empty()) {
    sqlite3_result_null(context);
  } else {
    sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
}

void result_copied_text(sqlite3_context* context, std::string_view text) {
  sqlite3_result_text(context, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void result_integer_or_null(sqlite3_context* context, std::optional<int> value) {
  if (value) {
    sqlite3_result_int64(context, *value);
  } else {
    sqlite3_result_null(context);
  }
}

Result<BatchRowsTable> BatchRowsTable::register_on(sqlite::Database& database,
                                                   std::string_view name,
                                                   std::span<const std::string_view> columns) {
  auto* module = new Module;
  module->declaration = "CREATE TABLE x(";
  for (const std::string_view column : columns) {
    module->declaration.append(column).append(", ");
  }
  module->declaration += "position INTEGER)";
  module->position_column = static_cast<int>(columns.size());
  // SQLite owns the module data from here, and frees it when the connection closes or the name
  // is registered again.
  const std::string table(name);
  const int code = sqlite3_create_module_v2(database.handle(), table.c_str(), &kModule, module,
                                            [](void* data) { delete static_cast<Module*>(data); });
  if (code != SQLITE_OK) return database.error("cannot register the table " + table);
  return BatchRowsTable(module);
}

BatchRowsTable::Scope::Scope(BatchRowsTable& table, const RowSource& source) : table_(table) {
  table_.module_->source = &source;
}

BatchRowsTable::Scope::~Scope() { table_.module_->source = nullptr; }

}  // namespace dun

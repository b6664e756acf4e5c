#include "engine/snapshot/load_csv.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "engine/base/mapped_file.hpp"
#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/portfolio_builder.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

std::string header_list(std::span<const ColumnSpec> columns) {
  std::string list;
  for (const ColumnSpec& column : columns)
    list += (list.empty() ? "" : ",") + std::string(column.name);
  return list;
}

// Maps each header field to its position in the table's spec, or to spec size + k for the k-th
// custom column of `custom` (-1 for an unknown column).
Result<std::vector<int>> map_header(const TableSpec& spec, std::span<const std::string_view> custom,
                                    const CsvRecord& header, const std::string& source,
                                    std::vector<std::string>& warnings) {
  if (header.error) {
    return Error{source + ":" + std::to_string(header.line) + ": header: " + header.error->reason};
  }
  if (auto clash = custom_column_clash(spec, custom)) return Error{source + ": " + *clash};
  std::vector<int> spec_column_of_field(header.fields.size(), -1);
  std::vector<char> seen(spec.columns.size() + custom.size(), 0);
  std::string unknown;
  for (std::size_t field = 0; field < header.fields.size(); ++field) {
    const std::string_view name = header.fields[field];
    for (std::size_t column = 0; column < spec.columns.size(); ++column) {
      if (spec.columns[column].name != name) continue;
      if (seen[column]) {
        return Error{source + ": column '" + std::string(name) +
                     "' appears twice in the header; keep one"};
      }
      seen[column] = true;
      spec_column_of_field[field] = static_cast<int>(column);
    }
    for (std::size_t k = 0; k < custom.size(); ++k) {
      if (custom[k] != name) continue;
      const std::size_t column = spec.columns.size() + k;
      if (seen[column]) {
        return Error{source + ": column '" + std::string(name) +
                     "' appears twice in the header; keep one"};
      }
      seen[column] = true;
      spec_column_of_field[field] = static_cast<int>(column);
    }
    if (spec_column_of_field[field] < 0)
      unknown += (unknown.empty() ? "'" : ", '") + std::string(name) + "'";
  }
  for (std::size_t column = 0; column < spec.columns.size(); ++column) {
    if (spec.columns[column].required && !seen[column]) {
      return Error{source + ": required column '" + std::string(spec.columns[column].name) +
                   "' is missing from the header (expected columns: " + header_list(spec.columns) +
                   ")"};
    }
  }
  for (std::size_t k = 0; k < custom.size(); ++k) {
    if (!seen[spec.columns.size() + k]) {
      return Error{source + ": column '" + std::string(custom[k]) +
                   "', declared in dun.toml's [fields], is missing from the header (add the "
                   "column, or remove the field from [fields])"};
    }
  }
  if (!unknown.empty()) {
    warnings.push_back(source + ": ignoring unknown column" +
                       (unknown.find(',') == std::string::npos ? " " : "s ") + unknown);
  }
  return spec_column_of_field;
}

// Reads one table's CSV text into the builder. Fails only when the file cannot be used at all.
Status load_csv_table(const TableSpec& spec, std::span<char> bytes, const std::string& source,
                      PortfolioBuilder& builder, std::vector<std::string>& warnings,
                      const LoadOptions& options) {
  CsvReader reader(bytes, options.max_field_lines);
  CsvRecord record;
  if (!reader.next(record)) {
    return Error{source + ": the file is empty; it needs at least the header row (" +
                 header_list(spec.columns) + ")"};
  }
  std::vector<std::string_view> custom;
  for (const std::size_t field : builder.custom_fields_of(spec.table)) {
    custom.push_back(builder.custom_column_name(field));
  }
  const auto mapped = map_header(spec, custom, record, source, warnings);
  if (!mapped.ok()) return mapped.error();
  const std::vector<int>& spec_column_of_field = *mapped;

  // Line breaks bound the number of records (the reader has made CR line endings LF) (quoted ones
  // make it an overestimate); counting them is a fast vectorised pass that keeps every column at
  // its final size from the start.
  builder.begin_table(spec.table, source,
                      static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1,
                      bytes.size());
  std::vector<std::string_view> values(spec.columns.size() + custom.size());
  const std::span<const std::string_view> row(values);
  while (reader.next(record)) {
    // A complete record overwrites every mapped column, and unmapped ones stay empty: only a
    // short record could leave the previous row's values behind.
    if (record.fields.size() < spec_column_of_field.size()) {
      std::fill(values.begin(), values.end(), std::string_view());
    }
    const std::size_t fields = std::min(record.fields.size(), spec_column_of_field.size());
    for (std::size_t field = 0; field < fields; ++field) {
      if (spec_column_of_field[field] >= 0)
        values[spec_column_of_field[field]] = record.fields[field];
    }
    const std::string_view id = spec.id_column >= 0 ? values[spec.id_column] : std::string_view();
    if (record.error) {
      const int column = record.error->field < spec_column_of_field.size()
                             ? spec_column_of_field[record.error->field]
                             : -1;
      builder.reject(id, record.line, column, record.error->reason);
    } else if (record.fields.size() != spec_column_of_field.size()) {
      builder.reject(id, record.line, -1,
                     "the record has " + std::to_string(record.fields.size()) +
                         " fields but the header has " +
                         std::to_string(spec_column_of_field.size()));
    } else {
      builder.add_row(row, record.line);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<LoadedSnapshot> load_csv_snapshot(const std::filesystem::path& directory,
                                         const LoadOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return Error{directory.string() +
                 ": not a directory (a CSV snapshot is a directory with customers.csv and "
                 "invoices.csv)"};
  }
  LoadedSnapshot snapshot;
  PortfolioBuilder builder(snapshot, options.shard, options.custom_fields, options.max_field_bytes);
  for (const Table table : tables_in_load_order()) {
    const TableSpec& spec = table_spec(table);
    const std::filesystem::path path = directory / (std::string(spec.name) + ".csv");
    if (!spec.required_file && !std::filesystem::exists(path, error)) continue;
    auto file = MappedFile::open(path);
    if (!file.ok()) return file.error();
    // The mapping is released as soon as its table is in the portfolio: peak memory holds one
    // file at a time.
    const auto loaded = load_csv_table(spec, file.value().bytes(), path.string(), builder,
                                       snapshot.warnings, options);
    if (!loaded.ok()) return loaded.error();
  }
  builder.finish();
  return finish_load(std::move(snapshot), options);
}

Result<LoadedSnapshot> load_csv_snapshot_from_memory(CsvSnapshotTexts texts,
                                                     const LoadOptions& options) {
  LoadedSnapshot snapshot;
  PortfolioBuilder builder(snapshot, options.shard, options.custom_fields, options.max_field_bytes);
  for (const Table table : tables_in_load_order()) {
    const TableSpec& spec = table_spec(table);
    std::optional<std::string>& text = table == Table::collectors  ? texts.collectors
                                       : table == Table::customers ? texts.customers
                                       : table == Table::contacts  ? texts.contacts
                                                                   : texts.invoices;
    const std::string source = std::string(spec.name) + ".csv";
    if (!text) {
      if (!spec.required_file) continue;
      return Error{source + ": missing (a snapshot needs customers.csv and invoices.csv)"};
    }
    const auto loaded = load_csv_table(spec, *text, source, builder, snapshot.warnings, options);
    if (!loaded.ok()) return loaded.error();
  }
  builder.finish();
  return finish_load(std::move(snapshot), options);
}

}  // namespace dun

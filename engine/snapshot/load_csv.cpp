#include "engine/snapshot/load_csv.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/base/mapped_file.hpp"
#include "engine/base/usable_cpus.hpp"
#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/customer_index.hpp"
#include "engine/snapshot/customer_records.hpp"
#include "engine/snapshot/portfolio_builder.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

std::string header_list(std::span<const ColumnSpec> columns) {
  std::string list;
  for (const ColumnSpec& column : columns) {
    if (!list.empty()) list += ',';  // appended: see quoted() in row_checks.cpp on GCC 12
    list += column.name;
  }
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

// A record as the builder sees it: one value per spec column (then the custom columns), or the
// reason it cannot be read at all.
class RecordMapping {
 public:
  RecordMapping(const TableSpec& spec, const std::vector<int>& spec_column_of_field,
                std::size_t columns)
      : spec_(spec), spec_column_of_field_(spec_column_of_field), values_(columns) {}

  // Calls add(row) or reject(id, column, reason).
  template <typename Add, typename Reject>
  void route(const CsvRecord& record, Add&& add, Reject&& reject) {
    // A complete record overwrites every mapped column, and unmapped ones stay empty: only a
    // short record could leave the previous row's values behind.
    if (record.fields.size() < spec_column_of_field_.size()) {
      std::fill(values_.begin(), values_.end(), std::string_view());
    }
    const std::size_t fields = std::min(record.fields.size(), spec_column_of_field_.size());
    for (std::size_t field = 0; field < fields; ++field) {
      if (spec_column_of_field_[field] >= 0)
        values_[spec_column_of_field_[field]] = record.fields[field];
    }
    const std::string_view id =
        spec_.id_column >= 0 ? values_[spec_.id_column] : std::string_view();
    if (record.error) {
      const int column = record.error->field < spec_column_of_field_.size()
                             ? spec_column_of_field_[record.error->field]
                             : -1;
      reject(id, column, record.error->reason);
    } else if (record.fields.size() != spec_column_of_field_.size()) {
      reject(id, -1,
             "the record has " + std::to_string(record.fields.size()) +
                 " fields but the header has " + std::to_string(spec_column_of_field_.size()));
    } else {
      add(std::span<const std::string_view>(values_));
    }
  }

 private:
  const TableSpec& spec_;
  const std::vector<int>& spec_column_of_field_;
  std::vector<std::string_view> values_;
};

// One record into the builder: its row, or its rejection with the reason.
void add_record(const CsvRecord& record, RecordMapping& mapping, PortfolioBuilder& builder) {
  mapping.route(
      record, [&](std::span<const std::string_view> row) { builder.add_row(row, record.line); },
      [&](std::string_view id, int column, std::string reason) {
        builder.reject(id, record.line, column, std::move(reason));
      });
}

// add_record's row or rejection, prepared into `rows` for PortfolioBuilder::commit.
void prepare_record(const CsvRecord& record, RecordMapping& mapping,
                    const PortfolioBuilder& builder, PortfolioBuilder::PreparedRows& rows) {
  mapping.route(
      record,
      [&](std::span<const std::string_view> row) { builder.prepare_row(row, record.line, rows); },
      [&](std::string_view id, int column, std::string reason) {
        builder.prepare_unreadable(id, record.line, column, std::move(reason), rows);
      });
}

// Gives a mapped file's pages back to the system once they have been read, a few MiB at a time:
// the builder copies every value it keeps, so once the records before an offset are added nothing
// reads those bytes again, and the load's peak memory holds the part of the file still to be read
// instead of all of it (at 10M invoices, ~1 GB). Records are released only by the thread that
// adds them to the portfolio; a second thread's prepared rows view the file until they are
// committed. A ReadPages without a file (texts in memory) releases nothing.
class ReadPages {
 public:
  // `edited_ahead`: the text was changed in place ahead of the readers (a CR-only file's line
  // endings rewritten), so no page may be given back before it is read.
  ReadPages(std::span<const char> bytes, MappedFile* file, bool edited_ahead)
      : bytes_(bytes), file_(file), edited_ahead_(edited_ahead) {}

  // The line breaks in [from, to), each part's pages given back once counted (the readers map
  // them again as they reach them: mapping a page of the page cache is cheap, holding the whole
  // file is not), unless the text was edited ahead.
  std::size_t count_lines(std::size_t from, std::size_t to) {
    std::size_t lines = 0;
    for (std::size_t begin = from; begin < to; begin += kStep) {
      const std::size_t end = std::min(to, begin + kStep);
      lines += static_cast<std::size_t>(
          std::count(bytes_.begin() + static_cast<std::ptrdiff_t>(begin),
                     bytes_.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
      if (file_ != nullptr && !edited_ahead_) file_->release(begin, end);
    }
    return lines;
  }

  // Every record starting before `offset` is in the portfolio or will never be read again.
  void done_before(std::size_t offset) {
    if (file_ == nullptr || offset < released_ + kStep) return;
    const std::size_t end = offset / MappedFile::page_size() * MappedFile::page_size();
    file_->release(released_, end);
    released_ = end;
  }

 private:
  static constexpr std::size_t kStep = std::size_t{4} << 20;
  std::span<const char> bytes_;
  MappedFile* file_;
  bool edited_ahead_;
  std::size_t released_ = 0;  // [0, released_) given back; a multiple of the page size
};

// Whether a table's rows go through PortfolioBuilder::prepare_row and commit (the invoices
// table's, from a text under 4 GiB: the prepared rows skip the builder's 4 GiB column check,
// which a smaller text cannot need).
bool prepares_rows(Table table, std::span<const char> bytes) {
  constexpr std::size_t kMaxBytes = std::size_t{1} << 32;
  return PortfolioBuilder::prepares_rows(table) && bytes.size() < kMaxBytes;
}

// Adds every record `reader` has left to the builder; stops early (returning the record's start)
// before a record `stop` says to read again, or before one starting where `join_at` (sorted)
// says a record starts: the index into join_at is then returned in `joined`.
//
// `in_chunks` (prepares_rows): the records are prepared a few thousand at a time and each chunk
// committed in order, as add_row would add them one by one. The commit looks the ids up with
// its prefetch a few rows ahead, where add_row waits for each row's cache miss in an id index
// that at 10M invoices is 256 MB (bench/RESULTS.md, tenth round). The chunk is reused, so it
// holds no fresh memory after the first; its rows view the text (and the reader's unescaped
// fields) until committed.
struct ReadEnd {
  std::optional<CsvPosition> reread;  // the reader's part ended in a quoted field
  std::optional<std::size_t> joined;  // the record that starts at join_at[*joined]
};
ReadEnd add_records(CsvReader& reader, RecordMapping& mapping, PortfolioBuilder& builder,
                    bool stop_at_end_in_quoted_field, std::span<const std::size_t> join_at,
                    ReadPages& pages, bool in_chunks) {
  // A chunk ends at whichever limit comes first: its rows, or the text they view, which cannot
  // be given back until they are committed (ReadPages).
  constexpr std::size_t kChunkRows = 4096;
  constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
  std::size_t chunk_start = reader.position().offset;
  PortfolioBuilder::PreparedRows chunk;
  if (in_chunks) {
    chunk.rows.reserve(kChunkRows);
    reader.keep_unescaped_fields();
  }
  // Commits the chunk; `next` is where the first record not in it starts.
  const auto commit_chunk = [&](std::size_t next) {
    if (!chunk.rows.empty()) builder.commit(chunk, 0);
    chunk.rows.clear();
    chunk.problems.clear();
    chunk.cells.clear();
    reader.reuse_unescaped_fields();
    pages.done_before(next);
    chunk_start = next;
  };
  CsvRecord record;
  std::size_t next_join = 0;
  while (reader.next(record)) {
    if (stop_at_end_in_quoted_field && reader.reached_end_in_quoted_field()) {
      commit_chunk(record.offset);
      return {CsvPosition{record.offset, record.line}, std::nullopt};
    }
    while (next_join < join_at.size() && join_at[next_join] < record.offset) ++next_join;
    if (next_join < join_at.size() && join_at[next_join] == record.offset) {
      commit_chunk(record.offset);
      return {std::nullopt, next_join};
    }
    if (!in_chunks) {
      // The records before this one are in the portfolio (their values copied).
      pages.done_before(record.offset);
      add_record(record, mapping, builder);
      continue;
    }
    prepare_record(record, mapping, builder, chunk);
    const std::size_t next = reader.position().offset;
    if (chunk.rows.size() == kChunkRows || next - chunk_start >= kChunkBytes) commit_chunk(next);
  }
  commit_chunk(reader.position().offset);
  return {};
}

// The byte where a second thread starts reading the table's records, or 0 to read it on this
// thread alone (a small file, one core, a table whose rows cannot be prepared apart).
std::size_t second_part_start(std::span<const char> bytes, CsvPosition body, Table table,
                              const LoadOptions& options) {
  if (!prepares_rows(table, bytes)) return 0;
  if (options.csv_split_at != 0) {
    const std::size_t at = options.csv_split_at;
    const bool line_start = at > body.offset && at < bytes.size() && bytes[at - 1] == '\n';
    return line_start ? at : 0;
  }
  if (bytes.size() < options.two_thread_min_bytes || usable_cpus() < 2) {
    return 0;
  }
  // The first thread also adds the rows of both parts to the portfolio (their order is the
  // file's), so it takes a little less than half of the text.
  const std::size_t target = body.offset + (bytes.size() - body.offset) * 9 / 20;
  const std::size_t start = likely_record_start(bytes, target);
  return start < bytes.size() ? start : 0;
}

// The header position of spec column `column` (a required one: map_header checked it is there).
std::size_t field_of_column(const std::vector<int>& spec_column_of_field, int column) {
  return static_cast<std::size_t>(
      std::find(spec_column_of_field.begin(), spec_column_of_field.end(), column) -
      spec_column_of_field.begin());
}

// Reads the records `found` names into the builder, as a whole-file reader reads them; the other
// customers' invoices among them only lend their ids to the duplicate check (`id_field`).
void add_found_records(const TableSpec& spec, std::span<char> bytes, CsvPosition body,
                       const std::string& source, const CustomerRecords& found,
                       std::size_t id_field, RecordMapping& mapping, PortfolioBuilder& builder,
                       const LoadOptions& options) {
  // Sized for the records found, not the file: the id index is filled when reserved.
  std::size_t records = 0;
  std::size_t record_bytes = 0;
  for (const RecordRun& run : found.own) {
    records += run.records;
    const char* start = bytes.data() + run.start.offset;
    const char* end = start;
    for (std::size_t k = 0; k < run.records && end != nullptr; ++k) {
      end = static_cast<const char*>(
          std::memchr(end, '\n', static_cast<std::size_t>(bytes.data() + bytes.size() - end)));
      if (end != nullptr) ++end;
    }
    record_bytes +=
        static_cast<std::size_t>((end != nullptr ? end : bytes.data() + bytes.size()) - start);
  }
  builder.begin_table(spec.table, source, records + 1, record_bytes);
  CsvReader reader(bytes, body, options.max_field_lines);
  CsvRecord record;
  std::size_t elsewhere = 0;
  for (const RecordRun& run : found.own) {
    for (; elsewhere < found.elsewhere.size() && found.elsewhere[elsewhere] < run.start.offset;
         ++elsewhere) {
      reader.resume_at({found.elsewhere[elsewhere], 0});
      reader.next(record);
      builder.note_invoice_elsewhere(id_field < record.fields.size() ? record.fields[id_field]
                                                                     : std::string_view());
    }
    reader.resume_at(run.start);
    for (std::size_t k = 0; k < run.records && reader.next(record); ++k) {
      add_record(record, mapping, builder);
    }
  }
}

// Whether each record of `runs` is there and names `customer`: an index describing these files
// points only to such records.
bool runs_name_customer(std::span<char> bytes, CsvPosition body, const std::vector<RecordRun>& runs,
                        std::size_t customer_field, std::string_view customer,
                        int max_field_lines) {
  CsvReader reader(bytes, body, max_field_lines);
  CsvRecord record;
  for (const RecordRun& run : runs) {
    if (run.start.offset < body.offset || run.start.offset >= bytes.size() || run.records == 0) {
      return false;
    }
    reader.resume_at(run.start);
    for (std::size_t k = 0; k < run.records; ++k) {
      if (!reader.next(record) || customer_field >= record.fields.size() ||
          record.fields[customer_field] != customer) {
        return false;
      }
    }
  }
  return true;
}

// The customer index of a restricted load of files (LoadOptions::customer_index), and what the
// tables' loads made of it.
struct IndexUse {
  const CustomerIndex* index = nullptr;
  bool walked = false;   // a table was walked: the index could not answer, or was damaged
  bool damaged = false;  // it pointed to records that do not name the customer
};

// A restricted load's table (LoadOptions::customer): the customer's records, found through the
// index when it answers, else by find_customer_records, read as a whole-file reader reads them;
// the other customers' invoices among them only lend their ids to the duplicate check.
void add_customer_records(const TableSpec& spec, std::span<char> bytes, CsvPosition body,
                          const std::string& source, const std::vector<int>& spec_column_of_field,
                          RecordMapping& mapping, PortfolioBuilder& builder,
                          const LoadOptions& options, IndexUse* index) {
  CustomerRecordQuery query;
  query.customer = *options.customer;
  query.customer_field = field_of_column(spec_column_of_field, customer_column(spec.table));
  std::size_t id_field = 0;
  if (spec.table == Table::invoices) {
    id_field = field_of_column(spec_column_of_field, kInvoiceId);
    query.id_field = id_field;
    query.find_repeated_ids = true;
  }
  query.max_field_lines = options.max_field_lines;
  if (index != nullptr && index->index != nullptr) {
    CustomerIndex::Answer answer = index->index->records_of(query.customer, spec.table);
    using Kind = CustomerIndex::Answer::Kind;
    if (answer.kind == Kind::records &&
        runs_name_customer(bytes, body, answer.records, query.customer_field, query.customer,
                           options.max_field_lines)) {
      add_found_records(spec, bytes, body, source,
                        CustomerRecords{std::move(answer.records), {}, {}}, id_field, mapping,
                        builder, options);
      return;
    }
    index->damaged = index->damaged || answer.kind != Kind::walk;
    index->walked = true;
  }
  const CustomerRecords found = find_customer_records(bytes, body, query);
  add_found_records(spec, bytes, body, source, found, id_field, mapping, builder, options);
}

// Reads one table's CSV text into the builder. Fails only when the file cannot be used at all.
// `file`, when the text is a mapped file, gets its read pages back (ReadPages); `index`: a
// restricted load's customer index, if any.
Status load_csv_table(const TableSpec& spec, std::span<char> bytes, const std::string& source,
                      PortfolioBuilder& builder, std::vector<std::string>& warnings,
                      const LoadOptions& options, MappedFile* file, IndexUse* index = nullptr) {
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
  const std::size_t columns = spec.columns.size() + custom.size();

  const CsvPosition body = reader.position();
  RecordMapping mapping(spec, spec_column_of_field, columns);
  if (options.customer && spec.table != Table::collectors &&
      bytes.size() <= kMaxCustomerScanBytes) {
    add_customer_records(spec, bytes, body, source, spec_column_of_field, mapping, builder, options,
                         index);
    return Status::Ok();
  }
  const std::size_t split = second_part_start(bytes, body, spec.table, options);
  // Line breaks bound the number of records (the reader has made CR line endings LF) (quoted ones
  // make it an overestimate); counting them is a fast vectorised pass that keeps every column at
  // its final size from the start.
  ReadPages pages(bytes, file, reader.rewrote_line_endings());
  const std::size_t lines_before_split = pages.count_lines(0, split);
  const std::size_t total_lines = lines_before_split + pages.count_lines(split, bytes.size()) + 1;
  builder.begin_table(spec.table, source, total_lines, bytes.size());
  if (split == 0) {
    add_records(reader, mapping, builder, /*stop_at_end_in_quoted_field=*/false, {}, pages,
                prepares_rows(spec.table, bytes));
    return Status::Ok();
  }

  // Two threads (docs/snapshot-loading.md). The second prepares the records from `split` on;
  // this one adds the records before it, then the prepared ones. Neither writes to the buffer
  // (read-only readers), so each may read any part of it. The first part's reader sees only the
  // bytes before `split`: if no quoted field of it runs to that end, it read exactly what a
  // reader of the whole file would, and `split` is a record boundary. Otherwise its records from
  // that one on are read again with the whole buffer, until they meet a record the second thread
  // read too: from a common start both readers read the same records.
  PortfolioBuilder::PreparedRows prepared;
  std::vector<std::size_t> prepared_offsets;
  // Sized once: a vector doubling past a million rows would hold both copies at its peak.
  const std::size_t lines_after_split = total_lines - lines_before_split;
  prepared.rows.reserve(lines_after_split);
  prepared_offsets.reserve(lines_after_split);
  CsvReader second_reader(bytes,
                          CsvPosition{split, static_cast<std::int64_t>(lines_before_split) + 1},
                          options.max_field_lines);
  second_reader.keep_unescaped_fields();  // the prepared rows view them until committed
  ReadEnd first_end;
  {
    std::jthread second([&] {
      RecordMapping second_mapping(spec, spec_column_of_field, columns);
      CsvRecord second_record;
      while (second_reader.next(second_record)) {
        prepared_offsets.push_back(second_record.offset);
        prepare_record(second_record, second_mapping, builder, prepared);
      }
    });
    CsvReader first_reader(bytes.first(split), body, options.max_field_lines);
    first_end = add_records(first_reader, mapping, builder,
                            /*stop_at_end_in_quoted_field=*/true, {}, pages, /*in_chunks=*/true);
  }
  // The prepared rows view the file until they are committed; then their bytes are given back
  // (the row after the last committed one starts where the bytes still needed start).
  const auto commit_prepared = [&](std::size_t first) {
    builder.commit(prepared, first, [&](std::size_t committed) {
      if (committed < prepared_offsets.size()) pages.done_before(prepared_offsets[committed]);
    });
  };
  if (!first_end.reread) {
    commit_prepared(0);
    return Status::Ok();
  }
  CsvReader rest(bytes, *first_end.reread, options.max_field_lines);
  const ReadEnd rest_end =
      add_records(rest, mapping, builder, /*stop_at_end_in_quoted_field=*/false, prepared_offsets,
                  pages, /*in_chunks=*/true);
  if (rest_end.joined) commit_prepared(*rest_end.joined);
  return Status::Ok();
}

// The customer index of the snapshot in `directory` (LoadOptions::customer_index): the one
// there if it describes the files, else one written now; nullopt for files too small to be worth
// one, or when none can be written. `use` says which.
std::optional<CustomerIndex> open_customer_index(const std::filesystem::path& directory,
                                                 const LoadOptions& options,
                                                 CustomerIndexUse& use) {
  const CustomerIndexSettings& settings = *options.customer_index;
  std::size_t bytes = 0;
  for (const Table table : {Table::customers, Table::contacts, Table::invoices}) {
    std::error_code error;
    const auto size = std::filesystem::file_size(
        directory / (std::string(table_spec(table).name) + ".csv"), error);
    if (!error) bytes += size;
  }
  if (bytes < settings.min_bytes) return std::nullopt;
  if (auto index = CustomerIndex::open(settings.path, directory, options.max_field_lines)) {
    use = CustomerIndexUse::read;
    return index;
  }
  auto index = CustomerIndex::build(settings, directory, options.max_field_lines);
  use = index ? CustomerIndexUse::written : CustomerIndexUse::walked;
  return index;
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
  if (options.customer) builder.restrict_to_customer(*options.customer);
  std::optional<CustomerIndex> index;
  if (options.customer && options.customer_index) {
    index = open_customer_index(directory, options, snapshot.customer_index);
  }
  IndexUse index_use{index ? &*index : nullptr};
  for (const Table table : tables_in_load_order()) {
    const TableSpec& spec = table_spec(table);
    const std::filesystem::path path = directory / (std::string(spec.name) + ".csv");
    if (!spec.required_file && !std::filesystem::exists(path, error)) continue;
    // With an index, a table's few records are read where it says.
    auto file =
        MappedFile::open(path, index ? MappedFile::Reading::few_pages : MappedFile::Reading::whole);
    if (!file.ok()) return file.error();
    // The mapping is released as soon as its table is in the portfolio: peak memory holds one
    // file at a time.
    const auto loaded = load_csv_table(spec, file.value().bytes(), path.string(), builder,
                                       snapshot.warnings, options, &file.value(), &index_use);
    if (!loaded.ok()) return loaded.error();
  }
  if (index_use.walked) snapshot.customer_index = CustomerIndexUse::walked;
  if (index_use.damaged) discard_customer_index(options.customer_index->path);
  builder.finish();
  return finish_load(std::move(snapshot), options);
}

Result<std::optional<std::string>> csv_invoice_customer(const std::filesystem::path& directory,
                                                        std::string_view invoice,
                                                        const LoadOptions& options) {
  auto file = MappedFile::open(directory / "invoices.csv");
  if (!file.ok()) return file.error();
  const std::span<char> bytes = file.value().bytes();
  CsvReader reader(bytes, options.max_field_lines);
  CsvRecord header;
  if (!reader.next(header) || header.error) return std::optional<std::string>();
  const auto field_named = [&](std::string_view name) -> std::optional<std::size_t> {
    const auto found = std::find(header.fields.begin(), header.fields.end(), name);
    if (found == header.fields.end()) return std::nullopt;
    return static_cast<std::size_t>(found - header.fields.begin());
  };
  const TableSpec& spec = table_spec(Table::invoices);
  const auto id_field = field_named(spec.columns[kInvoiceId].name);
  const auto customer_field = field_named(spec.columns[kInvoiceCustomerId].name);
  if (!id_field || !customer_field || bytes.size() > kMaxCustomerScanBytes) {
    return std::optional<std::string>();
  }
  CustomerRecordQuery query;
  query.customer_field = *customer_field;
  query.id_field = id_field;
  query.invoice = invoice;
  query.stop_at_invoice = true;
  query.max_field_lines = options.max_field_lines;
  return find_customer_records(bytes, reader.position(), query).invoice_customer;
}

Result<LoadedSnapshot> load_csv_snapshot_from_memory(CsvSnapshotTexts texts,
                                                     const LoadOptions& options) {
  LoadedSnapshot snapshot;
  PortfolioBuilder builder(snapshot, options.shard, options.custom_fields, options.max_field_bytes);
  if (options.customer) builder.restrict_to_customer(*options.customer);
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
    const auto loaded =
        load_csv_table(spec, *text, source, builder, snapshot.warnings, options, nullptr);
    if (!loaded.ok()) return loaded.error();
  }
  builder.finish();
  return finish_load(std::move(snapshot), options);
}

}  // namespace dun

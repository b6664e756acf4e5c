// PortfolioBuilder: the one place snapshot rows are checked against data-model.md and turned into
// Portfolio columns. Both loaders feed it rows in the schema's column order (snapshot_schema.hpp),
// so a CSV file and a SQLite table accept and reject exactly the same rows.
//
// A good row is appended to the portfolio; a bad one is left out and recorded in the snapshot's
// quarantine with the first problem found. Tables must be fed in tables_in_load_order(), since
// references are resolved against the rows already loaded.
//
// With a shard (docs/scale-out.md), rows of customers outside it are dropped as they arrive, before
// any check, so a shard's portfolio costs only its share of memory: customers by their id,
// contacts and invoices by the customer id they name. A shard quarantines only its own rows, so
// the shards together quarantine exactly what one unsharded load would: rows that name no
// customer (collectors, records too broken to read) belong to shard 0. The ids of the other
// shards' invoices are still kept (text only), so that a duplicate invoice id is found whichever
// shards its two rows fall in.
//
// Restricted to one customer (restrict_to_customer, `dun explain` and `dun status --customer`),
// the builder keeps that customer's rows alone, as a shard keeps its own: customers by their id,
// contacts and invoices by the customer id they name. The loader hands it only those rows, and
// of the other rows only the invoices whose id one of the customer's invoices repeats, which
// the builder drops, keeping their ids (note_invoice_elsewhere): the customer's rows are then
// kept or quarantined exactly as in a load of the whole snapshot.
//
// Custom fields (dun.toml [fields]): a row of invoices or customers carries, after the spec's
// columns, one value per custom field of its table, in the order custom_fields_of() lists them;
// each is parsed as its declared type (engine/snapshot/custom_cells.hpp) before the row is kept,
// and a bad cell quarantines the row, naming the custom column.
//
// Two threads on one table (the CSV loader's big invoices file, load_csv.cpp): prepare_row does
// every check of an invoices row that needs no earlier row of the table (all but the duplicate
// id) into a PreparedRows, on any thread, while the loading thread adds the rows before them;
// commit() then adds the prepared rows in order, checking their ids exactly as add_row would,
// so the portfolio and the quarantine come out the same as from add_row alone.
//
// The builder keeps a reference to the LoadedSnapshot it fills, which must outlive it; it copies
// every value it keeps (the rows' string_views need only live for the call, or for prepared
// rows until they are committed). Not thread-safe but for prepare_row (see there): one builder
// per load.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "engine/base/shard.hpp"
#include "engine/snapshot/custom_cells.hpp"
#include "engine/snapshot/snapshot.hpp"
#include "engine/snapshot/snapshot_schema.hpp"

namespace dun {

class PortfolioBuilder {
 public:
  explicit PortfolioBuilder(LoadedSnapshot& snapshot, Shard shard = {},
                            std::span<const CustomFieldDeclaration> custom_fields = {},
                            std::size_t max_field_bytes = LoadOptions{}.max_field_bytes);

  // The custom fields whose columns `table` must have: indices into the portfolio's
  // custom_fields, in the order their values follow the spec's columns in a row.
  std::vector<std::size_t> custom_fields_of(Table table) const;
  // The column a custom field reads (its name after the dot).
  std::string_view custom_column_name(std::size_t field) const;

  // Starts reading `table` from `source` (a file path or table name used in quarantine records).
  // `expected_rows` (an estimate, which may be off either way) and `source_bytes` (the size of
  // the text the rows come from) size the columns.
  void begin_table(Table table, std::string source, std::size_t expected_rows,
                   std::size_t source_bytes);
  // `values` holds one value per column of the table's spec, in spec order, then one per custom
  // field of the table (custom_fields_of).
  // REQUIRES: begin_table was called for the table the row belongs to.
  void add_row(std::span<const std::string_view> values, std::int64_t position);
  // Quarantines a row the source could not even read (CSV syntax, SQLite storage type).
  // `column` is a spec position or -1 for the record as a whole.
  void reject(std::string_view id, std::int64_t position, int column, std::string reason);
  // Call once after the last table: builds the derived indexes.
  void finish();
  // Keeps only `customer`'s rows from now on (see the file comment). REQUIRES: before the first
  // begin_table.
  void restrict_to_customer(std::string customer) { customer_ = std::move(customer); }
  // Keeps the id of an invoice row this load leaves out (another shard's, another customer's)
  // for the duplicate check: a later row with that id is a duplicate.
  void note_invoice_elsewhere(std::string_view id);

  struct Problem {
    int column;
    std::string reason;
  };
  // What the last rows had, kept to skip repeated lookups (exports list a customer's invoices
  // together, and most rows repeat the previous row's currency).
  struct RowCache {
    std::string last_customer_id;
    RowIndex last_customer_row = kNoRow;
    std::string last_currency_code;
    Currency last_currency;
  };
  // An invoices row that passed every check but the duplicate id: what its columns receive.
  struct ParsedInvoice {
    std::string_view id, number, pdf;
    std::uint64_t id_hash = 0;
    std::int64_t amount = 0, balance = 0;
    std::int32_t issue_date = 0, due_date = 0, promise_date = kNoDate;
    RowIndex customer = kNoRow;
    Currency currency;
    InvoiceKind kind = InvoiceKind::invoice;
    std::uint8_t disputed = 0, dunning = 1;
  };
  // Consecutive invoices rows prepared by one thread, in source order, for commit().
  struct PreparedRows {
    enum class Outcome : std::uint8_t { parsed, problem, unreadable, other_shard };
    struct Row {
      ParsedInvoice invoice;  // the id always; the rest when parsed
      std::int64_t position = 0;
      Outcome outcome = Outcome::parsed;
      std::uint32_t problem = 0;  // index into problems (problem, unreadable)
    };
    std::vector<Row> rows;
    std::vector<Problem> problems;
    std::vector<CustomCell> cells;  // a parsed row's custom cells, in row order
    RowCache cache;
  };
  // Whether rows of `table` may be prepared on other threads (the invoices table's may).
  static bool prepares_rows(Table table) { return table == Table::invoices; }
  // add_row's checks but the duplicate id, into `rows`. Reads only what no thread writes while
  // the invoices table is read (customers, collectors, the configuration), so any number of
  // threads may call it at once, each with its own PreparedRows, while one other thread calls
  // add_row, reject or commit.
  // REQUIRES: prepares_rows() of the table being read; the table's source is under 4 GiB (so that
  // no text column can outgrow its 4 GiB limit: that check reads the columns, and is skipped).
  void prepare_row(std::span<const std::string_view> values, std::int64_t position,
                   PreparedRows& rows) const;
  // reject()'s record, kept in `rows` (the same thread safety as prepare_row).
  void prepare_unreadable(std::string_view id, std::int64_t position, int column,
                          std::string reason, PreparedRows& rows) const;
  // Adds rows[first..] as add_row and reject would have, in order. Every few thousand rows, and
  // after the last, calls committed(k): rows[..k) are in the portfolio and their views are no
  // longer read (the loader gives their text back).
  // REQUIRES: the same table as when they were prepared; no prepare_row running on `rows`.
  void commit(const PreparedRows& rows, std::size_t first,
              const std::function<void(std::size_t committed)>& committed = {});

 private:
  using Check = std::optional<Problem>;

  // Whether the row's customer is in this shard and is the customer kept (always true unsharded
  // and unrestricted, and for collectors).
  bool owns_row(std::span<const std::string_view> values) const;
  bool keeps_some_rows_only() const { return shard_.sharded() || customer_.has_value(); }
  // Quarantines a row: its id joins the quarantined ids in every shard, the record is kept only
  // by the row's shard (`owned`), or by shard 0 when the row's customer is unknown.
  void quarantine(std::string_view id, std::int64_t position, int column, std::string reason,
                  bool owned);
  // What every value of a row must be, whatever its column: no NUL byte, at most
  // max_field_bytes, and no line break in ids, names, emails, phones and invoice numbers (CR in
  // an address: its lines are separated by LF). Such bytes would reach email headers and letters.
  Check check_values(std::span<const std::string_view> values) const;
  // The table's own checks; appends the row when they pass.
  Check add_checked_row(std::span<const std::string_view> values);
  Check add_collector(std::span<const std::string_view> values);
  Check add_customer(std::span<const std::string_view> values);
  Check add_contact(std::span<const std::string_view> values);
  Check add_invoice(std::span<const std::string_view> values);
  // The invoices row's checks but the duplicate id, into `parsed` and `cells` (appended).
  // `concurrent`: another thread may be appending to the invoices columns, which are then not
  // read (see prepare_row).
  Check parse_invoice(std::span<const std::string_view> values, RowCache& cache, bool concurrent,
                      ParsedInvoice& parsed, std::vector<CustomCell>& cells) const;
  // The duplicate id check, then the row's columns.
  Check append_invoice(const ParsedInvoice& parsed, std::span<const CustomCell> cells);
  // An id's own checks (present, UTF-8). Sets `id_hash` to IdIndex::hash(id) and starts
  // fetching its slot, so that check_unique, called after the row's other checks, rarely waits
  // for memory: on a million rows the index lookup is otherwise the load's main cache miss.
  // No prefetch when `concurrent` (see parse_invoice).
  Check check_id(std::string_view id, int column, const TextColumn& ids, const IdIndex& index,
                 std::uint64_t& id_hash, bool concurrent = false) const;
  // check_id, then check_unique at once (for tables small enough not to need the prefetch).
  Check check_new_id(std::string_view id, int column, const TextColumn& ids, const IdIndex& index,
                     const std::unordered_set<std::string>& quarantined_ids,
                     std::uint64_t& id_hash) const;
  // The id is not taken by an earlier row, loaded or quarantined.
  Check check_unique(std::string_view id, int column, const TextColumn& ids, const IdIndex& index,
                     const std::unordered_set<std::string>& quarantined_ids,
                     std::uint64_t id_hash) const;
  Check resolve_customer(std::string_view id, int column, RowCache& cache, RowIndex& row) const;
  Check parse_currency(std::string_view code, int column, RowCache& cache,
                       Currency& currency) const;
  // Parses the row's custom cells (after the spec's columns of `values`), appending them to
  // `cells`; money in `currency`. Then append_custom_cells() keeps them, once the row is kept.
  Check parse_custom_cells(std::span<const std::string_view> values, Currency currency,
                           bool concurrent, std::vector<CustomCell>& cells) const;
  void append_custom_cells(std::span<const CustomCell> cells);
  // text_problem, or with `concurrent` only the UTF-8 check (the column is not read).
  static std::optional<std::string> stored_text_problem(std::string_view value,
                                                        const TextColumn& column, bool concurrent);

  LoadedSnapshot& snapshot_;
  Shard shard_;
  std::optional<std::string> customer_;  // restrict_to_customer
  std::size_t max_field_bytes_;
  // The ids of invoice rows left out of this load (never read otherwise).
  TextColumn other_shard_invoice_ids_;
  IdIndex other_shard_invoice_index_;
  Table table_ = Table::collectors;
  std::string source_;
  // Ids of quarantined rows: a later row with the same id is still a duplicate, and a reference
  // to a quarantined row says so instead of "unknown".
  std::unordered_set<std::string> quarantined_collectors_;
  std::unordered_set<std::string> quarantined_customers_;
  std::unordered_set<std::string> quarantined_invoices_;
  RowCache cache_;
  // The custom fields of the table being read, and the current row's parsed cells.
  std::vector<std::size_t> table_custom_fields_;
  std::vector<CustomCell> custom_cells_;
};

}  // namespace dun

// What loading a snapshot produces, whatever the source (load_csv.hpp, load_sqlite.hpp).
//
// Bad rows never stop a load and never pass silently: each is left out of the Portfolio and
// recorded as a QuarantinedRow for the state store. A source that cannot be used at all
// (missing, unreadable, a required column absent) makes the load fail with an Error naming the
// file and column; with LoadOptions::strict, so does any bad row, and nothing is returned.
//
// A LoadedSnapshot is a plain value that owns its Portfolio, its quarantine and its warnings; it
// points into no file or database. Once loaded it is read-only by convention: any number of
// threads may read it, nothing synchronises a writer.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/base/quarantined_row.hpp"
#include "engine/base/shard.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/custom_field.hpp"
#include "stdlib/result.hpp"

namespace dun {

// The customer index of a restricted load of a CSV snapshot (customer_index.hpp).
struct CustomerIndexSettings {
  std::filesystem::path path;  // the index file (customer_index_path_for)
  // Snapshots whose customers, contacts and invoices files are smaller are walked without an
  // index: walking 16 MiB costs about as much as starting the process.
  std::size_t min_bytes = std::size_t{16} << 20;
  // A file modified more recently than this is not indexed: it may still be being written.
  std::chrono::milliseconds settle{2000};
};

// What a restricted load did with the customer index (LoadedSnapshot::customer_index).
enum class CustomerIndexUse {
  none,     // no index asked for, a SQLite snapshot, or files too small to be worth one
  read,     // an index of these files was there and answered
  written,  // none was there (or it described other files): this load wrote it, then used it
  walked,   // a file was walked: the index could not be written, could not answer for this
            // customer (an invoice id shared with another customer), or was damaged
};

struct LoadOptions {
  bool strict = false;  // --strict: any bad row fails the load
  Shard shard;          // --shard K/N: only this shard's customers (portfolio_builder.hpp)
  // [snapshot] of dun.toml: a value longer than max_field_bytes is a bad row; a quoted CSV field
  // over more than max_field_lines line breaks is a bad row (csv_reader.hpp).
  std::size_t max_field_bytes = 64 * 1024;
  int max_field_lines = 16;
  // dun.toml's [fields]: extra columns of invoices and customers read as typed custom fields.
  // A declared column the source lacks fails the load naming the file and column.
  std::vector<CustomFieldDeclaration> custom_fields = {};
  // A CSV invoices file of at least this size is read by two threads on a machine with two
  // cores or more (docs/snapshot-loading.md); below it, a thread costs more than it saves.
  std::size_t two_thread_min_bytes = std::size_t{4} << 20;
  // For tests: when nonzero, the byte (a line start) where the second thread starts reading the
  // invoices file, whatever its size and the machine; the loader then checks it is a boundary.
  std::size_t csv_split_at = 0;
  // Only this customer's rows (`dun explain`, `dun status --customer`): the portfolio then holds
  // exactly the rows of that customer a load of the whole snapshot holds, quarantined rows and
  // their records alike, and nothing else but the collectors. A CSV snapshot's other records are
  // passed over without being parsed (customer_records.hpp), a SQLite snapshot's are not
  // selected. Not with `shard`.
  std::optional<std::string> customer = {};
  // With `customer`, on a CSV snapshot: find the customer's records through this index, written
  // when missing (customer_index.hpp). Without it, or when the index cannot answer, the files
  // are walked; the rows are the same either way.
  std::optional<CustomerIndexSettings> customer_index = {};
};

struct LoadedSnapshot {
  Portfolio portfolio;
  std::vector<QuarantinedRow> quarantine;  // in source order, table by table
  std::vector<std::string> warnings;       // e.g. unknown columns, one per file
  // Records handed to the row checks, kept or not: every record of a whole load, only the
  // customer's (and the few rows their ids need) of a restricted one (LoadOptions::customer).
  std::size_t records_checked = 0;
  CustomerIndexUse customer_index = CustomerIndexUse::none;  // LoadOptions::customer_index
};

}  // namespace dun

namespace dun {

// The end of every load: with options.strict, any quarantined row turns the load into an Error
// listing the bad rows (the first 20, then a count); otherwise the snapshot is returned as is.
Result<LoadedSnapshot> finish_load(LoadedSnapshot snapshot, const LoadOptions& options);

}  // namespace dun

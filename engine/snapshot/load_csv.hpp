// The CSV snapshot source: a directory holding customers.csv and invoices.csv (required) and
// contacts.csv and collectors.csv (optional), in the format of data-model.md.
//
// Columns are matched by header name, in any order; unknown columns are ignored with one warning
// per file; a required column that is missing fails the load naming the file and the column.
// Files are memory-mapped and tokenized without copying (csv_reader.hpp); rows are checked and
// quarantined by the PortfolioBuilder, exactly as for the SQLite source. A big invoices file is
// read by two threads (LoadOptions::two_thread_min_bytes; docs/snapshot-loading.md) with exactly
// the one-thread result: the same rows, quarantine records and order, duplicates.
//
// The LoadedSnapshot owns copies of everything it holds: the files are unmapped before the load
// returns and nothing points into them. Loads keep no state between calls, so independent loads
// may run on several threads at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/snapshot/snapshot.hpp"
#include "stdlib/result.hpp"

namespace dun {

Result<LoadedSnapshot> load_csv_snapshot(const std::filesystem::path& directory,
                                         const LoadOptions& options = {});

// The customer id named by the first record of invoices.csv whose id is `invoice` (the record a
// whole load keeps or quarantines under that id, later ones being duplicates), or nullopt when
// no record has that id or the file's header lacks the columns (a load then says why). Reads
// invoices.csv alone, through customer_records.hpp's scan, up to that record.
Result<std::optional<std::string>> csv_invoice_customer(const std::filesystem::path& directory,
                                                        std::string_view invoice,
                                                        const LoadOptions& options = {});

// The same from file contents held in memory (tests, fuzzing). A nullopt table is an absent
// file; quarantine records name the sources "customers.csv", "invoices.csv", ….
struct CsvSnapshotTexts {
  std::optional<std::string> collectors;
  std::optional<std::string> customers;
  std::optional<std::string> contacts;
  std::optional<std::string> invoices;
};
Result<LoadedSnapshot> load_csv_snapshot_from_memory(CsvSnapshotTexts texts,
                                                     const LoadOptions& options = {});

}  // namespace dun

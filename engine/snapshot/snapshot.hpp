// What loading a snapshot produces, whatever the source (load_csv.hpp, load_sqlite.hpp).
//
// Bad rows never stop a load and never pass silently: each is left out of the Portfolio and
// recorded as a QuarantinedRow for the state store. A source that cannot be used at all
// (missing, unreadable, a required column absent) makes the load fail with an Error naming the
// file and column; with LoadOptions::strict, so does any bad row, and nothing is returned.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/base/shard.hpp"
#include "engine/portfolio/portfolio.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct LoadOptions {
  bool strict = false;  // --strict: any bad row fails the load
  Shard shard;          // --shard K/N: only this shard's customers (portfolio_builder.hpp)
};

struct QuarantinedRow {
  std::string source;     // the CSV file ("snap/invoices.csv") or the SQLite table ("invoices")
  std::int64_t position;  // CSV: physical line where the record starts (header = 1); SQLite: rowid
  std::string column;     // the offending column; empty when the record as a whole is unreadable
  std::string reason;
  std::string id;  // the row's own id as read, when it has one (may be empty or invalid)

  // "snap/invoices.csv:12: due_date: '2026-02-30' is not a valid date (YYYY-MM-DD)"
  std::string to_string() const;
};

struct LoadedSnapshot {
  Portfolio portfolio;
  std::vector<QuarantinedRow> quarantine;  // in source order, table by table
  std::vector<std::string> warnings;       // e.g. unknown columns, one per file
};

}  // namespace dun

namespace dun {

// The end of every load: with options.strict, any quarantined row turns the load into an Error
// listing the bad rows (the first 20, then a count); otherwise the snapshot is returned as is.
Result<LoadedSnapshot> finish_load(LoadedSnapshot snapshot, const LoadOptions& options);

}  // namespace dun

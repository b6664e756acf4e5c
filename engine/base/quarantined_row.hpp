// A bad input row, left out of the portfolio and kept with where it came from and why: what a
// snapshot load produces (engine/snapshot/snapshot.hpp), what a run writes to the state store's
// quarantine table and what the store reads back (engine/store/state_store.hpp).
//
// It lives in engine/base, the lowest folder both the loaders and the store's records see, so
// that one type carries a bad row from the load to the store. A plain value: it owns its strings.
#pragma once

#include <cstdint>
#include <string>

namespace dun {

struct QuarantinedRow {
  std::string source;  // the CSV file ("snap/invoices.csv") or the SQLite table ("invoices")
  // CSV: the physical line where the record starts (header = 1); SQLite: the rowid.
  std::int64_t position = 0;
  std::string column;  // the offending column; empty when the record as a whole is unreadable
  std::string reason;
  std::string id;  // the row's own id as read, when it has one (may be empty or invalid)

  // "snap/invoices.csv:12: due_date: '2026-02-30' is not a valid date (YYYY-MM-DD)"
  std::string to_string() const;
};

}  // namespace dun

// The SQLite snapshot source: a .db file with tables customers and invoices (required) and
// contacts and collectors (optional), with the same columns as the CSV files (data-model.md).
//
// Values are read as text, exactly as a CSV field would be, and go through the same
// PortfolioBuilder checks; quarantine records name the table and the rowid ("invoices:42").
// INTEGER storage is accepted wherever its decimal text is a valid value (amounts in whole units,
// 0/1 flags); a REAL amount is a bad row, since a binary float may already have lost the exact
// value; BLOBs are bad rows. Unknown columns are ignored with one warning per table; a missing
// table or required column fails the load naming the file, table and column.
// The database is opened read-only; nothing is written to it. It is closed before the load
// returns: the LoadedSnapshot owns copies of every value and points into nothing. Loads keep no
// state between calls, so independent loads may run on several threads at once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "engine/snapshot/snapshot.hpp"
#include "stdlib/result.hpp"

namespace dun {

Result<LoadedSnapshot> load_sqlite_snapshot(const std::filesystem::path& database,
                                            const LoadOptions& options = {});

// The customer id named by the first row (in rowid order, as a load reads them) of table
// invoices whose id is `invoice`, or nullopt when none has it or the table cannot be read (a
// load then says why).
Result<std::optional<std::string>> sqlite_invoice_customer(const std::filesystem::path& database,
                                                           std::string_view invoice);

}  // namespace dun

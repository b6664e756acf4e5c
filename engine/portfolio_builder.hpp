// PortfolioBuilder: the one place snapshot rows are checked against data-model.md and turned into
// Portfolio columns. Both loaders feed it rows in the schema's column order (snapshot_schema.hpp),
// so a CSV file and a SQLite table accept and reject exactly the same rows.
//
// A good row is appended to the portfolio; a bad one is left out and recorded in the snapshot's
// quarantine with the first problem found. Tables must be fed in tables_in_load_order(), since
// references are resolved against the rows already loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>

#include "engine/snapshot.hpp"
#include "engine/snapshot_schema.hpp"

namespace dun {

class PortfolioBuilder {
 public:
  explicit PortfolioBuilder(LoadedSnapshot& snapshot) : snapshot_(snapshot) {}

  // Starts reading `table` from `source` (a file path or table name used in quarantine records).
  // `expected_rows` is an estimate used to size the columns; it may be off either way.
  void begin_table(Table table, std::string source, std::size_t expected_rows);
  // `values` holds one value per column of the table's spec, in spec order.
  void add_row(std::span<const std::string_view> values, std::int64_t position);
  // Quarantines a row the source could not even read (CSV syntax, SQLite storage type).
  // `column` is a spec position or -1 for the record as a whole.
  void reject(std::string_view id, std::int64_t position, int column, std::string reason);
  // Call once after the last table: builds the derived indexes.
  void finish();

 private:
  struct Problem {
    int column;
    std::string reason;
  };
  using Check = std::optional<Problem>;

  Check add_collector(std::span<const std::string_view> values);
  Check add_customer(std::span<const std::string_view> values);
  Check add_contact(std::span<const std::string_view> values);
  Check add_invoice(std::span<const std::string_view> values);
  Check check_id(std::string_view id, int column, const TextColumn& ids, const IdIndex& index,
                 const std::unordered_set<std::string>& quarantined_ids) const;
  Check resolve_customer(std::string_view id, int column, RowIndex& row) const;
  Check parse_currency(std::string_view code, int column, Currency& currency);

  LoadedSnapshot& snapshot_;
  Table table_ = Table::collectors;
  std::string source_;
  // Ids of quarantined rows: a later row with the same id is still a duplicate, and a reference
  // to a quarantined row says so instead of "unknown".
  std::unordered_set<std::string> quarantined_collectors_;
  std::unordered_set<std::string> quarantined_customers_;
  std::unordered_set<std::string> quarantined_invoices_;
  // Most rows repeat the previous row's currency; skip the table search for them.
  std::string last_currency_code_;
  Currency last_currency_;
};

}  // namespace dun

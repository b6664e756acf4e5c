// Portfolio: one day's snapshot in columnar form (struct of arrays), as the loaders build it and
// every later phase — aggregates, the interpreter, JIT'd batch functions — reads it.
//
// Layout contract:
// - Each table (customers, contacts, collectors, invoices) is a set of parallel std::vectors of
//   fixed-width values; row r of a table is element r of every one of its columns. All columns
//   of a table have the same length, given by its size().
// - Dates are int32 day numbers (days since 1970-01-01, dun::Date::days()); money is int64 minor
//   units in the row's currency; flags are uint8 (0 or 1), never std::vector<bool>.
// - An absent date is kNoDate; other optional values carry a parallel has_* column (the value
//   is 0 where has_* is 0). These match the batch ABI (dsl/batch.hpp), which the engine fills
//   from these columns without conversion.
// - References between tables are uint32 row indices (kNoRow for "none"), never ids: an
//   invoice's customer is customers row invoices.customer[i].
// - Repeated short strings are SymbolIds into `symbols` (0 = empty); free text lives in
//   TextColumns (one byte array + offsets per column).
// - Ids are unique within their table; find_customer/find_invoice map an id to its row.
// - Every row satisfies the data-model.md rules (the loaders quarantine rows that do not):
//   amount >= 0, 0 <= balance <= amount, valid dates and currencies, references that resolve.
//
// A Portfolio is a plain value: movable, copyable, no hidden pointers; it owns every column. The
// string_views its text columns and symbol table hand out, and the views lent to others
// (PortfolioColumnsView, DayInputs), point into its columns: they stay valid while the
// Portfolio lives and is not changed. It is immutable once loaded by convention: any number of
// threads may read it at once; nothing synchronises concurrent writers.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "dsl/batch.hpp"
#include "engine/base/text_column.hpp"
#include "engine/portfolio/id_index.hpp"
#include "engine/portfolio/symbol_table.hpp"
#include "stdlib/currency.hpp"
#include "stdlib/custom_field.hpp"

namespace dun {

using RowIndex = std::uint32_t;
inline constexpr RowIndex kNoRow = std::numeric_limits<RowIndex>::max();
// An absent date: the batch ABI's (dsl/batch.hpp), so that date columns pass to the back ends
// unconverted. It sorts before every real day.
using dsl::kNoDate;

// Stored as one byte per invoice; the values are part of the JIT's ABI.
enum class InvoiceKind : std::uint8_t { invoice = 0, credit_note = 1 };

static_assert(sizeof(Currency) == 2, "the JIT reads currencies as uint16 indices");

struct Collectors {
  TextColumn id;
  TextColumn name;
  TextColumn email;
  TextColumn phone;
  IdIndex by_id;
  std::size_t size() const { return id.size(); }
};

struct Customers {
  TextColumn id;
  TextColumn name;
  std::vector<SymbolId> language;          // ISO 639-1, e.g. "fr"
  std::vector<SymbolId> country;           // ISO 3166-1 alpha-2, e.g. "FR"
  std::vector<Currency> currency;          // the customer's currency: aggregates are in it
  std::vector<SymbolId> segment;           // free text, may be empty
  std::vector<SymbolId> scenario;          // empty = the configured default; "none" = no follow-up
  TextColumn email;                        // may be empty
  TextColumn address;                      // lines separated by '\n'
  std::vector<RowIndex> collector;         // collectors row, or kNoRow
  std::vector<std::int64_t> credit_limit;  // minor units of `currency`
  std::vector<std::uint8_t> has_credit_limit;
  IdIndex by_id;
  std::size_t size() const { return id.size(); }
};

struct Contacts {
  std::vector<RowIndex> customer;
  TextColumn name;
  TextColumn email;
  TextColumn phone;
  std::vector<SymbolId> role;      // "collection" when the snapshot leaves it empty
  TextColumn address;              // postal address, lines separated by '\n'; empty: the customer's
  std::vector<SymbolId> language;  // picks the template language; empty: the customer's
  std::size_t size() const { return customer.size(); }
};

struct Invoices {
  TextColumn id;
  std::vector<RowIndex> customer;
  TextColumn number;
  std::vector<InvoiceKind> kind;
  std::vector<std::int32_t> issue_date;
  std::vector<std::int32_t> due_date;
  std::vector<Currency> currency;
  std::vector<std::int64_t> amount;   // >= 0, minor units of `currency`
  std::vector<std::int64_t> balance;  // 0 <= balance <= amount
  std::vector<std::uint8_t> disputed;
  std::vector<std::uint8_t> dunning;       // 0 = opted out of reminders
  std::vector<std::int32_t> promise_date;  // kNoDate when nothing was promised
  TextColumn pdf;                          // relative to the snapshot; may be empty
  IdIndex by_id;
  std::size_t size() const { return customer.size(); }
};

// One custom field's values (dun.toml [fields], data-model.md "Custom fields"), one per row of
// its table (invoices or customers), encoded as dsl/batch.hpp's CustomFieldColumn says: a string
// field fills `text`, the other types `values`; present[row] is 0 where the cell was empty and
// had no default. The loaders append to it with the row it belongs to.
struct CustomFieldValues {
  CustomFieldDeclaration declaration;
  std::vector<std::int64_t> values;
  TextColumn text;
  std::vector<std::uint8_t> present;
};

struct Portfolio {
  SymbolTable symbols;
  Collectors collectors;
  Customers customers;
  Contacts contacts;
  Invoices invoices;
  // Contacts grouped by customer (built by index_contacts()): the contacts of customer c are
  // contact_rows[contact_begin[c] .. contact_begin[c + 1]), in snapshot order.
  std::vector<std::uint32_t> contact_begin;
  std::vector<RowIndex> contact_rows;
  // The custom fields, in the order dun.toml declares them (the field table's slots).
  std::vector<CustomFieldValues> custom_fields;

  std::optional<RowIndex> find_customer(std::string_view id) const {
    return customers.by_id.find(customers.id, id);
  }
  std::optional<RowIndex> find_invoice(std::string_view id) const {
    return invoices.by_id.find(invoices.id, id);
  }
  std::optional<RowIndex> find_collector(std::string_view id) const {
    return collectors.by_id.find(collectors.id, id);
  }
  // Rows of the customer's contacts. Precondition: index_contacts() ran since the last change.
  std::span<const RowIndex> contacts_of(RowIndex customer) const;
  // The customer's first contact with `role`, or kNoRow.
  RowIndex contact_with_role(RowIndex customer, std::string_view role) const;

  void index_contacts();
};

}  // namespace dun

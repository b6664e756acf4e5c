// The snapshot's tables and their columns (data-model.md), shared by the CSV and SQLite loaders
// so both read, check and quarantine rows the same way. A loader maps each source column to
// these positions by name; the row it hands on holds one value per column in this order, empty
// for an optional column the source does not have.
//
// The specs are static: the references, spans and string_views below stay valid for the whole
// program and may be read from any thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dun {

enum class Table { collectors, customers, contacts, invoices };

struct ColumnSpec {
  std::string_view name;
  // A required column must be in the header / table; an optional one defaults to empty.
  bool required;
};

struct TableSpec {
  Table table;
  std::string_view name;  // "invoices": the table name, and the file name without ".csv"
  bool required_file;     // contacts and collectors may be absent
  std::span<const ColumnSpec> columns;
  // Position of the row's own id column, or -1 (contacts have none); quarantine records it.
  int id_column;
};

// Column positions, in the order of each table's spec.
enum CollectorColumn { kCollectorId, kCollectorName, kCollectorEmail, kCollectorPhone };
enum CustomerColumn {
  kCustomerId,
  kCustomerName,
  kCustomerLanguage,
  kCustomerCountry,
  kCustomerCurrency,
  kCustomerSegment,
  kCustomerScenario,
  kCustomerEmail,
  kCustomerAddress,
  kCustomerCollector,
  kCustomerCreditLimit
};
enum ContactColumn {
  kContactCustomerId,
  kContactName,
  kContactEmail,
  kContactPhone,
  kContactRole,
  kContactAddress,
  kContactLanguage
};
enum InvoiceColumn {
  kInvoiceId,
  kInvoiceCustomerId,
  kInvoiceNumber,
  kInvoiceKind,
  kInvoiceIssueDate,
  kInvoiceDueDate,
  kInvoiceCurrency,
  kInvoiceAmount,
  kInvoiceBalance,
  kInvoiceDisputed,
  kInvoiceDunning,
  kInvoicePromiseDate,
  kInvoicePdf
};

const TableSpec& table_spec(Table table);
// In load order: a table's references point only to tables loaded before it.
std::span<const Table> tables_in_load_order();

// The column naming a row's customer: the customer's own id (customers), or the customer id the
// row refers to (contacts, invoices); -1 for collectors.
int customer_column(Table table);

// Which line breaks a column's values may hold: none in ids, names, emails, phones and invoice
// numbers (they reach email headers and one-line fields of letters), LF alone in an address
// (its lines), any in the other columns (a parser rejects what it does not read).
enum class LineBreaks { none, lf_only, any };
LineBreaks line_breaks_allowed(Table table, int column);

// A custom field (dun.toml [fields]) may not read one of the table's own columns: what to say
// when one of `custom` does, else nullopt.
std::optional<std::string> custom_column_clash(const TableSpec& spec,
                                               std::span<const std::string_view> custom);

// Columns whose values are money: the SQLite loader refuses floating-point storage for them.
bool is_money_column(Table table, int column);

}  // namespace dun

#include "engine/snapshot/snapshot_schema.hpp"

namespace dun {
namespace {

constexpr ColumnSpec kCollectorColumns[] = {
    {"id", true}, {"name", true}, {"email", false}, {"phone", false}};

constexpr ColumnSpec kCustomerColumns[] = {
    {"id", true},       {"name", true},       {"language", true},     {"country", true},
    {"currency", true}, {"segment", false},   {"scenario", false},    {"email", false},
    {"address", false}, {"collector", false}, {"credit_limit", false}};

constexpr ColumnSpec kContactColumns[] = {
    {"customer_id", true}, {"name", false},    {"email", false},   {"phone", false},
    {"role", false},       {"address", false}, {"language", false}};

constexpr ColumnSpec kInvoiceColumns[] = {
    {"id", true},         {"customer_id", true}, {"number", true},   {"kind", true},
    {"issue_date", true}, {"due_date", true},    {"currency", true}, {"amount", true},
    {"balance", true},    {"disputed", false},   {"dunning", false}, {"promise_date", false},
    {"pdf", false}};

const TableSpec kSpecs[] = {
    {Table::collectors, "collectors", false, kCollectorColumns, kCollectorId},
    {Table::customers, "customers", true, kCustomerColumns, kCustomerId},
    {Table::contacts, "contacts", false, kContactColumns, -1},
    {Table::invoices, "invoices", true, kInvoiceColumns, kInvoiceId},
};

constexpr Table kLoadOrder[] = {Table::collectors, Table::customers, Table::contacts,
                                Table::invoices};

}  // namespace

const TableSpec& table_spec(Table table) { return kSpecs[static_cast<int>(table)]; }

std::span<const Table> tables_in_load_order() { return kLoadOrder; }

LineBreaks line_breaks_allowed(Table table, int column) {
  switch (table) {
    case Table::collectors:
      return LineBreaks::none;  // id, name, email, phone
    case Table::customers:
      if (column == kCustomerAddress) return LineBreaks::lf_only;
      return column == kCustomerId || column == kCustomerName || column == kCustomerEmail ||
                     column == kCustomerCollector
                 ? LineBreaks::none
                 : LineBreaks::any;
    case Table::contacts:
      if (column == kContactAddress) return LineBreaks::lf_only;
      return column == kContactRole ? LineBreaks::any : LineBreaks::none;
    case Table::invoices:
      return column == kInvoiceId || column == kInvoiceCustomerId || column == kInvoiceNumber
                 ? LineBreaks::none
                 : LineBreaks::any;
  }
  return LineBreaks::any;
}

bool is_money_column(Table table, int column) {
  return (table == Table::customers && column == kCustomerCreditLimit) ||
         (table == Table::invoices && (column == kInvoiceAmount || column == kInvoiceBalance));
}

std::optional<std::string> custom_column_clash(const TableSpec& spec,
                                               std::span<const std::string_view> custom) {
  for (const std::string_view name : custom) {
    for (const ColumnSpec& column : spec.columns) {
      if (column.name == name) {
        return "dun.toml's [fields] declares '" + std::string(name) + "', one of the " +
               std::string(spec.name) + " columns dun reads itself; rename the custom field";
      }
    }
  }
  return std::nullopt;
}

int customer_column(Table table) {
  switch (table) {
    case Table::customers:
      return kCustomerId;
    case Table::contacts:
      return kContactCustomerId;
    case Table::invoices:
      return kInvoiceCustomerId;
    case Table::collectors:
      break;
  }
  return -1;
}

}  // namespace dun

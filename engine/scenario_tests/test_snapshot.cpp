#include "engine/scenario_tests/test_snapshot.hpp"

#include <array>
#include <string>

#include "engine/generate/generate_csv.hpp"
#include "engine/snapshot/snapshot_schema.hpp"

namespace dun {
namespace {

// The table's columns, then those of the custom fields declared for it.
std::vector<std::string_view> column_names(Table table,
                                           std::span<const CustomFieldDeclaration> custom_fields) {
  std::vector<std::string_view> names;
  for (const ColumnSpec& column : table_spec(table).columns) names.push_back(column.name);
  for (const CustomFieldDeclaration& field : custom_fields) {
    const bool own = (field.table == CustomFieldTable::invoices && table == Table::invoices) ||
                     (field.table == CustomFieldTable::customers && table == Table::customers);
    if (own) names.push_back(field.name);
  }
  return names;
}

Status write_table(generate::CsvSink& sink, Table table,
                   const std::vector<std::vector<std::string>>& rows,
                   std::span<const CustomFieldDeclaration> custom_fields = {}) {
  const std::vector<std::string_view> columns = column_names(table, custom_fields);
  if (auto begun = sink.begin_table(table_spec(table).name, columns); !begun) return begun.error();
  for (const auto& row : rows) {
    std::vector<std::string_view> fields(row.begin(), row.end());
    fields.resize(columns.size());  // the custom cells stay empty
    sink.write_row(fields);
  }
  if (auto ended = sink.end_table(); !ended) return ended.error();
  return Status::Ok();
}

std::vector<std::string> customer_row(const dsl::TestCustomerData& customer) {
  std::vector<std::string> row(table_spec(Table::customers).columns.size());
  row[kCustomerId] = customer.id;
  row[kCustomerName] = customer.name;
  row[kCustomerLanguage] = customer.language;
  row[kCustomerCountry] = customer.country;
  row[kCustomerCurrency] = customer.currency;
  row[kCustomerSegment] = customer.segment;
  row[kCustomerScenario] = customer.scenario;
  row[kCustomerEmail] = customer.email;
  row[kCustomerAddress] = customer.name + "\n1 Test Street\n75001 Paris";
  row[kCustomerCollector] = std::string(kTestCollectorId);
  row[kCustomerCreditLimit] = customer.credit_limit;
  return row;
}

std::vector<std::string> invoice_row(const dsl::TestInvoiceData& invoice) {
  std::vector<std::string> row(table_spec(Table::invoices).columns.size());
  row[kInvoiceId] = invoice.id;
  row[kInvoiceCustomerId] = invoice.customer_id;
  row[kInvoiceNumber] = invoice.number;
  row[kInvoiceKind] = invoice.credit_note ? "credit_note" : "invoice";
  row[kInvoiceIssueDate] = invoice.issued.to_string();
  row[kInvoiceDueDate] = invoice.due.to_string();
  row[kInvoiceCurrency] = std::string(invoice.balance.currency.code());
  row[kInvoiceAmount] = format_minor_units(invoice.amount.minor, invoice.amount.currency);
  row[kInvoiceBalance] = format_minor_units(invoice.balance.minor, invoice.balance.currency);
  row[kInvoiceDisputed] = invoice.disputed ? "true" : "false";
  row[kInvoiceDunning] = invoice.dunning ? "true" : "false";
  if (invoice.promise_date) row[kInvoicePromiseDate] = invoice.promise_date->to_string();
  return row;
}

}  // namespace

Status write_test_snapshot(const dsl::TestCase& test,
                           std::span<const dsl::TestInvoiceData> invoices, Date today,
                           const std::filesystem::path& folder,
                           std::span<const CustomFieldDeclaration> custom_fields) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Error{"cannot create " + folder.string() + ": " + error.message()};
  generate::CsvSink sink(folder);

  std::vector<std::vector<std::string>> collectors = {
      {std::string(kTestCollectorId), "Test Collector", "collector@ourco.example", ""}};
  if (auto written = write_table(sink, Table::collectors, collectors); !written)
    return written.error();

  std::vector<std::vector<std::string>> customers;
  for (const dsl::TestCustomerData& customer : test.customers)
    customers.push_back(customer_row(customer));
  if (auto written = write_table(sink, Table::customers, customers, custom_fields); !written)
    return written.error();

  // An invoice enters the snapshot on its issue date, as it would in the accounting system.
  std::vector<std::vector<std::string>> rows;
  for (const dsl::TestInvoiceData& invoice : invoices) {
    if (invoice.issued <= today) rows.push_back(invoice_row(invoice));
  }
  return write_table(sink, Table::invoices, rows, custom_fields);
}

}  // namespace dun

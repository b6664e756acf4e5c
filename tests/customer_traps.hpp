// A snapshot full of traps for loads of one customer's rows (LoadOptions::customer): quoted
// commas and line breaks, CRLF, blank lines, a stray quote, short records, an invoice id repeated
// across customers before and after, a duplicate customer, bad custom cells. And what the suites
// compare: a customer's rows (by id, with their custom cells) and quarantine records, as a load
// holds them. Shared by load_customer_test (the walk) and customer_index_test (the index).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/snapshot.hpp"
#include "snapshot_fixture.hpp"

namespace dun::customer_traps {

inline const std::string kCollectors = testing::kCollectorsCsv;

inline const std::string kCustomers =
    "id,name,language,country,currency,segment,scenario,email,address,collector,credit_limit,"
    "risk\n"
    "C1,\"Acme, SAS\",fr,FR,EUR,sme,,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",K1,"
    "5000.00,3\n"
    "C2,Globex GmbH,de,DE,EUR,key_account,,billing@globex.example,,,,\r\n"
    "\n"
    "C3,\"Initech \"\"Ltd\"\"\",en,GB,GBP,sme,,a@initech.example,\"1 Road\nLondon\nUK\",,,x\n"
    "C10,Umbrella,en,GB,GBP,sme,,u@umbrella.example,,,,7\n"
    "C2,Second Globex,de,DE,EUR,sme,,b@globex.example,,,,\n"
    "C4,Hooli,en,US,USD,sme,,h@hooli.example,\"Main St\n\nPalo Alto\",,,2\n";

inline const std::string kContacts =
    "customer_id,name,email,phone,role\n"
    "C1,Jean Dupont,jean@acme.example,,collection\n"
    "C3,\"Smith, John\",john@initech.example,,\n"
    "C1,\"Maître\nLegal\",legal@acme.example,,legal\n"
    "C10,Ann,ann@umbrella.example,,\n";

inline const std::string kInvoices =
    "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,disputed,dunning,"
    "promise_date,pdf,po\n"
    "I1,C1,F-001,invoice,2026-10-01,2026-10-31,EUR,1200.00,1200.00,false,true,,pdf/I1.pdf,PO-1\n"
    "I7,C3,\"F-7, bis\",invoice,2026-10-01,2026-10-31,GBP,70.00,70.00,false,true,,,\"PO\n7\"\n"
    "I2,C1,F-002,invoice,2026-10-01,2026-11-30,EUR,100.00,50.00,false,true,,,\r\n"
    "I3,C10,F-003,invoice,2026-09-01,2026-09-30,GBP,10.00,10.00,false,true,,,PO-3\n"
    "\n"
    "I4,C1,F-004,credit_note,2026-09-01,2026-09-30,EUR,30.00,30.00,false,true,,,\n"
    "I3,C1,F-003b,invoice,2026-09-01,2026-09-30,EUR,10.00,10.00,false,true,,,\n"
    "I8,C3,F-8,invoice,2026-13-01,2026-10-31,GBP,1.00,1.00,false,true,,,\n"
    "I9,C3,F-9 \"x\",invoice,2026-10-01,2026-10-31,GBP,1.00,1.00,false,true,,,\n"
    "I5,C10\n"
    "I6,C1,F-006,invoice,2026-10-01,2026-10-31,EUR,5.00,5.00,false,true,,,\n"
    "I4,C10,F-004c,invoice,2026-10-01,2026-10-31,GBP,5.00,5.00,false,true,,,\n"
    "I11,C4,\"F-11\",invoice,2026-10-01,2026-10-31,USD,11.00,11.00,false,true,,,\n"
    "I12,C2,F-12,invoice,2026-10-01,2026-10-31,EUR,12.00,12.00,false,true,,,\n"
    "I13,C99,F-13,invoice,2026-10-01,2026-10-31,EUR,13.00,13.00,false,true,,,\n"
    "I14,C3,F-14,invoice,2026-10-01,2026-10-31,GBP,14.00,14.00,false,true,,,";

inline const std::vector<std::string> kCustomerIds = {"C1",  "C2",  "C3", "C4",
                                                      "C10", "C99", "C",  ""};

inline LoadOptions options_for(std::optional<std::string> customer) {
  LoadOptions options;
  options.custom_fields.push_back(
      {CustomFieldTable::customers, "risk", CustomFieldType::integer, std::nullopt});
  options.custom_fields.push_back(
      {CustomFieldTable::invoices, "po", CustomFieldType::string, std::nullopt});
  options.customer = std::move(customer);
  return options;
}

inline LoadedSnapshot load_texts(const std::optional<std::string>& customer) {
  auto loaded = load_csv_snapshot_from_memory({kCollectors, kCustomers, kContacts, kInvoices},
                                              options_for(customer));
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
  return loaded.ok() ? std::move(loaded).value() : LoadedSnapshot{};
}

inline std::string custom_cell(const Portfolio& p, std::size_t field, std::size_t row) {
  const CustomFieldValues& values = p.custom_fields[field];
  if (!values.present[row]) return "absent";
  return values.declaration.type == CustomFieldType::string ? std::string(values.text[row])
                                                            : std::to_string(values.values[row]);
}

// Every row `customer` has in `snapshot`, told by ids (not row numbers), with its custom cells.
inline std::vector<std::string> rows_of(const LoadedSnapshot& snapshot,
                                        const std::string& customer) {
  const Portfolio& p = snapshot.portfolio;
  std::vector<std::string> rows;
  const auto c = p.find_customer(customer);
  if (!c) return rows;
  const Customers& cs = p.customers;
  rows.push_back("customer " + std::string(cs.id[*c]) + "|" + std::string(cs.name[*c]) + "|" +
                 std::string(cs.email[*c]) + "|" + std::string(cs.address[*c]) + "|" +
                 std::string(p.symbols.text(cs.segment[*c])) + "|" +
                 std::to_string(cs.credit_limit[*c]) + "|risk=" + custom_cell(p, 0, *c));
  for (std::size_t r = 0; r < p.contacts.size(); ++r) {
    if (p.contacts.customer[r] != *c) continue;
    rows.push_back("contact " + std::string(p.contacts.name[r]) + "|" +
                   std::string(p.contacts.email[r]));
  }
  const Invoices& i = p.invoices;
  for (std::size_t r = 0; r < i.size(); ++r) {
    if (i.customer[r] != *c) continue;
    rows.push_back("invoice " + std::string(i.id[r]) + "|" + std::string(i.number[r]) + "|" +
                   std::to_string(static_cast<int>(i.kind[r])) + "|" +
                   std::to_string(i.due_date[r]) + "|" + std::string(i.currency[r].code()) + "|" +
                   std::to_string(i.amount[r]) + "|" + std::to_string(i.balance[r]) + "|" +
                   std::string(i.pdf[r]) + "|po=" + custom_cell(p, 1, r));
  }
  return rows;
}

// The (source, line) of every record naming `customer`, read by a whole-file reader: the records
// whose quarantine records belong to the customer.
inline std::set<std::string> record_lines_of(const std::string& customer) {
  std::set<std::string> lines;
  const auto add = [&](const std::string& source, std::string text, std::size_t field) {
    CsvReader reader(text);
    CsvRecord record;
    reader.next(record);
    while (reader.next(record)) {
      const std::string_view named =
          field < record.fields.size() ? record.fields[field] : std::string_view();
      if (named == customer) lines.insert(source + ":" + std::to_string(record.line));
    }
  };
  add("customers.csv", kCustomers, 0);
  add("contacts.csv", kContacts, 0);
  add("invoices.csv", kInvoices, 1);
  return lines;
}

inline std::vector<std::string> quarantine_of(const LoadedSnapshot& snapshot,
                                              const std::set<std::string>& lines) {
  std::vector<std::string> records;
  for (const QuarantinedRow& row : snapshot.quarantine) {
    if (lines.contains(row.source + ":" + std::to_string(row.position))) {
      records.push_back(row.to_string() + " id=" + row.id);
    }
  }
  return records;
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  FILE* file = std::fopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr) << path;
  std::fwrite(text.data(), 1, text.size(), file);
  std::fclose(file);
}

// The traps as a CSV snapshot folder (created).
inline void write_csv_snapshot(const std::filesystem::path& directory) {
  std::filesystem::create_directories(directory);
  write_file(directory / "collectors.csv", kCollectors);
  write_file(directory / "customers.csv", kCustomers);
  write_file(directory / "contacts.csv", kContacts);
  write_file(directory / "invoices.csv", kInvoices);
}

}  // namespace dun::customer_traps

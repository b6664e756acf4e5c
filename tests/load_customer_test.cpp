// A load restricted to one customer (LoadOptions::customer, customer_records.hpp): for every
// customer of a snapshot full of traps (quoted commas and line breaks, CRLF, blank lines, a stray
// quote, short records, an invoice id repeated across customers before and after, a duplicate
// customer, bad custom cells), the customer's rows, custom cells and quarantine records come out
// exactly as in a load of the whole snapshot, CSV and SQLite alike, while only the customer's
// records are parsed (records_checked); and the customer of an invoice is found from its first
// record.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "engine/snapshot/load_sqlite.hpp"
#include "snapshot_fixture.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

const std::string kCollectors = testing::kCollectorsCsv;

const std::string kCustomers =
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

const std::string kContacts =
    "customer_id,name,email,phone,role\n"
    "C1,Jean Dupont,jean@acme.example,,collection\n"
    "C3,\"Smith, John\",john@initech.example,,\n"
    "C1,\"Maître\nLegal\",legal@acme.example,,legal\n"
    "C10,Ann,ann@umbrella.example,,\n";

const std::string kInvoices =
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

const std::vector<std::string> kCustomerIds = {"C1", "C2", "C3", "C4", "C10", "C99", "C", ""};

LoadOptions options_for(std::optional<std::string> customer) {
  LoadOptions options;
  options.custom_fields.push_back(
      {CustomFieldTable::customers, "risk", CustomFieldType::integer, std::nullopt});
  options.custom_fields.push_back(
      {CustomFieldTable::invoices, "po", CustomFieldType::string, std::nullopt});
  options.customer = std::move(customer);
  return options;
}

LoadedSnapshot load_texts(const std::optional<std::string>& customer) {
  auto loaded = load_csv_snapshot_from_memory({kCollectors, kCustomers, kContacts, kInvoices},
                                              options_for(customer));
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
  return loaded.ok() ? std::move(loaded).value() : LoadedSnapshot{};
}

std::string custom_cell(const Portfolio& p, std::size_t field, std::size_t row) {
  const CustomFieldValues& values = p.custom_fields[field];
  if (!values.present[row]) return "absent";
  return values.declaration.type == CustomFieldType::string ? std::string(values.text[row])
                                                            : std::to_string(values.values[row]);
}

// Every row `customer` has in `snapshot`, told by ids (not row numbers), with its custom cells.
std::vector<std::string> rows_of(const LoadedSnapshot& snapshot, const std::string& customer) {
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
std::set<std::string> record_lines_of(const std::string& customer) {
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

std::vector<std::string> quarantine_of(const LoadedSnapshot& snapshot,
                                       const std::set<std::string>& lines) {
  std::vector<std::string> records;
  for (const QuarantinedRow& row : snapshot.quarantine) {
    if (lines.contains(row.source + ":" + std::to_string(row.position))) {
      records.push_back(row.to_string() + " id=" + row.id);
    }
  }
  return records;
}

TEST(LoadCustomer, EveryCustomersRowsAndQuarantineAreThoseOfTheWholeLoad) {
  const LoadedSnapshot whole = load_texts(std::nullopt);
  // The traps are there: the whole load quarantines the duplicates, the bad date, the stray
  // quote, the short record, the bad custom cell and the unknown customer.
  ASSERT_GE(whole.quarantine.size(), 8u);
  for (const std::string& customer : kCustomerIds) {
    SCOPED_TRACE("customer '" + customer + "'");
    const LoadedSnapshot restricted = load_texts(customer);
    EXPECT_EQ(rows_of(restricted, customer), rows_of(whole, customer));
    const std::set<std::string> lines = record_lines_of(customer);
    EXPECT_EQ(quarantine_of(restricted, lines), quarantine_of(whole, lines));
    // Nothing of another customer: every quarantine record is the customer's own.
    EXPECT_EQ(quarantine_of(restricted, lines).size(), restricted.quarantine.size());
    EXPECT_LE(restricted.portfolio.customers.size(), 1u);
    EXPECT_EQ(restricted.warnings, whole.warnings);
    // Only the customer's records were checked (and the one collector).
    EXPECT_EQ(restricted.records_checked, 1 + lines.size());
  }
  EXPECT_EQ(whole.records_checked, 1u + 6 + 4 + 15);
}

TEST(LoadCustomer, AnInvoiceIdAnEarlierRowOfAnotherCustomerHasIsADuplicate) {
  // I3 is C10's first: C1's I3 is the bad one; I4 is C1's first: C10's I4 is the bad one.
  const LoadedSnapshot c1 = load_texts("C1");
  EXPECT_FALSE(c1.portfolio.find_invoice("I3"));
  ASSERT_TRUE(c1.portfolio.find_invoice("I4"));
  const LoadedSnapshot c10 = load_texts("C10");
  EXPECT_TRUE(c10.portfolio.find_invoice("I3"));
  EXPECT_FALSE(c10.portfolio.find_invoice("I4"));
  bool duplicate_reported = false;
  for (const QuarantinedRow& row : c1.quarantine) {
    duplicate_reported =
        duplicate_reported || (row.id == "I3" && row.reason.find("duplicate") != std::string::npos);
  }
  EXPECT_TRUE(duplicate_reported);
}

TEST(LoadCustomer, ARestrictedLoadParsesOnlyTheCustomersRecords) {
  const LoadedSnapshot whole = load_texts(std::nullopt);
  const LoadedSnapshot c4 = load_texts("C4");
  ASSERT_EQ(c4.portfolio.invoices.size(), 1u);
  // collectors 1, customers 1, contacts 0, invoices 1: not the 26 records of the whole load.
  EXPECT_EQ(c4.records_checked, 3u);
  EXPECT_LT(c4.records_checked, whole.records_checked);
}

class LoadCustomerFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("dun_load_customer_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(directory_);
    fs::create_directories(directory_ / "csv");
    write(directory_ / "csv" / "collectors.csv", kCollectors);
    write(directory_ / "csv" / "customers.csv", kCustomers);
    write(directory_ / "csv" / "contacts.csv", kContacts);
    write(directory_ / "csv" / "invoices.csv", kInvoices);
  }
  void TearDown() override { fs::remove_all(directory_); }

  static void write(const fs::path& path, const std::string& text) {
    FILE* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    std::fwrite(text.data(), 1, text.size(), file);
    std::fclose(file);
  }

  // The same tables in a SQLite snapshot (columns without a type: values as written), the
  // records only CSV can get wrong left out.
  fs::path write_sqlite() {
    const fs::path path = directory_ / "snapshot.db";
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    const auto add_table = [&](const std::string& name, std::string csv) {
      CsvReader reader(csv);
      CsvRecord record;
      ASSERT_TRUE(reader.next(record));
      const std::size_t columns = record.fields.size();
      std::string create = "CREATE TABLE \"" + name + "\" (";
      std::string insert = "INSERT INTO \"" + name + "\" VALUES (";
      for (std::size_t i = 0; i < columns; ++i) {
        create += (i ? ", \"" : "\"") + std::string(record.fields[i]) + "\"";
        insert += i ? ", ?" : "?";
      }
      ASSERT_EQ(sqlite3_exec(db, (create + ")").c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
      sqlite3_stmt* statement = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &statement, nullptr), SQLITE_OK);
      while (reader.next(record)) {
        if (record.error || record.fields.size() != columns) continue;  // CSV-only traps
        for (std::size_t i = 0; i < columns; ++i) {
          sqlite3_bind_text(statement, static_cast<int>(i + 1), record.fields[i].data(),
                            static_cast<int>(record.fields[i].size()), SQLITE_TRANSIENT);
        }
        ASSERT_EQ(sqlite3_step(statement), SQLITE_DONE);
        sqlite3_reset(statement);
      }
      sqlite3_finalize(statement);
    };
    add_table("collectors", kCollectors);
    add_table("customers", kCustomers);
    add_table("contacts", kContacts);
    add_table("invoices", kInvoices);
    sqlite3_close(db);
    return path;
  }

  fs::path directory_;
};

TEST_F(LoadCustomerFiles, MappedFilesAndASqliteSnapshotGiveTheWholeLoadsRowsOfEachCustomer) {
  const fs::path csv = directory_ / "csv";
  const fs::path sqlite = write_sqlite();
  for (const fs::path& source : {csv, sqlite}) {
    SCOPED_TRACE(source.string());
    auto whole = load_snapshot(source, options_for(std::nullopt));
    ASSERT_TRUE(whole.ok()) << whole.error().message;
    for (const std::string& customer : kCustomerIds) {
      SCOPED_TRACE("customer '" + customer + "'");
      auto restricted = load_snapshot(source, options_for(customer));
      ASSERT_TRUE(restricted.ok()) << restricted.error().message;
      EXPECT_EQ(rows_of(*restricted, customer), rows_of(*whole, customer));
      EXPECT_LE(restricted->portfolio.customers.size(), 1u);
      EXPECT_LT(restricted->records_checked, whole->records_checked);
    }
  }
}

TEST_F(LoadCustomerFiles, TheCustomerOfAnInvoiceIsTheOneItsFirstRowNames) {
  const fs::path csv = directory_ / "csv";
  const fs::path sqlite = write_sqlite();
  for (const fs::path& source : {csv, sqlite}) {
    SCOPED_TRACE(source.string());
    const auto customer_of = [&](std::string_view invoice) {
      auto customer = snapshot_invoice_customer(source, invoice, options_for(std::nullopt));
      EXPECT_TRUE(customer.ok());
      return customer.ok() ? customer->value_or("(none)") : "(error)";
    };
    EXPECT_EQ(customer_of("I1"), "C1");
    EXPECT_EQ(customer_of("I3"), "C10");  // the later C1 row is the duplicate
    EXPECT_EQ(customer_of("I4"), "C1");
    EXPECT_EQ(customer_of("I14"), "C3");
    EXPECT_EQ(customer_of("I13"), "C99");
    EXPECT_EQ(customer_of("NOPE"), "(none)");
    EXPECT_EQ(customer_of("I"), "(none)");
  }
}

}  // namespace
}  // namespace dun

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

#include "customer_traps.hpp"
#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/load_snapshot.hpp"
#include "engine/snapshot/load_sqlite.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;
using namespace customer_traps;

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
    write_csv_snapshot(directory_ / "csv");
  }
  void TearDown() override { fs::remove_all(directory_); }

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

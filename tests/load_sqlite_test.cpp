#include "engine/snapshot/load_sqlite.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "engine/snapshot/csv_reader.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "snapshot_fixture.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

class LoadSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = fs::temp_directory_path() /
                 ("dun_load_sqlite_" + std::to_string(::getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(directory_);
    path_ = directory_ / "snapshot.db";
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
    add_table("collectors", testing::kCollectorsCsv);
    add_table("customers", testing::kCustomersCsv);
    add_table("contacts", testing::kContactsCsv);
    add_table("invoices", testing::kInvoicesCsv);
  }
  void TearDown() override {
    sqlite3_close(db_);
    fs::remove_all(directory_);
  }

  // A TEXT table holding a CSV text's header and rows (read with the engine's own tokenizer).
  void add_table(const std::string& name, std::string csv) {
    CsvReader reader(csv);
    CsvRecord record;
    ASSERT_TRUE(reader.next(record));
    std::string create = "CREATE TABLE \"" + name + "\" (";
    std::string insert = "INSERT INTO \"" + name + "\" VALUES (";
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      create += (i ? ", \"" : "\"") + std::string(record.fields[i]) + "\" TEXT";
      insert += i ? ", ?" : "?";
    }
    exec(create + ")");
    sqlite3_stmt* statement = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, (insert + ")").c_str(), -1, &statement, nullptr), SQLITE_OK);
    while (reader.next(record)) {
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        sqlite3_bind_text(statement, static_cast<int>(i + 1), record.fields[i].data(),
                          static_cast<int>(record.fields[i].size()), SQLITE_TRANSIENT);
      }
      ASSERT_EQ(sqlite3_step(statement), SQLITE_DONE);
      sqlite3_reset(statement);
    }
    sqlite3_finalize(statement);
  }

  void exec(const std::string& sql) {
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
        << sql << ": " << (message ? message : "");
  }

  LoadedSnapshot load_ok(LoadOptions options = {}) {
    auto loaded = load_sqlite_snapshot(path_, options);
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
    if (!loaded.ok()) return {};
    return std::move(loaded).value();
  }
  std::string load_error() {
    auto loaded = load_sqlite_snapshot(path_);
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? "" : loaded.error().message;
  }

  fs::path directory_;
  fs::path path_;
  sqlite3* db_ = nullptr;
};

TEST_F(LoadSqlite, LoadsTheSameTablesAsTheCsvSource) {
  const LoadedSnapshot snapshot = load_ok();
  EXPECT_TRUE(snapshot.quarantine.empty());
  const Portfolio& p = snapshot.portfolio;
  EXPECT_EQ(p.collectors.size(), 1u);
  EXPECT_EQ(p.customers.size(), 2u);
  EXPECT_EQ(p.contacts.size(), 3u);
  ASSERT_EQ(p.invoices.size(), 1u);
  EXPECT_EQ(p.customers.address[0], "12 rue de la Paix\n75002 Paris");
  EXPECT_EQ(p.customers.credit_limit[0], 500000);
  EXPECT_EQ(p.invoices.amount[0], 120000);
  EXPECT_EQ(p.find_invoice("I1"), 0u);
  EXPECT_EQ(p.contact_with_role(0, "legal"), 1u);
}

TEST_F(LoadSqlite, AcceptsIntegerStorageForAmountsAndFlagsAndNullForOptionalValues) {
  exec(
      "INSERT INTO invoices VALUES ('I2','C1','F-2','invoice','2026-10-01','2026-10-31','JPY',"
      "1500,1200,1,0,NULL,NULL)");
  const LoadedSnapshot snapshot = load_ok();
  ASSERT_TRUE(snapshot.quarantine.empty()) << snapshot.quarantine[0].to_string();
  const Invoices& invoices = snapshot.portfolio.invoices;
  ASSERT_EQ(invoices.size(), 2u);
  EXPECT_EQ(invoices.amount[1], 1500);
  EXPECT_EQ(invoices.balance[1], 1200);
  EXPECT_EQ(invoices.disputed[1], 1);
  EXPECT_EQ(invoices.dunning[1], 0);
  EXPECT_EQ(invoices.pdf[1], "");
}

// contacts' optional address and language columns (data-model.md), read as from contacts.csv.
TEST_F(LoadSqlite, ReadsTheContactsAddressAndLanguage) {
  exec(
      "ALTER TABLE contacts ADD COLUMN address TEXT; ALTER TABLE contacts ADD COLUMN language TEXT;"
      "UPDATE contacts SET address = 'Cabinet Legal' || char(10) || '8 place Bellecour', "
      "language = 'fr' WHERE role = 'legal';"
      "INSERT INTO contacts (customer_id,email,language) VALUES "
      "('C2','x@globex.example','french')");
  const LoadedSnapshot snapshot = load_ok();
  ASSERT_EQ(snapshot.quarantine.size(), 1u);
  EXPECT_EQ(snapshot.quarantine[0].to_string(),
            "contacts:4: language: 'french' is not an ISO 639-1 language code (like en, fr, de)");
  const Portfolio& p = snapshot.portfolio;
  const RowIndex legal = p.contact_with_role(0, "legal");
  ASSERT_NE(legal, kNoRow);
  EXPECT_EQ(p.contacts.address[legal], "Cabinet Legal\n8 place Bellecour");
  EXPECT_EQ(p.symbols.text(p.contacts.language[legal]), "fr");
  const RowIndex collection = p.contact_with_role(0, "collection");
  EXPECT_EQ(p.contacts.address[collection], "");
  EXPECT_EQ(p.symbols.text(p.contacts.language[collection]), "");
}

TEST_F(LoadSqlite, OptionalTablesMayBeAbsent) {
  exec("DROP TABLE contacts");
  const LoadedSnapshot snapshot = load_ok();
  EXPECT_EQ(snapshot.portfolio.contacts.size(), 0u);
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 1u);
}

TEST_F(LoadSqlite, AMissingRequiredTableIsFatal) {
  exec("DROP TABLE invoices");
  EXPECT_EQ(
      load_error(),
      path_.string() + ": table 'invoices' is missing (a snapshot needs customers and invoices)");
}

TEST_F(LoadSqlite, AMissingRequiredColumnIsFatalAndNamesTableAndColumn) {
  exec("ALTER TABLE invoices DROP COLUMN balance");
  EXPECT_EQ(load_error(),
            path_.string() + ": table 'invoices': required column 'balance' is missing");
}

TEST_F(LoadSqlite, IgnoresUnknownColumnsWithOneWarningPerTable) {
  exec("ALTER TABLE invoices ADD COLUMN region TEXT");
  exec("ALTER TABLE invoices ADD COLUMN note TEXT");
  const LoadedSnapshot snapshot = load_ok();
  ASSERT_EQ(snapshot.warnings.size(), 1u);
  EXPECT_EQ(snapshot.warnings[0],
            path_.string() + ": table 'invoices': ignoring unknown columns 'region', 'note'");
}

TEST_F(LoadSqlite, AFileThatIsNotADatabaseIsFatal) {
  sqlite3_close(db_);
  db_ = nullptr;
  std::ofstream(path_, std::ios::binary | std::ios::trunc) << "id,name\nthis is a CSV file\n";
  EXPECT_NE(load_error().find("file is not a database"), std::string::npos);
}

TEST_F(LoadSqlite, AMissingFileIsFatal) {
  path_ = directory_ / "nope.db";
  EXPECT_EQ(load_error(), path_.string() + ": no such database file");
  EXPECT_FALSE(fs::exists(path_));  // opened read-only: never created
}

TEST_F(LoadSqlite, StrictModeFailsOnAnyBadRow) {
  exec(
      "INSERT INTO invoices VALUES ('I2','C1','F','invoice','2026-10-01','2026-10-31','EUR',"
      "'1','2',NULL,NULL,NULL,NULL)");
  const auto loaded = load_sqlite_snapshot(path_, LoadOptions{.strict = true, .shard = {}});
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("invoices:2: balance: '2' is more than the amount '1'"),
            std::string::npos);
}

// ---------------------------------------------------------------- bad rows, one kind each

struct BadRow {
  const char* name;
  std::string insert;    // an INSERT adding one bad row
  std::string expected;  // QuarantinedRow::to_string()
};

void PrintTo(const BadRow& bad, std::ostream* out) { *out << bad.name; }

class LoadSqliteBadRow : public LoadSqlite, public ::testing::WithParamInterface<BadRow> {};

TEST_P(LoadSqliteBadRow, IsQuarantinedWithTableRowidColumnAndReasonAndTheRestLoads) {
  exec(GetParam().insert);
  const LoadedSnapshot snapshot = load_ok();
  ASSERT_EQ(snapshot.quarantine.size(), 1u);
  EXPECT_EQ(snapshot.quarantine[0].to_string(), GetParam().expected);
  EXPECT_EQ(snapshot.portfolio.collectors.size(), 1u);
  EXPECT_EQ(snapshot.portfolio.customers.size(), 2u);
  EXPECT_EQ(snapshot.portfolio.contacts.size(), 3u);
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 1u);
}

// An invoices row from its 13 values as SQL literals.
std::string invoice(const std::string& values) {
  return "INSERT INTO invoices VALUES (" + values + ")";
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, LoadSqliteBadRow,
    ::testing::Values(
        BadRow{"NullId",
               invoice(
                   "NULL,'C1','F','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,NULL"),
               "invoices:2: id: is empty (every row needs an id)"},
        BadRow{"DuplicateId",
               invoice(
                   "'I1','C1','F','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,NULL"),
               "invoices:2: id: duplicate id 'I1' (an earlier row has it)"},
        BadRow{"UnknownCustomer",
               invoice(
                   "'I2','C9','F','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,NULL"),
               "invoices:2: customer_id: unknown customer 'C9' (not in customers)"},
        BadRow{
            "NullNumber",
            invoice(
                "'I2','C1',NULL,'invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,NULL"),
            "invoices:2: number: is empty (the printed invoice number)"},
        BadRow{"UnknownKind",
               invoice(
                   "'I2','C1','F','Invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,NULL"),
               "invoices:2: kind: 'Invoice' is not a kind (expected invoice or credit_note)"},
        BadRow{
            "ImpossibleDate",
            invoice(
                "'I2','C1','F','invoice','2025-02-29','2026-10-31','EUR','1','1',0,1,NULL,NULL"),
            "invoices:2: issue_date: '2025-02-29' is not a valid date (expected YYYY-MM-DD, a real "
            "calendar day)"},
        BadRow{"DateAsInteger",
               invoice("'I2','C1','F','invoice','2026-10-01',20261031,'EUR','1','1',0,1,NULL,NULL"),
               "invoices:2: due_date: '20261031' is not a valid date (expected YYYY-MM-DD, a real "
               "calendar day)"},
        BadRow{"DueBeforeIssue",
               invoice(
                   "'I2','C1','F','invoice','2026-10-02','2026-10-01','EUR','1','1',0,1,NULL,NULL"),
               "invoices:2: due_date: '2026-10-01' is before the issue date '2026-10-02'"},
        BadRow{"NulByteInId",
               invoice("'I' || char(0) || '2','C1','F','invoice','2026-10-01','2026-10-31','EUR',"
                       "'1','1',0,1,NULL,NULL"),
               "invoices:2: id: contains a NUL byte"},
        BadRow{"LineBreakInNumber",
               invoice("'I2','C1','F' || char(13, 10) || 'Bcc: x','invoice','2026-10-01',"
                       "'2026-10-31','EUR','1','1',0,1,NULL,NULL"),
               "invoices:2: number: contains a line break (CR or LF), which it cannot hold"},
        BadRow{"FieldOverMaxFieldBytes",
               invoice("'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,"
                       "printf('%.70000c', 'x')"),
               "invoices:2: pdf: is 70000 bytes, more than the 65536 a value may hold ([snapshot] "
               "max_field_bytes)"},
        BadRow{"AbsurdAmount",
               invoice("'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR',"
                       "'92233720368547758.07','1',0,1,NULL,NULL"),
               "invoices:2: amount: '92233720368547758.07' is larger than any real amount (the "
               "limit is 10000000000000 EUR)"},
        BadRow{"UnknownCurrency",
               invoice(
                   "'I2','C1','F','invoice','2026-10-01','2026-10-31','XYZ','1','1',0,1,NULL,NULL"),
               "invoices:2: currency: 'XYZ' is not an ISO 4217 currency code"},
        BadRow{"TooManyDecimals",
               invoice("'I2','C1','F','invoice','2026-10-01','2026-10-31','KWD','1.2345','1',0,1,"
                       "NULL,NULL"),
               "invoices:2: amount: amount '1.2345' has more decimals than KWD allows (3)"},
        // A column declared NUMERIC (or REAL, or untyped) keeps 0.1 as a binary float.
        BadRow{
            "RealAmount",
            "ALTER TABLE invoices DROP COLUMN amount;"
            "ALTER TABLE invoices ADD COLUMN amount NUMERIC;"
            "UPDATE invoices SET amount = '1200.00';"
            "INSERT INTO invoices (id,customer_id,number,kind,issue_date,due_date,currency,amount,"
            "balance) VALUES ('I2','C1','F','invoice','2026-10-01','2026-10-31','EUR',0.1,'0')",
            "invoices:2: amount: is a floating-point REAL, which may not hold the exact amount "
            "(store it as TEXT like '1234.50')"},
        BadRow{
            "NegativeAmount",
            invoice("'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR',-5,'0',0,1,NULL,NULL"),
            "invoices:2: amount: '-5' is negative (amounts and balances are >= 0)"},
        BadRow{
            "NegativeBalance",
            invoice(
                "'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','5','-1',0,1,NULL,NULL"),
            "invoices:2: balance: '-1' is negative (amounts and balances are >= 0)"},
        BadRow{
            "BalanceAboveAmount",
            invoice(
                "'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','5','5.01',0,1,NULL,NULL"),
            "invoices:2: balance: '5.01' is more than the amount '5'"},
        BadRow{"AmountTooLarge",
               invoice("'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','"
                       "100000000000000000','1',0,1,"
                       "NULL,NULL"),
               "invoices:2: amount: amount '100000000000000000' is too large"},
        BadRow{"BadDisputed",
               invoice(
                   "'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','1','1',2,1,NULL,NULL"),
               "invoices:2: disputed: '2' is not a boolean (true/false, 1/0, yes/no)"},
        BadRow{
            "RealFlag",
            invoice(
                "'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1.0,NULL,NULL"),
            "invoices:2: dunning: '1.0' is not a boolean (true/false, 1/0, yes/no)"},
        BadRow{
            "BadPromiseDate",
            invoice(
                "'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,'soon',NULL"),
            "invoices:2: promise_date: 'soon' is not a valid date (expected YYYY-MM-DD, a real "
            "calendar day)"},
        BadRow{"InvalidUtf8",
               invoice("'I2','C1','F','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,"
                       "CAST(X'7064662FFF' AS TEXT)"),
               "invoices:2: pdf: is not valid UTF-8"},
        BadRow{
            "BlobThatIsNotText",
            invoice("'I2','C1',X'46FF','invoice','2026-10-01','2026-10-31','EUR','1','1',0,1,NULL,"
                    "NULL"),
            "invoices:2: number: is not valid UTF-8"},
        BadRow{"BadLanguage",
               "INSERT INTO customers (id,name,language,country,currency) VALUES "
               "('C3','X','EN','GB','GBP')",
               "customers:3: language: 'EN' is not an ISO 639-1 language code (like en, fr, de)"},
        BadRow{
            "BadCountry",
            "INSERT INTO customers (id,name,language,country,currency) VALUES "
            "('C3','X','en','ZZ','GBP')",
            "customers:3: country: 'ZZ' is not an ISO 3166-1 alpha-2 country code (like FR, DE)"},
        BadRow{"UnknownCollector",
               "INSERT INTO customers (id,name,language,country,currency,collector) VALUES "
               "('C3','X','en','GB','GBP','K2')",
               "customers:3: collector: unknown collector 'K2' (not in collectors)"},
        BadRow{"RealCreditLimit",
               "ALTER TABLE customers DROP COLUMN credit_limit;"
               "ALTER TABLE customers ADD COLUMN credit_limit REAL;"
               "INSERT INTO customers (id,name,language,country,currency,credit_limit) VALUES "
               "('C3','X','en','GB','GBP',1000.5)",
               "customers:3: credit_limit: is a floating-point REAL, which may not hold the exact "
               "amount (store it as TEXT like '1234.50')"},
        BadRow{"BadContactEmail",
               "INSERT INTO contacts (customer_id,email) VALUES ('C1','jean@@acme.example')",
               "contacts:4: email: 'jean@@acme.example' is not an email address"},
        BadRow{"DuplicateCollector", "INSERT INTO collectors (id,name) VALUES ('K1','Bob')",
               "collectors:2: id: duplicate id 'K1' (an earlier row has it)"}),
    [](const ::testing::TestParamInfo<BadRow>& param_info) {
      return std::string(param_info.param.name);
    });

// ---------------------------------------------------------------- against `dun gen`

void expect_same_text(const TextColumn& a, const TextColumn& b) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.bytes(), b.bytes());
  EXPECT_EQ(a.offsets(), b.offsets());
}

TEST(LoadSqliteAndCsv, LoadTheSamePortfolioFromDunGensTwoOutputs) {
  const fs::path out = fs::temp_directory_path() / ("dun_load_gen_" + std::to_string(::getpid()));
  const std::string command = std::string(DUN_BINARY) +
                              " gen --invoices 3000 --seed 11 --sqlite --out " + out.string() +
                              " > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  const auto from_csv = load_csv_snapshot(out);
  const auto from_sqlite = load_sqlite_snapshot(out / "snapshot.db");
  fs::remove_all(out);
  ASSERT_TRUE(from_csv.ok()) << from_csv.error().message;
  ASSERT_TRUE(from_sqlite.ok()) << from_sqlite.error().message;
  EXPECT_TRUE(from_csv->quarantine.empty()) << from_csv->quarantine[0].to_string();
  EXPECT_TRUE(from_sqlite->quarantine.empty()) << from_sqlite->quarantine[0].to_string();
  const Portfolio& a = from_csv->portfolio;
  const Portfolio& b = from_sqlite->portfolio;
  EXPECT_EQ(a.invoices.size(), 3000u);
  expect_same_text(a.customers.id, b.customers.id);
  expect_same_text(a.customers.address, b.customers.address);
  EXPECT_EQ(a.customers.collector, b.customers.collector);
  EXPECT_EQ(a.customers.credit_limit, b.customers.credit_limit);
  EXPECT_EQ(a.contacts.customer, b.contacts.customer);
  expect_same_text(a.invoices.id, b.invoices.id);
  EXPECT_EQ(a.invoices.customer, b.invoices.customer);
  EXPECT_EQ(a.invoices.due_date, b.invoices.due_date);
  EXPECT_EQ(a.invoices.amount, b.invoices.amount);
  EXPECT_EQ(a.invoices.balance, b.invoices.balance);
  EXPECT_EQ(a.invoices.disputed, b.invoices.disputed);
  EXPECT_EQ(a.invoices.promise_date, b.invoices.promise_date);
}

}  // namespace
}  // namespace dun

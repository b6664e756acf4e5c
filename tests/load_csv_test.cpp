#include "engine/snapshot/load_csv.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/snapshot/snapshot_schema.hpp"
#include "snapshot_fixture.hpp"
#include "stdlib/date.hpp"

namespace dun {
namespace {

using testing::kCollectorsCsv;
using testing::kContactsCsv;
using testing::kCustomersCsv;
using testing::kGoodInvoiceRow;
using testing::kInvoicesCsv;

CsvSnapshotTexts fixture() { return {kCollectorsCsv, kCustomersCsv, kContactsCsv, kInvoicesCsv}; }

LoadedSnapshot load_ok(CsvSnapshotTexts texts, LoadOptions options = {}) {
  auto loaded = load_csv_snapshot_from_memory(std::move(texts), options);
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().message);
  if (!loaded.ok()) return {};
  return std::move(loaded).value();
}

std::string load_error(CsvSnapshotTexts texts) {
  auto loaded = load_csv_snapshot_from_memory(std::move(texts));
  EXPECT_FALSE(loaded.ok());
  return loaded.ok() ? "" : loaded.error().message;
}

std::int32_t day(const char* text) { return Date::parse(text)->days(); }

// ---------------------------------------------------------------- good snapshots

TEST(LoadCsv, LoadsEveryTableIntoColumns) {
  const LoadedSnapshot snapshot = load_ok(fixture());
  EXPECT_TRUE(snapshot.quarantine.empty());
  EXPECT_TRUE(snapshot.warnings.empty());
  const Portfolio& p = snapshot.portfolio;
  ASSERT_EQ(p.collectors.size(), 1u);
  ASSERT_EQ(p.customers.size(), 2u);
  ASSERT_EQ(p.contacts.size(), 3u);
  ASSERT_EQ(p.invoices.size(), 1u);

  EXPECT_EQ(p.customers.name[0], "Acme SAS");
  EXPECT_EQ(p.symbols.text(p.customers.language[0]), "fr");
  EXPECT_EQ(p.symbols.text(p.customers.country[1]), "DE");
  EXPECT_EQ(p.customers.currency[0].code(), "EUR");
  EXPECT_EQ(p.customers.address[0], "12 rue de la Paix\n75002 Paris");
  EXPECT_EQ(p.customers.collector[0], 0u);
  EXPECT_EQ(p.customers.collector[1], kNoRow);
  EXPECT_EQ(p.customers.credit_limit[0], 500000);
  EXPECT_EQ(p.customers.has_credit_limit[0], 1);
  EXPECT_EQ(p.customers.has_credit_limit[1], 0);
  EXPECT_EQ(p.customers.scenario[0], SymbolTable::kEmpty);
  EXPECT_EQ(p.symbols.text(p.customers.scenario[1]), "standard_b2b");

  EXPECT_EQ(p.invoices.id[0], "I1");
  EXPECT_EQ(p.invoices.customer[0], 0u);
  EXPECT_EQ(p.invoices.number[0], "F-001");
  EXPECT_EQ(p.invoices.kind[0], InvoiceKind::invoice);
  EXPECT_EQ(p.invoices.issue_date[0], day("2026-10-01"));
  EXPECT_EQ(p.invoices.due_date[0], day("2026-10-31"));
  EXPECT_EQ(p.invoices.amount[0], 120000);
  EXPECT_EQ(p.invoices.balance[0], 120000);
  EXPECT_EQ(p.invoices.disputed[0], 0);
  EXPECT_EQ(p.invoices.dunning[0], 1);
  EXPECT_EQ(p.invoices.promise_date[0], kNoDate);
  EXPECT_EQ(p.invoices.pdf[0], "pdf/I1.pdf");
}

TEST(LoadCsv, FindsRowsById) {
  const Portfolio p = load_ok(fixture()).portfolio;
  EXPECT_EQ(p.find_customer("C2"), 1u);
  EXPECT_EQ(p.find_invoice("I1"), 0u);
  EXPECT_EQ(p.find_collector("K1"), 0u);
  EXPECT_FALSE(p.find_customer("C3"));
  EXPECT_FALSE(p.find_invoice("C1"));
}

TEST(LoadCsv, InternsRepeatedStrings) {
  const Portfolio p = load_ok(fixture()).portfolio;
  // Both customers are in EUR and the contact roles repeat: one symbol each.
  EXPECT_EQ(p.contacts.role[0], p.contacts.role[2]);  // empty role = collection
  EXPECT_EQ(p.symbols.text(p.contacts.role[0]), "collection");
  EXPECT_NE(p.customers.language[0], p.customers.language[1]);
  EXPECT_EQ(p.symbols.find("sme"), p.customers.segment[0]);
  // The symbols' text is one bytes + offsets column indexed by SymbolId (the batch ABI's form).
  EXPECT_EQ(p.symbols.texts()[p.customers.country[0]], "FR");
  EXPECT_EQ(p.symbols.texts()[SymbolTable::kEmpty], "");
}

TEST(LoadCsv, GroupsContactsByCustomer) {
  const Portfolio p = load_ok(fixture()).portfolio;
  ASSERT_EQ(p.contacts_of(0).size(), 2u);
  EXPECT_EQ(p.contacts.email[p.contacts_of(0)[1]], "legal@acme.example");
  EXPECT_EQ(p.contact_with_role(0, "legal"), 1u);
  EXPECT_EQ(p.contact_with_role(1, "collection"), 2u);
  EXPECT_EQ(p.contact_with_role(1, "legal"), kNoRow);
}

TEST(LoadCsv, OptionalColumnsTakeTheirDefaults) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices =
      "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance\n"
      "I1,C1,F-001,credit_note,2026-10-01,2026-10-31,JPY,1200,0\n";
  const Portfolio p = load_ok(texts).portfolio;
  ASSERT_EQ(p.invoices.size(), 1u);
  EXPECT_EQ(p.invoices.kind[0], InvoiceKind::credit_note);
  EXPECT_EQ(p.invoices.amount[0], 1200);  // JPY has no minor unit
  EXPECT_EQ(p.invoices.disputed[0], 0);
  EXPECT_EQ(p.invoices.dunning[0], 1);
  EXPECT_EQ(p.invoices.pdf[0], "");
}

TEST(LoadCsv, AcceptsEveryBooleanSpellingAndAPromiseDate) {
  CsvSnapshotTexts texts = fixture();
  *texts.invoices +=
      "I2,C1,F-2,invoice,2026-10-01,2026-10-31,EUR,1,1,yes,no,2026-11-15,\n"
      "I3,C1,F-3,invoice,2026-10-01,2026-10-31,EUR,1,1,1,0,,\n"
      "I4,C1,F-4,invoice,2026-10-01,2026-10-31,EUR,1,1,TRUE,False,,\n";
  const Portfolio p = load_ok(texts).portfolio;
  ASSERT_EQ(p.invoices.size(), 4u);
  for (RowIndex row = 1; row < 4; ++row) {
    EXPECT_EQ(p.invoices.disputed[row], 1) << row;
    EXPECT_EQ(p.invoices.dunning[row], 0) << row;
  }
  EXPECT_EQ(p.invoices.promise_date[1], day("2026-11-15"));
}

TEST(LoadCsv, InvoiceCurrencyMayDifferFromTheCustomers) {
  CsvSnapshotTexts texts = fixture();
  *texts.invoices += "I2,C1,F-2,invoice,2026-10-01,2026-10-31,KWD,1.234,0.5,,,,\n";
  const Portfolio p = load_ok(texts).portfolio;
  ASSERT_EQ(p.invoices.size(), 2u);
  EXPECT_EQ(p.invoices.currency[1].code(), "KWD");
  EXPECT_EQ(p.invoices.amount[1], 1234);
  EXPECT_EQ(p.invoices.balance[1], 500);
}

// ---------------------------------------------------------------- RFC 4180 and encodings

TEST(LoadCsv, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  CsvSnapshotTexts texts = fixture();
  texts.customers =
      "id,name,language,country,currency,address\n"
      "C1,\"Acme, \"\"the best\"\" SAS\",fr,FR,EUR,\"line 1\nline 2\nline 3\"\n"
      "\"C2\",\"\",de,DE,EUR,\n";  // quoted id; empty quoted name is a bad row (line 5)
  texts.contacts = std::nullopt;
  texts.invoices = "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance\n";
  const LoadedSnapshot snapshot = load_ok(texts);
  const Portfolio& p = snapshot.portfolio;
  ASSERT_EQ(p.customers.size(), 1u);
  EXPECT_EQ(p.customers.name[0], "Acme, \"the best\" SAS");
  EXPECT_EQ(p.customers.address[0], "line 1\nline 2\nline 3");
  ASSERT_EQ(snapshot.quarantine.size(), 1u);
  // The three-line record occupies lines 2-4, so the next record starts on line 5.
  EXPECT_EQ(snapshot.quarantine[0].to_string(),
            "customers.csv:5: name: is empty (a name is required)");
  EXPECT_EQ(snapshot.quarantine[0].id, "C2");
}

TEST(LoadCsv, AcceptsCrlfLineEndingsAndAByteOrderMark) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices =
      "\xEF\xBB\xBFid,customer_id,number,kind,issue_date,due_date,currency,amount,balance,pdf\r\n"
      "I1,C1,F-001,invoice,2026-10-01,2026-10-31,EUR,10.00,10.00,\"a\r\nb\"\r\n"
      "I2,C1,F-002,invoice,2026-10-01,2026-10-31,EUR,10.00,10.00,last\r\n"
      "I3,C1,F-003,invoice,2026-10-01,2026-10-31,EUR,10.00,12.00,\r\n";
  const LoadedSnapshot snapshot = load_ok(texts);
  const Portfolio& p = snapshot.portfolio;
  ASSERT_EQ(p.invoices.size(), 2u);
  EXPECT_EQ(p.invoices.id[0], "I1");  // the BOM is not part of the first column's name
  EXPECT_EQ(p.invoices.pdf[0], "a\r\nb");
  EXPECT_EQ(p.invoices.pdf[1], "last");  // no CR left at the end of the last field
  ASSERT_EQ(snapshot.quarantine.size(), 1u);
  EXPECT_EQ(snapshot.quarantine[0].position, 5);
}

TEST(LoadCsv, MatchesColumnsByNameInAnyOrder) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices =
      "balance,amount,currency,due_date,issue_date,kind,number,customer_id,id\n"
      "5.00,10.00,EUR,2026-10-31,2026-10-01,invoice,F-9,C2,I9\n";
  const Portfolio p = load_ok(texts).portfolio;
  ASSERT_EQ(p.invoices.size(), 1u);
  EXPECT_EQ(p.invoices.id[0], "I9");
  EXPECT_EQ(p.invoices.customer[0], 1u);
  EXPECT_EQ(p.invoices.amount[0], 1000);
  EXPECT_EQ(p.invoices.balance[0], 500);
}

TEST(LoadCsv, IgnoresUnknownColumnsWithOneWarningPerFile) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices =
      "id,customer_id,region,number,kind,issue_date,due_date,currency,amount,balance,note\n"
      "I1,C1,north,F-1,invoice,2026-10-01,2026-10-31,EUR,1,1,hello\n"
      "I2,C1,south,F-2,invoice,2026-10-01,2026-10-31,EUR,1,1,again\n";
  const LoadedSnapshot snapshot = load_ok(texts);
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 2u);
  ASSERT_EQ(snapshot.warnings.size(), 1u);
  EXPECT_EQ(snapshot.warnings[0], "invoices.csv: ignoring unknown columns 'region', 'note'");
}

TEST(LoadCsv, SkipsBlankLinesAndKeepsCountingThem) {
  CsvSnapshotTexts texts = fixture();
  *texts.invoices += "\n\nI2,C1,F-2,invoice,2026-10-01,2026-10-31,EUR,1,2,,,,\n\n";
  const LoadedSnapshot snapshot = load_ok(texts);
  ASSERT_EQ(snapshot.quarantine.size(), 1u);
  EXPECT_EQ(snapshot.quarantine[0].position, 5);
}

TEST(LoadCsv, AcceptsAHeaderOnlyFileAndALastLineWithoutNewline) {
  CsvSnapshotTexts texts = fixture();
  texts.contacts = "customer_id,name,email,phone,role";
  texts.invoices = kInvoicesCsv.substr(0, kInvoicesCsv.size() - 1);
  const Portfolio p = load_ok(texts).portfolio;
  EXPECT_EQ(p.contacts.size(), 0u);
  EXPECT_EQ(p.invoices.pdf[0], "pdf/I1.pdf");
}

// ---------------------------------------------------------------- files that cannot be used

TEST(LoadCsv, AMissingRequiredColumnIsFatalAndNamesFileAndColumn) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices = "id,customer_id,number,kind,issue_date,currency,amount,balance\n";
  EXPECT_EQ(load_error(texts),
            "invoices.csv: required column 'due_date' is missing from the header (expected "
            "columns: id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,"
            "disputed,dunning,promise_date,pdf)");
}

TEST(LoadCsv, ADuplicatedHeaderColumnIsFatal) {
  CsvSnapshotTexts texts = fixture();
  texts.collectors = "id,name,id\n";
  EXPECT_EQ(load_error(texts), "collectors.csv: column 'id' appears twice in the header; keep one");
}

TEST(LoadCsv, AnEmptyFileIsFatal) {
  CsvSnapshotTexts texts = fixture();
  texts.customers = "";
  EXPECT_NE(load_error(texts).find("customers.csv: the file is empty"), std::string::npos);
}

TEST(LoadCsv, AMissingRequiredFileIsFatal) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices = std::nullopt;
  EXPECT_NE(load_error(texts).find("invoices.csv: missing"), std::string::npos);
}

TEST(LoadCsv, OptionalFilesMayBeAbsent) {
  CsvSnapshotTexts texts = fixture();
  texts.contacts = std::nullopt;
  texts.collectors = std::nullopt;
  // Without collectors.csv no collector can be resolved: C1 names one, so it is quarantined.
  const LoadedSnapshot snapshot = load_ok(texts);
  EXPECT_EQ(snapshot.portfolio.customers.size(), 1u);
  EXPECT_EQ(snapshot.portfolio.contacts.size(), 0u);
  EXPECT_EQ(snapshot.portfolio.contacts_of(0).size(), 0u);
  ASSERT_EQ(snapshot.quarantine.size(), 2u);  // C1, then its invoice I1
  EXPECT_EQ(snapshot.quarantine[0].column, "collector");
  EXPECT_EQ(snapshot.quarantine[1].reason, "customer 'C1' is quarantined");
}

// ---------------------------------------------------------------- strict mode

TEST(LoadCsv, StrictModeTurnsAnyBadRowIntoAFailedLoad) {
  CsvSnapshotTexts texts = fixture();
  *texts.invoices += "I2,C1,F-2,invoice,2026-02-30,2026-10-31,EUR,1,1,,,,\n";
  const auto loaded =
      load_csv_snapshot_from_memory(texts, LoadOptions{.strict = true, .shard = {}});
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("strict mode: 1 bad row"), std::string::npos);
  EXPECT_NE(loaded.error().message.find("invoices.csv:3: issue_date: '2026-02-30' is not a valid"),
            std::string::npos);
  EXPECT_TRUE(
      load_csv_snapshot_from_memory(fixture(), LoadOptions{.strict = true, .shard = {}}).ok());
}

// ---------------------------------------------------------------- bad rows, one kind each

struct BadRow {
  const char* name;
  Table table;
  std::string row;       // appended to the fixture's file for `table`
  std::string expected;  // QuarantinedRow::to_string(), or its start when it ends with "…"
};

void PrintTo(const BadRow& bad, std::ostream* out) { *out << bad.name; }

class LoadCsvBadRow : public ::testing::TestWithParam<BadRow> {};

TEST_P(LoadCsvBadRow, IsQuarantinedWithFileLineColumnAndReasonAndTheRestLoads) {
  const BadRow& bad = GetParam();
  CsvSnapshotTexts texts = fixture();
  std::optional<std::string>& file = bad.table == Table::collectors  ? texts.collectors
                                     : bad.table == Table::customers ? texts.customers
                                     : bad.table == Table::contacts  ? texts.contacts
                                                                     : texts.invoices;
  *file += bad.row;
  const LoadedSnapshot snapshot = load_ok(texts);
  ASSERT_EQ(snapshot.quarantine.size(), 1u);
  const std::string report = snapshot.quarantine[0].to_string();
  if (bad.expected.ends_with("…")) {
    const std::string prefix =
        bad.expected.substr(0, bad.expected.size() - std::string("…").size());
    EXPECT_EQ(report.substr(0, prefix.size()), prefix) << report;
  } else {
    EXPECT_EQ(report, bad.expected);
  }
  // Everything else is still there.
  EXPECT_EQ(snapshot.portfolio.collectors.size(), 1u);
  EXPECT_EQ(snapshot.portfolio.customers.size(), 2u);
  EXPECT_EQ(snapshot.portfolio.contacts.size(), 3u);
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 1u);
}

std::string invoice(std::string id, std::string customer, std::string number, std::string kind,
                    std::string issue, std::string due, std::string currency, std::string amount,
                    std::string balance, std::string disputed = "false",
                    std::string dunning = "true", std::string promise = "") {
  return id + "," + customer + "," + number + "," + kind + "," + issue + "," + due + "," +
         currency + "," + amount + "," + balance + "," + disputed + "," + dunning + "," + promise +
         ",\n";
}

const std::string kIssue = "2026-10-01";
const std::string kDue = "2026-10-31";

INSTANTIATE_TEST_SUITE_P(
    Kinds, LoadCsvBadRow,
    ::testing::Values(
        BadRow{"EmptyId", Table::invoices,
               invoice("", "C1", "F", "invoice", kIssue, kDue, "EUR", "1", "1"),
               "invoices.csv:3: id: is empty (every row needs an id)"},
        BadRow{"DuplicateInvoiceId", Table::invoices,
               invoice("I1", "C1", "F", "invoice", kIssue, kDue, "EUR", "1", "1"),
               "invoices.csv:3: id: duplicate id 'I1' (an earlier row has it)"},
        BadRow{"EmptyCustomerId", Table::invoices,
               invoice("I2", "", "F", "invoice", kIssue, kDue, "EUR", "1", "1"),
               "invoices.csv:3: customer_id: is empty (the row must name its customer)"},
        BadRow{"UnknownCustomer", Table::invoices,
               invoice("I2", "C9", "F", "invoice", kIssue, kDue, "EUR", "1", "1"),
               "invoices.csv:3: customer_id: unknown customer 'C9' (not in customers)"},
        BadRow{"EmptyNumber", Table::invoices,
               invoice("I2", "C1", "", "invoice", kIssue, kDue, "EUR", "1", "1"),
               "invoices.csv:3: number: is empty (the printed invoice number)"},
        BadRow{"UnknownKind", Table::invoices,
               invoice("I2", "C1", "F", "bill", kIssue, kDue, "EUR", "1", "1"),
               "invoices.csv:3: kind: 'bill' is not a kind (expected invoice or credit_note)"},
        BadRow{"ImpossibleDate", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, "2026-02-30", "EUR", "1", "1"),
               "invoices.csv:3: due_date: '2026-02-30' is not a valid date (expected YYYY-MM-DD, "
               "a real calendar day)"},
        BadRow{"MalformedDate", Table::invoices,
               invoice("I2", "C1", "F", "invoice", "01/10/2026", kDue, "EUR", "1", "1"),
               "invoices.csv:3: issue_date: '01/10/2026' is not a valid date…"},
        BadRow{"EmptyDate", Table::invoices,
               invoice("I2", "C1", "F", "invoice", "", kDue, "EUR", "1", "1"),
               "invoices.csv:3: issue_date: is empty (a date YYYY-MM-DD is required)"},
        BadRow{"DueBeforeIssue", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kDue, kIssue, "EUR", "1", "1"),
               "invoices.csv:3: due_date: '2026-10-01' is before the issue date '2026-10-31'"},
        BadRow{"UnknownCurrency", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUX", "1", "1"),
               "invoices.csv:3: currency: 'EUX' is not an ISO 4217 currency code"},
        BadRow{"LowerCaseCurrency", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "eur", "1", "1"),
               "invoices.csv:3: currency: 'eur' is not an ISO 4217 currency code"},
        BadRow{"AmountNotADecimal", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "1.2e3", "1"),
               "invoices.csv:3: amount: '1.2e3' is not a decimal amount…"},
        BadRow{"EmptyAmount", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "", "1"),
               "invoices.csv:3: amount: is empty (an amount like 1234.50 is required)"},
        BadRow{"TooManyDecimals", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "100.005", "1"),
               "invoices.csv:3: amount: amount '100.005' has more decimals than EUR allows (2)"},
        BadRow{"DecimalsInAZeroExponentCurrency", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "JPY", "100", "99.5"),
               "invoices.csv:3: balance: amount '99.5' has more decimals than JPY allows (0)"},
        BadRow{"NegativeAmount", Table::invoices,
               invoice("I2", "C1", "F", "credit_note", kIssue, kDue, "EUR", "-10.00", "0"),
               "invoices.csv:3: amount: '-10.00' is negative (amounts and balances are >= 0)"},
        BadRow{"NegativeBalance", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "10.00", "-0.01"),
               "invoices.csv:3: balance: '-0.01' is negative (amounts and balances are >= 0)"},
        BadRow{"BalanceAboveAmount", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "10.00", "10.01"),
               "invoices.csv:3: balance: '10.01' is more than the amount '10.00'"},
        BadRow{
            "AmountTooLarge", Table::invoices,
            invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "99999999999999999999", "1"),
            "invoices.csv:3: amount: amount '99999999999999999999' is too large"},
        BadRow{"BadDisputedFlag", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "1", "1", "maybe"),
               "invoices.csv:3: disputed: 'maybe' is not a boolean (true/false, 1/0, yes/no)"},
        BadRow{"BadDunningFlag", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "1", "1", "false", "2"),
               "invoices.csv:3: dunning: '2' is not a boolean (true/false, 1/0, yes/no)"},
        BadRow{"BadPromiseDate", Table::invoices,
               invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "1", "1", "false", "true",
                       "2026-13-01"),
               "invoices.csv:3: promise_date: '2026-13-01' is not a valid date…"},
        BadRow{"InvalidUtf8", Table::invoices,
               invoice("I2", "C1", "F\xC3\x28", "invoice", kIssue, kDue, "EUR", "1", "1"),
               "invoices.csv:3: number: is not valid UTF-8"},
        BadRow{"TooFewFields", Table::invoices, "I2,C1,F,invoice\n",
               "invoices.csv:3: the record has 4 fields but the header has 13"},
        BadRow{"TooManyFields", Table::invoices,
               "I2,C1,F,invoice,2026-10-01,2026-10-31,EUR,1,1,false,true,,,extra\n",
               "invoices.csv:3: the record has 14 fields but the header has 13"},
        BadRow{"UnterminatedQuote", Table::invoices,
               "I2,C1,\"F-2,invoice,2026-10-01,2026-10-31,EUR,1,1,false,true,,\n",
               "invoices.csv:3: number: a quoted field is never closed (missing '\"')"},
        BadRow{"TextAfterClosingQuote", Table::invoices,
               "I2,C1,\"F-2\"x,invoice,2026-10-01,2026-10-31,EUR,1,1,false,true,,\n",
               "invoices.csv:3: number: text after the closing quote of a quoted field"},
        BadRow{"QuoteInUnquotedField", Table::invoices,
               "I2,C1,F\"2,invoice,2026-10-01,2026-10-31,EUR,1,1,false,true,,\n",
               "invoices.csv:3: number: a quote inside an unquoted field (quote the whole field)"},
        BadRow{"DuplicateCustomerId", Table::customers, "C2,Other,en,GB,GBP,,,,,,\n",
               "customers.csv:5: id: duplicate id 'C2' (an earlier row has it)"},
        BadRow{"BadLanguage", Table::customers, "C3,Other,english,GB,GBP,,,,,,\n",
               "customers.csv:5: language: 'english' is not an ISO 639-1 language code (like en, "
               "fr, de)"},
        BadRow{"UnknownLanguage", Table::customers, "C3,Other,xx,GB,GBP,,,,,,\n",
               "customers.csv:5: language: 'xx' is not an ISO 639-1 language code…"},
        BadRow{"BadCountry", Table::customers, "C3,Other,en,UK,GBP,,,,,,\n",
               "customers.csv:5: country: 'UK' is not an ISO 3166-1 alpha-2 country code (like "
               "FR, DE)"},
        BadRow{"BadCustomerCurrency", Table::customers, "C3,Other,en,GB,POUND,,,,,,\n",
               "customers.csv:5: currency: 'POUND' is not an ISO 4217 currency code"},
        BadRow{"UnknownCollector", Table::customers, "C3,Other,en,GB,GBP,,,,,K9,\n",
               "customers.csv:5: collector: unknown collector 'K9' (not in collectors)"},
        BadRow{"BadEmail", Table::customers, "C3,Other,en,GB,GBP,,,ap at other,,,\n",
               "customers.csv:5: email: 'ap at other' is not an email address"},
        BadRow{"NegativeCreditLimit", Table::customers, "C3,Other,en,GB,GBP,,,,,,-5\n",
               "customers.csv:5: credit_limit: '-5' is negative (amounts and balances are >= 0)"},
        BadRow{"EmptyCustomerName", Table::customers, "C3,,en,GB,GBP,,,,,,\n",
               "customers.csv:5: name: is empty (a name is required)"},
        BadRow{"ContactOfUnknownCustomer", Table::contacts, "C7,X,x@y.example,,\n",
               "contacts.csv:5: customer_id: unknown customer 'C7' (not in customers)"},
        BadRow{"ContactWithoutEmailOrPhone", Table::contacts, "C1,Nobody,,,billing\n",
               "contacts.csv:5: email: is empty and so is phone (a contact needs a way to reach "
               "it)"},
        BadRow{"DuplicateCollectorId", Table::collectors, "K1,Bob,bob@ourco.example,\n",
               "collectors.csv:3: id: duplicate id 'K1' (an earlier row has it)"}),
    [](const ::testing::TestParamInfo<BadRow>& param_info) {
      return std::string(param_info.param.name);
    });

TEST(LoadCsv, ABadCustomersInvoicesSayTheCustomerIsQuarantined) {
  CsvSnapshotTexts texts = fixture();
  *texts.customers += "C3,Other,en,GB,GBP,,,,,,-5\n";
  *texts.invoices += invoice("I2", "C3", "F", "invoice", kIssue, kDue, "GBP", "1", "1");
  const LoadedSnapshot snapshot = load_ok(texts);
  ASSERT_EQ(snapshot.quarantine.size(), 2u);
  EXPECT_EQ(snapshot.quarantine[1].to_string(),
            "invoices.csv:3: customer_id: customer 'C3' is quarantined");
  EXPECT_EQ(snapshot.quarantine[1].id, "I2");
}

TEST(LoadCsv, ALaterRowReusingAQuarantinedIdIsStillADuplicate) {
  CsvSnapshotTexts texts = fixture();
  *texts.invoices += invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "1", "2") +
                     invoice("I2", "C1", "F", "invoice", kIssue, kDue, "EUR", "1", "1");
  const LoadedSnapshot snapshot = load_ok(texts);
  ASSERT_EQ(snapshot.quarantine.size(), 2u);
  EXPECT_EQ(snapshot.quarantine[1].to_string(),
            "invoices.csv:4: id: duplicate id 'I2' (an earlier row has it)");
}

// ---------------------------------------------------------------- from a directory

class LoadCsvDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ =
        std::filesystem::temp_directory_path() /
        ("dun_load_csv_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(directory_ / name, std::ios::binary) << text;
  }
  std::filesystem::path directory_;
};

TEST_F(LoadCsvDirectory, LoadsTheFilesAndNamesThemInQuarantine) {
  write("customers.csv", kCustomersCsv);
  write("collectors.csv", kCollectorsCsv);
  write("invoices.csv", kInvoicesCsv + kGoodInvoiceRow + "I3,C1,F,invoice,x,,EUR,1,1,,,,\n");
  const auto loaded = load_csv_snapshot(directory_);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->portfolio.invoices.size(), 2u);
  EXPECT_EQ(loaded->portfolio.contacts.size(), 0u);  // contacts.csv is optional
  ASSERT_EQ(loaded->quarantine.size(), 1u);
  EXPECT_EQ(loaded->quarantine[0].to_string(), (directory_ / "invoices.csv").string() +
                                                   ":4: issue_date: 'x' is not a valid date " +
                                                   "(expected YYYY-MM-DD, a real calendar day)");
}

TEST_F(LoadCsvDirectory, AMissingRequiredFileIsFatalAndNamesIt) {
  write("customers.csv", kCustomersCsv);
  const auto loaded = load_csv_snapshot(directory_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message,
            (directory_ / "invoices.csv").string() + ": cannot open: No such file or directory");
}

TEST_F(LoadCsvDirectory, AnEmptyFileAndAQuotedFieldAtTheEndOfTheFileLoad) {
  write("customers.csv", kCustomersCsv);
  write("contacts.csv", "");
  write("invoices.csv", kInvoicesCsv);
  const auto loaded = load_csv_snapshot(directory_);
  ASSERT_FALSE(loaded.ok());  // contacts.csv exists but has no header
  EXPECT_NE(loaded.error().message.find("contacts.csv: the file is empty"), std::string::npos);
}

TEST_F(LoadCsvDirectory, ASnapshotThatIsNotADirectoryIsFatal) {
  const auto loaded = load_csv_snapshot(directory_ / "nope");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("not a directory"), std::string::npos);
}

// ---------------------------------------------------------------- hostile bytes are bad rows

// The one quarantine record of loading `invoices_row` after the fixture's invoices.
std::string bad_invoice(const std::string& invoices_row, LoadOptions options = {}) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices = kInvoicesCsv + invoices_row;
  const LoadedSnapshot snapshot = load_ok(texts, options);
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 1u);
  EXPECT_EQ(snapshot.quarantine.size(), 1u);
  return snapshot.quarantine.empty() ? "" : snapshot.quarantine[0].to_string();
}

TEST(LoadCsv, ANulByteIsABadRow) {
  EXPECT_EQ(
      bad_invoice(std::string("I") + '\0' + "2,C1,F,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n"),
      "invoices.csv:3: id: contains a NUL byte");
  EXPECT_EQ(
      bad_invoice(std::string("I2,C1,F") + '\0' + ",invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n"),
      "invoices.csv:3: number: contains a NUL byte");
}

// The checks scan a value eight bytes at a time, then byte by byte: a NUL or a line break is
// found at every position of a value longer than a word, and at its last.
TEST(LoadCsv, ANulOrALineBreakAnywhereInALongValueIsABadRow) {
  for (std::size_t at = 0; at < 19; ++at) {
    std::string number(19, 'F');
    number[at] = '\0';
    EXPECT_EQ(bad_invoice("I2,C1," + number + ",invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n"),
              "invoices.csv:3: number: contains a NUL byte")
        << "NUL at " << at;
    for (const char line_break : {'\r', '\n'}) {
      number[at] = line_break;
      EXPECT_EQ(bad_invoice("I2,C1,\"" + number + "\",invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n"),
                "invoices.csv:3: number: contains a line break (CR or LF), which it cannot hold")
          << int(line_break) << " at " << at;
    }
  }
}

TEST(LoadCsv, AFieldOverMaxFieldBytesIsABadRow) {
  const std::string big(70 * 1024, 'x');
  EXPECT_EQ(bad_invoice("I2,C1,F-002,invoice,2026-10-01,2026-10-31,EUR,1,1,,,," + big + "\n"),
            "invoices.csv:3: pdf: is 71680 bytes, more than the 65536 a value may hold ([snapshot] "
            "max_field_bytes)");
  LoadOptions small;
  small.max_field_bytes = 100;  // more than any value of the fixture
  EXPECT_EQ(
      bad_invoice("I2,C1," + std::string(101, '7') + ",invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n",
                  small),
      "invoices.csv:3: number: is 101 bytes, more than the 100 a value may hold ([snapshot] "
      "max_field_bytes)");
}

TEST(LoadCsv, LineBreaksInNamesEmailsAndIdsAreBadRows) {
  CsvSnapshotTexts texts = fixture();
  texts.customers = testing::kCustomersCsvHeader +
                    "C1,Acme SAS,fr,FR,EUR,,,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",,\n"
                    "C2,\"Globex\r\nBcc: x@evil.example\",de,DE,EUR,,,,,,\n"
                    "C3,Initech,en,GB,EUR,,,\"a@b.example\nBcc: x@evil.example\",,,\n"
                    "C4,Umbrella,en,GB,EUR,,,,\"1 Road\r\nTown\",,\n";
  texts.collectors = std::nullopt;
  texts.contacts = "customer_id,name,email,phone,role\nC1,\"Jean\nDupont\",jean@acme.example,,\n";
  texts.invoices = testing::kInvoicesCsvHeader +
                   "\"I1\nI1\",C1,F-001,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n";
  const LoadedSnapshot snapshot = load_ok(texts);
  EXPECT_EQ(snapshot.portfolio.customers.size(), 1u);  // an address may hold LF
  std::vector<std::string> records;
  for (const QuarantinedRow& row : snapshot.quarantine) records.push_back(row.to_string());
  EXPECT_EQ(records,
            (std::vector<std::string>{
                "customers.csv:4: name: contains a line break (CR or LF), which it cannot hold",
                "customers.csv:6: email: contains a line break (CR or LF), which it cannot hold",
                "customers.csv:8: address: contains a carriage return (CR): separate its lines "
                "with LF alone",
                "contacts.csv:2: name: contains a line break (CR or LF), which it cannot hold",
                "invoices.csv:2: id: contains a line break (CR or LF), which it cannot hold"}));
}

// 92233720368547758.07 is INT64_MAX minor units: three such invoices would overflow a total.
TEST(LoadCsv, AnAbsurdAmountIsABadRow) {
  EXPECT_EQ(bad_invoice("I2,C1,F-002,invoice,2026-10-01,2026-10-31,EUR,92233720368547758.07,"
                        "92233720368547758.07,,,,\n"),
            "invoices.csv:3: amount: '92233720368547758.07' is larger than any real amount (the "
            "limit is 10000000000000 EUR)");
  EXPECT_EQ(bad_invoice("I2,C1,F-002,invoice,2026-10-01,2026-10-31,EUR,10000000000000.00,1,,,,\n"),
            "invoices.csv:3: amount: '10000000000000.00' is larger than any real amount (the "
            "limit is 10000000000000 EUR)");
  // Just below the limit loads.
  CsvSnapshotTexts texts = fixture();
  texts.invoices = kInvoicesCsv +
                   "I2,C1,F-002,invoice,2026-10-01,2026-10-31,EUR,9999999999999.99,"
                   "9999999999999.99,,,,\n";
  EXPECT_EQ(load_ok(texts).portfolio.invoices.size(), 2u);
}

TEST(LoadCsv, ThreeInvoicesOfInt64MaxAreQuarantined) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices = testing::kInvoicesCsvHeader;
  for (int i = 1; i <= 3; ++i) {
    *texts.invoices += "I" + std::to_string(i) +
                       ",C1,F,invoice,2026-10-01,2026-10-31,GBP,92233720368547758.07,"
                       "92233720368547758.07,,,,\n";
  }
  const LoadedSnapshot snapshot = load_ok(texts);
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 0u);
  ASSERT_EQ(snapshot.quarantine.size(), 3u);
  EXPECT_EQ(snapshot.quarantine[2].to_string(),
            "invoices.csv:4: amount: '92233720368547758.07' is larger than any real amount (the "
            "limit is 10000000000000 GBP)");
}

// The stray quote of a damaged export: one bad row, the rest of the file loads.
TEST(LoadCsv, AStrayQuoteCostsOneRowNotTheRestOfTheFile) {
  CsvSnapshotTexts texts = fixture();
  texts.invoices = testing::kInvoicesCsvHeader;
  for (int i = 1; i <= 30; ++i) {
    *texts.invoices += "I" + std::to_string(i) + ",C1," + (i == 2 ? "\"" : "") +
                       "F,invoice,2026-10-01,2026-10-31,EUR,1,1,,,,\n";
  }
  const LoadedSnapshot snapshot = load_ok(texts);
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 29u);
  ASSERT_EQ(snapshot.quarantine.size(), 1u);
  EXPECT_EQ(snapshot.quarantine[0].to_string(),
            "invoices.csv:3: number: a quoted field runs over more than 16 lines (a stray '\"'?); "
            "reading resumed at the next line");
  EXPECT_EQ(snapshot.quarantine[0].id, "I2");
}

TEST(LoadCsv, ReadsCarriageReturnOnlyFiles) {
  CsvSnapshotTexts texts = fixture();
  for (std::optional<std::string>* text :
       {&texts.collectors, &texts.customers, &texts.contacts, &texts.invoices}) {
    for (char& c : **text) {
      if (c == '\n') c = '\r';
    }
  }
  const LoadedSnapshot snapshot = load_ok(texts);
  EXPECT_TRUE(snapshot.quarantine.empty());
  EXPECT_EQ(snapshot.portfolio.invoices.size(), 1u);
  EXPECT_EQ(snapshot.portfolio.customers.size(), 2u);
  EXPECT_EQ(snapshot.portfolio.customers.address[0], "12 rue de la Paix\n75002 Paris");
}

}  // namespace
}  // namespace dun

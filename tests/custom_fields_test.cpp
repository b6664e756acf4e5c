// Custom fields end to end (data-model.md "Custom fields", language.md §5): dun.toml's [fields]
// read into declarations, a snapshot with declared and undeclared extra columns loaded from CSV
// and from SQLite (a bad custom cell quarantined by line and column, a declared column missing
// refused naming file and column), a scenario reading every custom type evaluated by the
// interpreter and the JIT (-O0 and -O2) with the same decisions, and templates showing and
// testing custom fields (the payment link) or refusing an absent one by name.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <map>

#include "documents/email_message.hpp"
#include "documents/render_template.hpp"
#include "dsl/check.hpp"
#include "dsl/field_table.hpp"
#include "dsl/interp.hpp"
#include "dsl/jit.hpp"
#include "dsl/parse.hpp"
#include "dsl/template.hpp"
#include "engine/base/config.hpp"
#include "engine/base/temp_folder.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "engine/snapshot/load_sqlite.hpp"

namespace dun {
namespace {

constexpr std::string_view kConfig = R"([company]
name = "Our Company SAS"

[fields]
"invoice.payment_url" = { type = "string", default = "" }
"invoice.po_number"   = "string"
"invoice.deposit"     = "money"
"invoice.follow_up"   = "date"
"customer.autopay"    = { type = "bool", default = false }
"customer.risk_score" = "int"
"customer.discount"   = "decimal"
)";

// Line 4 (C3) has a risk score that is not a number; `notes` is not declared.
constexpr std::string_view kCustomers =
    "id,name,language,country,currency,autopay,risk_score,discount,notes\n"
    "C1,Acme SARL,fr,FR,EUR,,5,0.75,likes calls\n"
    "C2,Paid Auto Ltd,en,GB,EUR,true,4,0.5,\n"
    "C3,Broken SA,fr,FR,EUR,no,high,0.5,\n"
    "C4,Unknown Risk GmbH,de,DE,EUR,false,,1,\n";

// Line 5 (I4) has a deposit that is not an amount; `extra` is not declared.
constexpr std::string_view kInvoices =
    "id,customer_id,number,kind,issue_date,due_date,currency,amount,balance,payment_url,po_number,"
    "deposit,follow_up,extra\n"
    "I1,C1,F-1,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00,https://pay.example/I1,PO-1,"
    "10.00,2026-03-01,x\n"
    "I2,C2,F-2,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00,,PO-2,10.00,2026-03-01,\n"
    "I3,C4,F-3,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00,,PO-3,10.00,2026-03-01,\n"
    "I4,C1,F-4,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00,,PO-4,ten,2026-03-01,\n"
    "I5,C1,F-5,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00,,PO-5,10.00,2026-04-01,\n"
    "I6,C1,F-6,invoice,2026-02-01,2026-03-01,EUR,100.00,100.00,,,10.00,2026-03-01,\n";

// Every custom type: string, bool (pause), int, decimal, date and money.
constexpr std::string_view kScenario = R"(scenario custom "Custom fields"
  applies when invoice.balance > 0
  pause when customer.autopay
  let trusted = customer.risk_score >= 3 and customer.discount >= 0.5
  step first
    at invoice.due_date + 1 days
    when trusted and invoice.po_number != "" and invoice.deposit < invoice.balance
         and invoice.follow_up <= today
    email "first_reminder"
end
)";

const Date kToday = *Date::parse("2026-03-05");

void write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

class CustomFieldsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = TemporaryFolder::create("dun-custom-fields");
    ASSERT_TRUE(folder.ok());
    folder_ = std::make_unique<TemporaryFolder>(std::move(folder).value());
    write(dir() / "dun.toml", kConfig);
    std::filesystem::create_directories(dir() / "snapshot");
    write(dir() / "snapshot" / "customers.csv", kCustomers);
    write(dir() / "snapshot" / "invoices.csv", kInvoices);
    auto config = load_config(dir() / "dun.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    config_ = std::move(config).value();
  }
  const std::filesystem::path& dir() const { return folder_->path(); }

  LoadOptions options() const {
    LoadOptions load;
    load.custom_fields = config_.fields;
    return load;
  }

  std::unique_ptr<TemporaryFolder> folder_;
  Config config_;
};

// The scenario checked against the config's fields: the field table the run uses.
struct CheckedScenario {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::CheckedFile checked;
};
CheckedScenario check_scenario(const Config& config) {
  auto fields = dsl::FieldTable::with_custom(config.fields);
  EXPECT_TRUE(fields.ok());
  CheckedScenario result;
  result.source = std::make_unique<dsl::SourceFile>("custom.dun", std::string(kScenario));
  dsl::Diagnostics diagnostics;
  const dsl::ast::File file = dsl::parse(*result.source, diagnostics);
  dsl::CheckOptions options;
  options.fields = std::move(fields).value();
  result.checked = dsl::check(file, *result.source, options, diagnostics);
  for (const dsl::Diagnostic& d : diagnostics.items()) {
    ADD_FAILURE() << d.pos.line << ":" << d.pos.column << ": " << d.message;
  }
  EXPECT_EQ(result.checked.scenarios.size(), 1u);
  return result;
}

// Every invoice of the portfolio through `backend`, by invoice id.
std::map<std::string, dsl::Decision> decide(const dsl::CompiledScenario& backend,
                                            const Portfolio& portfolio, const Config& config) {
  const CustomerAggregates aggregates = compute_aggregates(portfolio, kToday, config.rates);
  const PortfolioColumnsView view(portfolio, aggregates);
  std::vector<std::uint32_t> rows(portfolio.invoices.size());
  for (std::uint32_t row = 0; row < rows.size(); ++row) rows[row] = row;
  const std::vector<dsl::SequenceStatus> status(rows.size(), dsl::SequenceStatus::none);
  const std::vector<std::uint8_t> flags(rows.size(), 0);
  const std::vector<std::int8_t> last_step(rows.size(), -1);
  const std::vector<std::int32_t> step_dates(rows.size(), dsl::kNoDate);
  dsl::BatchInput batch;
  batch.portfolio = &view.columns();
  batch.rows = rows.data();
  batch.row_count = static_cast<std::uint32_t>(rows.size());
  batch.sequences = {status.data(), flags.data(), last_step.data(), step_dates.data()};
  batch.today = kToday.days();
  batch.environment.rates = &config.rates;
  std::vector<dsl::Decision> decisions(rows.size());
  backend.evaluate(batch, decisions);
  std::map<std::string, dsl::Decision> by_id;
  for (std::uint32_t row = 0; row < rows.size(); ++row) {
    by_id[std::string(portfolio.invoices.id[row])] = decisions[row];
  }
  return by_id;
}

std::vector<std::string> quarantine_lines(const LoadedSnapshot& snapshot) {
  std::vector<std::string> lines;
  for (const QuarantinedRow& row : snapshot.quarantine) lines.push_back(row.to_string());
  return lines;
}

TEST_F(CustomFieldsTest, DunTomlDeclaresTheFieldsInOrderWithTypesAndDefaults) {
  ASSERT_EQ(config_.fields.size(), 7u);
  EXPECT_EQ(config_.fields[0].qualified_name(), "invoice.payment_url");
  EXPECT_EQ(config_.fields[0].default_text, std::optional<std::string>(""));
  EXPECT_EQ(config_.fields[2].type, CustomFieldType::money);
  EXPECT_EQ(config_.fields[4].qualified_name(), "customer.autopay");
  EXPECT_EQ(config_.fields[4].type, CustomFieldType::boolean);
  EXPECT_EQ(config_.fields[4].default_text, std::optional<std::string>("false"));
  EXPECT_EQ(config_.fields[5].default_text, std::nullopt);
  EXPECT_EQ(config_.fields[6].type, CustomFieldType::decimal);
}

TEST_F(CustomFieldsTest, CsvLoadQuarantinesBadCustomCellsByLineAndColumnAndIgnoresOthers) {
  auto loaded = load_csv_snapshot(dir() / "snapshot", options());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const std::string customers = (dir() / "snapshot" / "customers.csv").string();
  const std::string invoices = (dir() / "snapshot" / "invoices.csv").string();
  EXPECT_EQ(quarantine_lines(*loaded),
            (std::vector<std::string>{
                customers + ":4: risk_score: 'high' is not a whole number (like 42)",
                invoices + ":5: deposit: 'ten' is not an amount in EUR (like 1234.50)"}));
  // Undeclared extra columns are ignored (with the usual warning); declared ones are not.
  ASSERT_EQ(loaded->warnings.size(), 2u);
  EXPECT_EQ(loaded->warnings[0], customers + ": ignoring unknown column 'notes'");
  EXPECT_EQ(loaded->warnings[1], invoices + ": ignoring unknown column 'extra'");
  const Portfolio& portfolio = loaded->portfolio;
  ASSERT_EQ(portfolio.custom_fields.size(), 7u);
  const CustomFieldValues& autopay = portfolio.custom_fields[4];
  ASSERT_EQ(autopay.present.size(), portfolio.customers.size());
  EXPECT_EQ(autopay.values[*portfolio.find_customer("C1")], 0);  // empty: the default
  EXPECT_EQ(autopay.values[*portfolio.find_customer("C2")], 1);
  const CustomFieldValues& risk = portfolio.custom_fields[5];
  EXPECT_EQ(risk.present[*portfolio.find_customer("C4")], 0);  // empty, no default: absent
  EXPECT_EQ(portfolio.custom_fields[6].values[*portfolio.find_customer("C1")], 750'000);
  const CustomFieldValues& url = portfolio.custom_fields[0];
  EXPECT_EQ(url.text[*portfolio.find_invoice("I1")], "https://pay.example/I1");
  EXPECT_EQ(url.present[*portfolio.find_invoice("I2")], 1);  // default ""
  EXPECT_EQ(portfolio.custom_fields[2].values[*portfolio.find_invoice("I1")], 1000);
  EXPECT_EQ(portfolio.custom_fields[3].values[*portfolio.find_invoice("I5")],
            Date::parse("2026-04-01")->days());
}

TEST_F(CustomFieldsTest, ADeclaredColumnMissingMakesTheFileUnusable) {
  CustomFieldDeclaration missing;
  missing.name = "cost_center";
  LoadOptions load = options();
  load.custom_fields.push_back(missing);
  auto loaded = load_csv_snapshot(dir() / "snapshot", load);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message,
            (dir() / "snapshot" / "invoices.csv").string() +
                ": column 'cost_center', declared in dun.toml's [fields], is missing from the "
                "header (add the column, or remove the field from [fields])");
}

TEST_F(CustomFieldsTest, ACustomFieldCannotReadOneOfDunsOwnColumns) {
  CustomFieldDeclaration clash;
  clash.name = "pdf";
  LoadOptions load;
  load.custom_fields.push_back(clash);
  auto loaded = load_csv_snapshot(dir() / "snapshot", load);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("declares 'pdf', one of the invoices columns"),
            std::string::npos)
      << loaded.error().message;
}

// The same tables in a SQLite snapshot, with their columns in another order.
void write_sqlite_snapshot(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* sql =
      "CREATE TABLE customers(notes, discount, risk_score, autopay, id, name, language, country,"
      " currency);"
      "INSERT INTO customers VALUES('', '0.75', 5, NULL, 'C1', 'Acme SARL', 'fr', 'FR', 'EUR'),"
      " ('', '0.5', 4, 'true', 'C2', 'Paid Auto Ltd', 'en', 'GB', 'EUR'),"
      " ('', '0.5', 'high', 'no', 'C3', 'Broken SA', 'fr', 'FR', 'EUR'),"
      " ('', '1', NULL, 'false', 'C4', 'Unknown Risk GmbH', 'de', 'DE', 'EUR');"
      "CREATE TABLE invoices(id, customer_id, number, kind, issue_date, due_date, currency,"
      " amount, balance, payment_url, po_number, deposit, follow_up);"
      "INSERT INTO invoices VALUES"
      " ('I1','C1','F-1','invoice','2026-02-01','2026-03-01','EUR','100.00','100.00',"
      "  'https://pay.example/I1','PO-1','10.00','2026-03-01'),"
      " ('I2','C2','F-2','invoice','2026-02-01','2026-03-01','EUR','100.00','100.00',"
      "  NULL,'PO-2','10.00','2026-03-01'),"
      " ('I3','C4','F-3','invoice','2026-02-01','2026-03-01','EUR','100.00','100.00',"
      "  NULL,'PO-3','10.00','2026-03-01'),"
      " ('I4','C1','F-4','invoice','2026-02-01','2026-03-01','EUR','100.00','100.00',"
      "  NULL,'PO-4','ten','2026-03-01'),"
      " ('I5','C1','F-5','invoice','2026-02-01','2026-03-01','EUR','100.00','100.00',"
      "  NULL,'PO-5','10.00','2026-04-01'),"
      " ('I6','C1','F-6','invoice','2026-02-01','2026-03-01','EUR','100.00','100.00',"
      "  NULL,NULL,'10.00','2026-03-01');";
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST_F(CustomFieldsTest, SqliteLoadReadsTheSameCustomColumns) {
  write_sqlite_snapshot(dir() / "snapshot.db");
  auto loaded = load_sqlite_snapshot(dir() / "snapshot.db", options());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(quarantine_lines(*loaded),
            (std::vector<std::string>{"customers:3: risk_score: 'high' is not a whole number "
                                      "(like 42)",
                                      "invoices:4: deposit: 'ten' is not an amount in EUR (like "
                                      "1234.50)"}));
  const Portfolio& portfolio = loaded->portfolio;
  EXPECT_EQ(portfolio.custom_fields[0].text[*portfolio.find_invoice("I1")],
            "https://pay.example/I1");
  EXPECT_EQ(portfolio.custom_fields[4].values[*portfolio.find_customer("C2")], 1);

  LoadOptions missing = options();
  CustomFieldDeclaration cost_center;
  cost_center.table = CustomFieldTable::customers;
  cost_center.name = "cost_center";
  missing.custom_fields.push_back(cost_center);
  auto refused = load_sqlite_snapshot(dir() / "snapshot.db", missing);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("table 'customers': column 'cost_center', declared in "
                                         "dun.toml's [fields], is missing"),
            std::string::npos)
      << refused.error().message;
}

TEST_F(CustomFieldsTest, BothBackEndsDecideOnEveryCustomTypeAlike) {
  auto loaded = load_csv_snapshot(dir() / "snapshot", options());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const CheckedScenario checked = check_scenario(config_);
  ASSERT_EQ(checked.checked.scenarios.size(), 1u);
  const dsl::ir::Scenario& scenario = checked.checked.scenarios[0];
  EXPECT_NE(scenario.custom_fields.find("invoice.deposit:money;"), std::string::npos);
  auto interpreter = dsl::Interpreter::create(scenario);
  ASSERT_TRUE(interpreter.ok());
  const auto reference = decide(*interpreter, loaded->portfolio, config_);

  ASSERT_EQ(reference.size(), 5u);  // I4 is quarantined
  EXPECT_EQ(reference.at("I1").outcome, dsl::Outcome::fire);
  EXPECT_EQ(reference.at("I2").outcome, dsl::Outcome::nothing);  // autopay: paused
  EXPECT_TRUE(reference.at("I2").flags & dsl::kPaused);
  EXPECT_EQ(reference.at("I3").outcome, dsl::Outcome::error);  // risk_score absent
  EXPECT_EQ(reference.at("I3").error, dsl::EvalError::absent_value);
  EXPECT_EQ(dsl::site_kind(reference.at("I3").error_site), dsl::ClauseKind::let);
  EXPECT_EQ(reference.at("I5").outcome, dsl::Outcome::nothing);  // follow_up later: skipped
  EXPECT_EQ(reference.at("I5").skipped_count, 1);
  EXPECT_EQ(reference.at("I5").skip_reason(0), dsl::SkipReason::condition);
  EXPECT_EQ(reference.at("I6").outcome, dsl::Outcome::error);  // po_number absent
  EXPECT_EQ(reference.at("I6").error, dsl::EvalError::absent_value);

  for (const int opt_level : {0, 2}) {
    dsl::JitOptions jit;
    jit.opt_level = opt_level;
    auto compiled = dsl::compile_jit(scenario, jit);
    ASSERT_TRUE(compiled.ok()) << compiled.error().message;
    const auto native = decide(**compiled, loaded->portfolio, config_);
    for (const auto& [id, decision] : reference) {
      EXPECT_EQ(native.at(id), decision) << id << " at -O" << opt_level;
    }
  }
}

TEST_F(CustomFieldsTest, ABackEndOnAPortfolioWithoutTheColumnsReportsThemAbsent) {
  // A portfolio loaded without the declarations (e.g. a `dun test` portfolio): reading a custom
  // field is an evaluation error, never a crash.
  auto loaded = load_csv_snapshot(dir() / "snapshot");
  ASSERT_TRUE(loaded.ok());
  const CheckedScenario checked = check_scenario(config_);
  const dsl::ir::Scenario& scenario = checked.checked.scenarios[0];
  auto interpreter = dsl::Interpreter::create(scenario);
  ASSERT_TRUE(interpreter.ok());
  const auto reference = decide(*interpreter, loaded->portfolio, config_);
  EXPECT_EQ(reference.at("I1").error, dsl::EvalError::absent_value);
  auto compiled = dsl::compile_jit(scenario, dsl::JitOptions{});
  ASSERT_TRUE(compiled.ok());
  EXPECT_EQ(decide(**compiled, loaded->portfolio, config_), reference);
}

class CustomFieldTemplateTest : public CustomFieldsTest {
 protected:
  void SetUp() override {
    CustomFieldsTest::SetUp();
    auto loaded = load_csv_snapshot(dir() / "snapshot", options());
    ASSERT_TRUE(loaded.ok());
    snapshot_ = std::make_unique<LoadedSnapshot>(std::move(loaded).value());
    aggregates_ = compute_aggregates(snapshot_->portfolio, kToday, config_.rates);
    view_ = std::make_unique<PortfolioColumnsView>(snapshot_->portfolio, aggregates_);
    renderer_ = std::make_unique<DocumentRenderer>(config_, config_.company.late_interest_rate);
  }

  std::string render(const std::string& text, const std::string& invoice) {
    auto fields = dsl::FieldTable::with_custom(config_.fields);
    const dsl::SourceFile file("t.en.txt", text);
    dsl::Diagnostics diagnostics;
    auto compiled = dsl::compile_template(file, diagnostics, *fields);
    if (!compiled) return "compile error: " + diagnostics.items().front().message;
    RenderRequest request;
    request.portfolio = &snapshot_->portfolio;
    request.aggregates = &aggregates_;
    request.columns = &view_->columns();
    request.items = {*snapshot_->portfolio.find_invoice(invoice)};
    request.customer = snapshot_->portfolio.invoices.customer[request.items.front()];
    request.today = kToday;
    request.language = "en";
    auto document = renderer_->render(*compiled, request);
    if (!document) return "error: " + document.error().message;
    return document_text(*document);
  }

  std::unique_ptr<LoadedSnapshot> snapshot_;
  CustomerAggregates aggregates_;
  std::unique_ptr<PortfolioColumnsView> view_;
  std::unique_ptr<DocumentRenderer> renderer_;
};

TEST_F(CustomFieldTemplateTest, ATemplatePrintsThePaymentLinkWhenThereIsOne) {
  const std::string text =
      "{if invoice.payment_url != \"\"}Pay online: {invoice.payment_url}{else}Pay by "
      "transfer.{end}\n";
  EXPECT_EQ(render(text, "I1"), "Pay online: https://pay.example/I1\n");
  EXPECT_EQ(render(text, "I2"), "Pay by transfer.\n");
}

TEST_F(CustomFieldTemplateTest, EveryCustomTypeIsFormattedInTheDocumentLanguage) {
  EXPECT_EQ(render("{invoice.po_number} {invoice.deposit} {invoice.follow_up} "
                   "{customer.autopay} {customer.risk_score} {customer.discount}\n",
                   "I1"),
            "PO-1 €10.00 March 1, 2026 false 5 0.75\n");
}

TEST_F(CustomFieldTemplateTest, AnAbsentFieldIsARenderErrorNamingIt) {
  const std::string shown = render("PO {invoice.po_number}\n", "I6");
  EXPECT_NE(
      shown.find("error: t.en.txt: {invoice.po_number} at 1:4: invoice.po_number is absent for "
                 "invoice I6"),
      std::string::npos)
      << shown;
}

TEST_F(CustomFieldTemplateTest, AnUndeclaredFieldDoesNotCompileAndGetsASuggestion) {
  EXPECT_EQ(render("{invoice.payment_ur}\n", "I1"),
            "compile error: the template cannot fill '{invoice.payment_ur}'; did you mean "
            "'{invoice.payment_url}'?");
}

TEST(CustomFieldTable, ListsBuiltInThenCustomFieldsWithTypeAndDoc) {
  CustomFieldDeclaration autopay;
  autopay.table = CustomFieldTable::customers;
  autopay.name = "autopay";
  autopay.type = CustomFieldType::boolean;
  autopay.default_text = "false";
  auto table = dsl::FieldTable::with_custom(std::span(&autopay, 1));
  ASSERT_TRUE(table.ok());
  const dsl::FieldEntry* balance = table->find("invoice", "balance");
  ASSERT_NE(balance, nullptr);
  EXPECT_EQ(balance->type, dsl::Type::money);
  EXPECT_EQ(balance->doc, "what is still open, in the invoice's currency");
  const dsl::FieldEntry& last = table->entries().back();
  EXPECT_EQ(last.qualified_name(), "customer.autopay");
  EXPECT_EQ(last.type, dsl::Type::boolean);
  EXPECT_EQ(last.custom_slot, std::optional<std::uint32_t>(0));
  EXPECT_FALSE(last.may_be_absent);
  EXPECT_EQ(last.doc,
            "custom field (dun.toml [fields]): column 'autopay' of customers, default false");

  CustomFieldDeclaration clash;
  clash.name = "balance";
  clash.line = 9;
  auto refused = dsl::FieldTable::with_custom(std::span(&clash, 1));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "dun.toml [fields] 'invoice.balance' (line 9) is a built-in field; give the custom "
            "column another name");
}

// dun.toml mistakes in [fields] name the line and column and say what to write.
std::string config_error(const std::string& fields) {
  auto folder = TemporaryFolder::create("dun-fields-config");
  if (!folder.ok()) return "no folder";
  write(folder->path() / "dun.toml", "[fields]\n" + fields);
  auto config = load_config(folder->path() / "dun.toml");
  if (config.ok()) return "loaded";
  const std::string& message = config.error().message;
  return message.substr(message.find("dun.toml:") + 9);
}

TEST(CustomFieldConfig, MistakesNameTheLineAndWhatToWrite) {
  EXPECT_EQ(config_error("\"invoice.score\" = \"float\"\n"),
            "2:19: [fields] 'invoice.score': the type must be one of string, bool, int, decimal, "
            "date, money (in quotes)");
  EXPECT_EQ(config_error("\"order.ref\" = \"string\"\n"),
            "2:1: [fields] 'order.ref': a field is named \"invoice.NAME\" or \"customer.NAME\" "
            "(the column of invoices or customers), e.g. \"invoice.payment_url\" = \"string\"");
  EXPECT_EQ(config_error("\"customer.autopay\" = { type = \"bool\", default = \"no\" }\n"),
            "2:49: [fields] 'customer.autopay': the default of a bool field must be true or false");
  EXPECT_EQ(config_error("\"customer.Autopay\" = \"bool\"\n"),
            "2:1: [fields] 'customer.Autopay': 'Autopay' is not a field name (lower-case letters, "
            "digits and _, starting with a letter or _)");
  // Unquoted dotted keys are the same declaration.
  EXPECT_EQ(config_error("invoice.po_number = \"string\"\n"), "loaded");
}

// The checker resolves custom fields like built-in ones, with the same suggestions.
std::vector<std::string> check_errors(const std::string& text) {
  CustomFieldDeclaration autopay;
  autopay.table = CustomFieldTable::customers;
  autopay.name = "autopay";
  autopay.type = CustomFieldType::boolean;
  const dsl::SourceFile source("s.dun", text);
  dsl::Diagnostics diagnostics;
  const dsl::ast::File file = dsl::parse(source, diagnostics);
  dsl::CheckOptions options;
  options.fields = *dsl::FieldTable::with_custom(std::span(&autopay, 1));
  (void)dsl::check(file, source, options, diagnostics);
  std::vector<std::string> errors;
  for (const dsl::Diagnostic& d : diagnostics.items()) {
    errors.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " +
                     d.message);
  }
  return errors;
}

TEST(CustomFieldCheck, DeclaredFieldsAreKnownTypedAndSuggested) {
  const std::string head = "scenario s \"S\"\n  pause when ";
  const std::string step = "\n  step a\n    at invoice.due_date\n    task \"x\"\nend\n";
  EXPECT_EQ(check_errors(head + "customer.autopay" + step), std::vector<std::string>{});
  EXPECT_EQ(check_errors(head + "customer.autopy" + step),
            (std::vector<std::string>{
                "2:23: unknown field 'customer.autopy'; did you mean 'customer.autopay'?"}));
  EXPECT_EQ(check_errors(head + "customer.autopay > 1" + step),
            (std::vector<std::string>{"2:31: cannot compare bool with int"}));
}

}  // namespace
}  // namespace dun

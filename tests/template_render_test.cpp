// Templates from text to document: compile errors at the template's file:line:col, `{if}`
// sections through the language's checker and interpreter, ICU formatting per language, and the
// legal amounts on a worked example — all on the fixed portfolio of tests/golden-render/.
#include <gtest/gtest.h>

#include "documents/email_message.hpp"
#include "documents/locale_format.hpp"
#include "documents/render_template.hpp"
#include "dsl/template.hpp"
#include "engine/base/config.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "engine/snapshot/load_csv.hpp"

namespace dun {
namespace {

const std::filesystem::path kGolden = std::filesystem::path(DUN_SOURCE_DIR) / "tests/golden-render";

std::vector<std::string> compile_errors(const std::string& text) {
  const dsl::SourceFile file("t.en.txt", text);
  dsl::Diagnostics diagnostics;
  (void)dsl::compile_template(file, diagnostics);
  std::vector<std::string> errors;
  for (const dsl::Diagnostic& item : diagnostics.items()) {
    errors.push_back(std::to_string(item.pos.line) + ":" + std::to_string(item.pos.column) + ": " +
                     item.message);
  }
  return errors;
}

TEST(TemplateCompile, AcceptsValuesSectionsAndEscapes) {
  EXPECT_TRUE(compile_errors("Subject: Hello {customer.name}\n\nDear {customer.name},\n"
                             "{if invoice.balance > 100 EUR and not invoice.disputed}big{else}"
                             "small{end} {{literal}}\n{items_list}\n{today} {late_interest}\n")
                  .empty());
}

TEST(TemplateCompile, UnknownPlaceholderIsAnErrorAtItsPlaceWithASuggestion) {
  EXPECT_EQ(
      compile_errors("Subject: x\n\nDear {customer.nmae},\n"),
      std::vector<std::string>{
          "3:7: the template cannot fill '{customer.nmae}'; did you mean '{customer.name}'?"});
}

// The delivery facts come from the state store, which a document's rendering does not read.
TEST(TemplateCompile, ADeliveryFactIsForScenariosOnly) {
  EXPECT_EQ(compile_errors("Subject: x\n\nLast letter: {invoice.last_letter_status}\n"),
            std::vector<std::string>{
                "3:15: the template cannot fill '{invoice.last_letter_status}': it is read by "
                "scenarios only (from the state store's delivery facts, docs/delivery.md); a "
                "template shows the snapshot's data"});
}

TEST(TemplateCompile, ConditionsAreTypedByTheChecker) {
  const auto errors = compile_errors("a\n  {if invoice.balance}x{end}\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], "2:7: '{if}' needs a bool, got money");
  const auto unknown = compile_errors("{if invoice.balanse > 0 EUR}x{end}\n");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0], "1:13: unknown field 'invoice.balanse'; did you mean 'invoice.balance'?");
  // A template sees no scenario: its lets and steps are unknown names.
  EXPECT_FALSE(compile_errors("{if big_account}x{end}\n").empty());
  // Syntax errors come from the language's parser, at their column.
  const auto syntax = compile_errors("{if invoice.balance >}x{end}\n");
  ASSERT_FALSE(syntax.empty());
  EXPECT_TRUE(syntax[0].starts_with("1:")) << syntax[0];
}

TEST(TemplateCompile, SectionsMustBeBalanced) {
  EXPECT_EQ(compile_errors("{if today > invoice.due_date}x\n"),
            std::vector<std::string>{"1:1: '{if …}' without '{end}'"});
  EXPECT_EQ(compile_errors("x{end}\n"), std::vector<std::string>{"1:2: '{end}' without '{if …}'"});
  EXPECT_EQ(compile_errors("{else}\n"), std::vector<std::string>{"1:1: '{else}' without '{if …}'"});
  EXPECT_EQ(compile_errors("{if}x{end}\n"),
            std::vector<std::string>{
                "1:2: '{if}' needs a condition, like '{if customer.overdue_count > 1}'"});
  EXPECT_EQ(compile_errors("Subject: {items_list}\n"),
            std::vector<std::string>{
                "1:11: '{items_list}' is a table: it cannot stand in the Subject line"});
  EXPECT_EQ(compile_errors("a { b\n"),
            std::vector<std::string>{
                "1:3: '{' without '}' on the same line of the template; write '{{' for a brace"});
}

TEST(TemplateCompile, NeverCrashesOnScrambledInput) {
  // Nothing a user types may crash the checker: random sequences of the template's own pieces.
  const std::vector<std::string> pieces = {
      "{",           "}", "{{",       "}}", "{if ", "{else}",        "{end}",
      "\n",          " ", "Subject:", "é",  "(",    "customer.name", "invoice.balance > 1 EUR",
      "{items_list}"};
  std::uint32_t state = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int length = static_cast<int>(state % 24);
    for (int i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      text += pieces[(state >> 16) % pieces.size()];
    }
    state = state * 1664525u + 1013904223u;
    (void)compile_errors(text);
  }
}

// The golden portfolio, its aggregates and a renderer, as `dun render` builds them.
class RenderFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto config = load_config(kGolden / "dun.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    config_ = std::move(config).value();
    auto snapshot = load_csv_snapshot(kGolden / "snapshot");
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
    ASSERT_TRUE(snapshot->quarantine.empty()) << snapshot->quarantine.front().to_string();
    snapshot_ = std::make_unique<LoadedSnapshot>(std::move(snapshot).value());
    aggregates_ = compute_aggregates(portfolio(), today_, config_.rates);
    columns_ = std::make_unique<PortfolioColumnsView>(portfolio(), aggregates_);
    rate_ = std::make_unique<LateInterestRate>(*LateInterestRate::parse("ECB+10"));
    renderer_ = std::make_unique<DocumentRenderer>(config_, *rate_);
  }
  const Portfolio& portfolio() const { return snapshot_->portfolio; }

  RenderRequest request(const std::string& customer, std::vector<std::string> invoices) {
    RenderRequest request;
    request.portfolio = &portfolio();
    request.aggregates = &aggregates_;
    request.columns = &columns_->columns();
    request.customer = *portfolio().find_customer(customer);
    for (const std::string& id : invoices) request.items.push_back(*portfolio().find_invoice(id));
    request.today = today_;
    request.language =
        std::string(portfolio().symbols.text(portfolio().customers.language[request.customer]));
    return request;
  }

  std::string render(const std::string& text, const RenderRequest& request) {
    const dsl::SourceFile file("t.txt", text);
    dsl::Diagnostics diagnostics;
    auto compiled = dsl::compile_template(file, diagnostics);
    if (!compiled) return "compile error";
    auto document = renderer_->render(*compiled, request);
    if (!document) return "error: " + document.error().message;
    return (document->subject ? "[" + *document->subject + "]\n" : "") + document_text(*document);
  }

  Date today_ = *Date::parse("2026-11-22");
  Config config_;
  std::unique_ptr<LoadedSnapshot> snapshot_;
  CustomerAggregates aggregates_;
  std::unique_ptr<PortfolioColumnsView> columns_;
  std::unique_ptr<LateInterestRate> rate_;
  std::unique_ptr<DocumentRenderer> renderer_;
};

TEST_F(RenderFixture, ConditionsPickTheirBranchThroughTheInterpreter) {
  const std::string text =
      "{if customer.overdue_count > 1}several{else}one{end} / "
      "{if invoice.balance >= 1000 EUR}big{end}{if invoice.disputed}disputed{end}\n";
  EXPECT_EQ(render(text, request("C-FR", {"FR-1"})), "several / big\n");
  // Trailing blanks of a line are dropped.
  EXPECT_EQ(render(text, request("C-DE", {"DE-2"})), "one /\n");
}

TEST_F(RenderFixture, ATagAloneOnItsLineLeavesNoBlankLine) {
  const std::string text = "a\n{if customer.overdue_count > 1}\nb\n{end}\nc\n";
  EXPECT_EQ(render(text, request("C-FR", {"FR-1"})), "a\nb\nc\n");
  EXPECT_EQ(render(text, request("C-DE", {"DE-1"})), "a\nc\n");
}

TEST_F(RenderFixture, BracesAreEscapedByDoubling) {
  EXPECT_EQ(render("{{customer.name}} is {customer.name}\n", request("C-EN", {"EN-1"})),
            "{customer.name} is Northwind Trading Ltd\n");
}

TEST_F(RenderFixture, MoneyAndDatesAreFormattedByIcuInTheDocumentLanguage) {
  EXPECT_EQ(render("{invoice.amount} {invoice.due_date}\n", request("C-EN", {"EN-1"})),
            "€1,234.56 August 31, 2026\n");
  // fr: U+202F (narrow no-break space) groups, U+00A0 before the symbol.
  EXPECT_EQ(render("{invoice.amount} {invoice.due_date} {today}\n", request("C-FR", {"FR-1"})),
            "12\u202f500,00\u00a0€ 19 août 2026 22 novembre 2026\n");
  EXPECT_EQ(render("{invoice.amount} {invoice.due_date}\n", request("C-DE", {"DE-1"})),
            "4.321,09\u00a0€ 10. Oktober 2026\n");
  // pl: grouped from 1,000 like the others (CLDR alone would leave 4 digits ungrouped).
  EXPECT_EQ(render("{invoice.amount} {invoice.due_date}\n", request("C-PL", {"PL-2"})),
            "1\u00a0234,56\u00a0zł 31 października 2026\n");
}

TEST_F(RenderFixture, LocaleFormatterGivesTheIssueExamples) {
  const Money amount{123456, *Currency::from_code("EUR")};
  EXPECT_EQ(LocaleFormatter::create("en")->money(amount), "€1,234.56");
  EXPECT_EQ(LocaleFormatter::create("fr")->money(amount), "1\u202f234,56\u00a0€");
  EXPECT_EQ(LocaleFormatter::create("de")->money(amount), "1.234,56\u00a0€");
  EXPECT_EQ(LocaleFormatter::create("pl")->money({123456, *Currency::from_code("PLN")}),
            "1\u00a0234,56\u00a0zł");
  EXPECT_EQ(LocaleFormatter::create("fr")->long_date(*Date::parse("2026-11-22")),
            "22 novembre 2026");
  EXPECT_EQ(LocaleFormatter::create("fr")->short_date(*Date::parse("2026-11-22")), "22/11/2026");
  EXPECT_FALSE(LocaleFormatter::create("not a language").ok());
}

TEST_F(RenderFixture, LegalAmountsOnAWorkedExample) {
  // FR-1: 12,500.00 EUR due 2026-08-19, 95 days late on 2026-11-22; FR-2: 845.20 EUR due
  // 2026-10-01, 52 days late. H2 2026 rate: ECB 2.15 % (in force on 1 July) + 10 = 12.15 %.
  // 12500 × 0.1215 × 95 / 365 = 395.291… → 395.29; 845.20 × 0.1215 × 52 / 365 = 14.630… →
  // 14.63; total 409.92 EUR. The indemnity is the configured 40 EUR per invoice.
  EXPECT_EQ(render("{late_interest} | {recovery_indemnity} | {total_overdue}\n",
                   request("C-FR", {"FR-1", "FR-2"})),
            "409,92\u00a0€ | 40,00\u00a0€ | 13\u202f345,20\u00a0€\n");
  // A not-yet-due invoice owes nothing.
  EXPECT_EQ(render("{late_interest} {total_overdue}\n", request("C-EN", {"EN-3"})),
            "€0.00 €0.00\n");
}

TEST_F(RenderFixture, TotalsInOtherCurrenciesAreConvertedToTheCustomers) {
  // C-PL's currency is PLN: its invoices are PLN, so totals stay in złoty.
  EXPECT_EQ(render("{total_overdue}\n", request("C-PL", {"PL-1", "PL-2"})),
            "6\u00a0484,56\u00a0zł\n");
}

TEST_F(RenderFixture, ItemsListIsATableWithTotalsAndTheStatementShowsCreditNotes) {
  RenderRequest statement = request("C-EN", {"EN-1"});
  statement.statement = true;
  EXPECT_EQ(render("{items_list}\n", statement),
            "Invoice        Issued      Due            Amount    Balance  Days overdue\n"
            "-------------------------------------------------------------------------\n"
            "INV-2026-0101  08/01/2026  08/31/2026  €1,234.56  €1,234.56            83\n"
            "INV-2026-0140  09/15/2026  10/15/2026    €560.00    €310.00            38\n"
            "CN-2026-0007   10/20/2026  10/20/2026    -€50.00    -€50.00\n"
            "INV-2026-0190  11/10/2026  12/10/2026     €99.90     €99.90\n"
            "-------------------------------------------------------------------------\n"
            "Total                                             €1,594.46\n"
            "Total overdue                                     €1,544.56\n");
}

TEST_F(RenderFixture, AnAbsentValueIsAnErrorNamingThePlaceholder) {
  EXPECT_EQ(render("x\n{invoice.promise_date}\n", request("C-EN", {"EN-1"})),
            "error: t.txt: {invoice.promise_date} at 2:1: the invoice has no promise date (guard "
            "it with {if …})");
}

TEST_F(RenderFixture, LetterInfoIsLocalised) {
  auto info = renderer_->letter_info(request("C-FR", {"FR-1"}), "registered");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->place_and_date, "Paris, le 22 novembre 2026");
  EXPECT_EQ(info->registered_mention, "Lettre recommandée avec accusé de réception");
  EXPECT_EQ(info->recipient.address_lines,
            (std::vector<std::string>{"8 avenue Foch", "69006 Lyon"}));
  EXPECT_EQ(info->signature_lines, (std::vector<std::string>{"Anna Collector", "Our Company SAS"}));
}

}  // namespace
}  // namespace dun

// Locales: the customer's language with its country (en + GB → en_GB) chooses the template file
// (NAME.en_GB.txt, NAME.en.txt, then [company] language) and formats the figures through ICU
// (docs/templates.md, "Locales").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "documents/action_document.hpp"
#include "documents/document_labels.hpp"
#include "documents/letter_pdf.hpp"
#include "documents/locale_format.hpp"
#include "documents/snapshot_context.hpp"
#include "documents/template_library.hpp"
#include "engine/base/config.hpp"
#include "stdlib/locale_tag.hpp"

namespace dun {
namespace {

const std::filesystem::path kGolden = std::filesystem::path(DUN_SOURCE_DIR) / "tests/golden-render";
const Date kValentine = *Date::parse("2026-02-14");

TEST(LocaleTag, ReadsALanguageWithOrWithoutItsCountry) {
  EXPECT_EQ(parse_locale_tag("fr")->name(), "fr");
  EXPECT_EQ(parse_locale_tag("pt_BR")->country, "BR");
  EXPECT_EQ(parse_locale_tag("pt_BR")->language, "pt");
  for (const char* wrong : {"", "EN", "en_gb", "en-GB", "english", "en_GBR", "e"}) {
    EXPECT_FALSE(parse_locale_tag(wrong)) << wrong;
  }
}

TEST(LocaleTag, TheDocumentLocaleIsTheLanguageWithTheCustomersCountry) {
  EXPECT_EQ(document_locale("en", "GB").name(), "en_GB");
  EXPECT_EQ(document_locale("fr", "BE").name(), "fr_BE");
  EXPECT_EQ(document_locale("de", "CH").name(), "de_CH");
  // A language written with its own country keeps it; BCP 47's hyphen is read too.
  EXPECT_EQ(document_locale("pt_BR", "PT").name(), "pt_BR");
  EXPECT_EQ(document_locale("pt-BR", "").name(), "pt_BR");
  // No usable country: the language alone.
  EXPECT_EQ(document_locale("en", "").name(), "en");
  EXPECT_EQ(document_locale("en", "gb").name(), "en");
}

TEST(LocaleTag, TemplatesAreLookedUpMostSpecificFirst) {
  EXPECT_EQ(template_languages(document_locale("fr", "BE"), "en"),
            (std::vector<std::string>{"fr_BE", "fr", "en"}));
  EXPECT_EQ(template_languages(document_locale("en", "GB"), "en"),
            (std::vector<std::string>{"en_GB", "en"}));
  EXPECT_EQ(template_languages(document_locale("de", ""), "en"),
            (std::vector<std::string>{"de", "en"}));
}

// The examples, as ICU 72 gives them: a British and a Swiss date and amount.
TEST(LocaleFormat, BritishAndSwissDatesAndAmounts) {
  auto british = LocaleFormatter::create("en_GB");
  ASSERT_TRUE(british.ok()) << british.error().message;
  EXPECT_EQ(british->locale(), "en_GB");
  EXPECT_EQ(british->short_date(kValentine), "14/02/2026");
  EXPECT_EQ(british->long_date(kValentine), "14 February 2026");
  EXPECT_EQ(british->money({123450, *Currency::from_code("GBP")}), "£1,234.50");
  EXPECT_EQ(british->money({123450, *Currency::from_code("EUR")}), "€1,234.50");

  auto swiss = LocaleFormatter::create("de_CH");
  ASSERT_TRUE(swiss.ok()) << swiss.error().message;
  EXPECT_EQ(swiss->short_date(kValentine), "14.02.2026");
  EXPECT_EQ(swiss->long_date(kValentine), "14. Februar 2026");
  // CLDR's Swiss grouping is a right single quotation mark (U+2019), the symbol first.
  EXPECT_EQ(swiss->money({123450, *Currency::from_code("CHF")}), "CHF\u00a01\u2019234.50");
  EXPECT_EQ(swiss->decimal("1234567.5"), "1\u2019234\u2019567.5");

  // The same language without a country is ICU's default for it: the US order of the date.
  EXPECT_EQ(LocaleFormatter::create("en")->short_date(kValentine), "02/14/2026");
  EXPECT_EQ(LocaleFormatter::create("en_US")->short_date(kValentine), "02/14/2026");
  EXPECT_EQ(LocaleFormatter::create("fr_BE")->money({123450, *Currency::from_code("EUR")}),
            "1\u202f234,50\u00a0€");
}

TEST(LocaleFormat, AWronglyWrittenLocaleIsRefusedWithTheWayToWriteIt) {
  for (const char* wrong : {"en_gb", "EN", "english"}) {
    auto created = LocaleFormatter::create(wrong);
    ASSERT_FALSE(created.ok()) << wrong;
    EXPECT_EQ(created.error().message,
              "'" + std::string(wrong) +
                  "' is not a locale ICU knows (write an ISO 639-1 language, with an ISO 3166 "
                  "country if you like: en, en_GB)");
  }
}

class TemplateLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ =
        std::filesystem::temp_directory_path() / ("dun-locale-lookup-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder_);
    for (const char* language : {"en", "fr", "fr_BE"}) {
      std::ofstream(folder_ / ("notice." + std::string(language) + ".txt"))
          << "Subject: " << language << "\n\nBody\n";
    }
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::string found(const std::string& language, const std::string& country) {
    TemplateLibrary library(folder_, "en");
    auto found = library.find("notice", language, country);
    if (!found) return "error: " + found.error().message;
    return found->language + "|" + found->country + "|" +
           found->source->file.substr(folder_.string().size() + 1);
  }

  std::filesystem::path folder_;
};

TEST_F(TemplateLookup, TheCountrysFileThenTheLanguagesThenTheDefault) {
  EXPECT_EQ(found("fr", "BE"), "fr|BE|notice.fr_BE.txt");
  EXPECT_EQ(found("fr", "FR"), "fr||notice.fr.txt");
  EXPECT_EQ(found("fr", "CH"), "fr||notice.fr.txt");
  EXPECT_EQ(found("de", "CH"), "en||notice.en.txt");
  EXPECT_EQ(found("fr_BE", ""), "fr|BE|notice.fr_BE.txt");
}

TEST_F(TemplateLookup, AMissingTemplateNamesEveryFileTried) {
  TemplateLibrary library(folder_, "en");
  auto missing = library.find("reminder", "fr", "BE");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message,
            "no template reminder.fr_BE.txt nor reminder.fr.txt nor reminder.en.txt (nor their .md "
            "versions) in " +
                folder_.generic_string() + "/ (check the name, or --templates)");
}

// Through the one orchestration every document takes: the golden portfolio's British customer
// (language en, country GB) gets en_GB dates in the English template.
TEST(DocumentLocale, ABritishCustomersDocumentIsFormattedEnGb) {
  auto config = load_config(kGolden / "dun.toml");
  ASSERT_TRUE(config.ok()) << config.error().message;
  auto context =
      SnapshotContext::load(*config, kGolden / "snapshot", DUN_SOURCE_DIR "/scenarios/templates",
                            *Date::parse("2026-11-22"));
  ASSERT_TRUE(context.ok()) << context.error().message;
  const Portfolio& portfolio = (*context)->portfolio();
  ActionDocuments documents(**context);
  DocumentSpec spec;
  spec.template_name = "pre_due";
  spec.language = "en";
  spec.customer = *portfolio.find_customer("C-EN");
  spec.items = {*portfolio.find_invoice("EN-3")};
  spec.date = *Date::parse("2026-11-22");
  auto filled = documents.fill(spec);
  ASSERT_TRUE(filled.ok()) << filled.error().message;
  EXPECT_EQ(filled->request.locale, "en_GB");
  EXPECT_EQ(filled->document.language, "en");
  EXPECT_EQ(filled->document.locale, "en_GB");
  EXPECT_EQ(filled->document.subject, "Invoice INV-2026-0190 falls due on 10 December 2026");
}

// Sixteen languages of fixed words; each table whole, with the placeholders its renderer fills.
TEST(DocumentLabels, SixteenCompleteTables) {
  std::set<std::string_view> locales;
  for (const DocumentLabels& labels : all_document_labels()) {
    locales.insert(labels.locale);
    for (std::string_view header : labels.item_headers) EXPECT_FALSE(header.empty());
    for (std::string_view text :
         {labels.total, labels.total_overdue, labels.registered, labels.electronic}) {
      EXPECT_FALSE(text.empty()) << labels.locale;
    }
    EXPECT_NE(labels.place_and_date.find("{date}"), std::string_view::npos) << labels.locale;
    EXPECT_NE(labels.reference.find("{reference}"), std::string_view::npos) << labels.locale;
    EXPECT_NE(labels.page.find("{page}"), std::string_view::npos) << labels.locale;
    EXPECT_NE(labels.page.find("{pages}"), std::string_view::npos) << labels.locale;
  }
  EXPECT_EQ(locales,
            (std::set<std::string_view>{"en", "fr", "de", "pl", "es", "it", "nl", "pt", "pt_BR",
                                        "ro", "sv", "tr", "hr", "zh", "ja", "ko"}));
}

TEST(DocumentLabels, ALocaleFallsBackToItsLanguageThenEnglish) {
  EXPECT_EQ(document_labels("pt_BR").registered, "Carta registrada com aviso de recebimento (AR)");
  EXPECT_EQ(document_labels("pt_PT").registered, "Carta registada com aviso de receção");
  EXPECT_EQ(document_labels("fr_BE").total_overdue, "Total échu");
  EXPECT_EQ(document_labels("de_CH").page, "Seite {page} von {pages}");
  EXPECT_EQ(document_labels("fi_FI").locale, "en");
  EXPECT_EQ(fill_label("{place}, le {date}", {{"place", "Paris"}, {"date", "1 mai"}}),
            "Paris, le 1 mai");
  EXPECT_EQ(fill_label("{date}", {{"place", "Tokyo"}, {"date", "2026年5月1日"}}), "2026年5月1日");
}

TEST(LetterFonts, CjkTextFallsBackToTheNotoVariantOfTheLocale) {
  EXPECT_EQ(letter_font_family("ja_JP"), "DejaVu Sans,Noto Sans CJK JP");
  EXPECT_EQ(letter_font_family("ko_KR"), "DejaVu Sans,Noto Sans CJK KR");
  EXPECT_EQ(letter_font_family("zh_CN"), "DejaVu Sans,Noto Sans CJK SC");
  EXPECT_EQ(letter_font_family("zh_TW"), "DejaVu Sans,Noto Sans CJK TC");
  EXPECT_EQ(letter_font_family("zh_HK"), "DejaVu Sans,Noto Sans CJK HK");
  // A Japanese name in an English letter to Japan; elsewhere the simplified forms.
  EXPECT_EQ(letter_font_family("en_JP"), "DejaVu Sans,Noto Sans CJK JP");
  EXPECT_EQ(letter_font_family("fr_FR"), "DejaVu Sans,Noto Sans CJK SC");
}

// A character no installed font has would print as an empty box: the letter is refused.
TEST(LetterFonts, ACharacterNoFontCanDrawRefusesTheLetter) {
  RenderedDocument document;
  document.language = "en";
  document.locale = "en_GB";
  document.body.emplace_back(std::in_place_type<Paragraph>, Paragraph{"Private use: \uE000"});
  LetterInfo info;
  info.sender.name = "Our Company SAS";
  info.recipient.name = "Northwind Trading Ltd";
  info.recipient.address_lines = {"4 Market Street", "Leeds LS1 6DT"};
  auto pdf = render_letter_pdf(document, info);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().message,
            "the letter holds 1 character(s) no installed font can draw; for Chinese, Japanese "
            "or Korean install the fonts-noto-cjk package");
  std::get<Paragraph>(document.body.back()).text = "株式会社山田製作所 · 한빛전자 · 上海明华";
  EXPECT_TRUE(render_letter_pdf(document, info).ok());
}

}  // namespace
}  // namespace dun

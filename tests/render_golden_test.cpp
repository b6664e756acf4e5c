// Golden outputs of every shipped template (scenarios/templates) in every language it exists in,
// rendered by the real `dun render` on the fixed portfolio of tests/golden-render/: the text
// (NAME.LANG.txt) and the email (NAME.LANG.eml) must match tests/golden-render/expected/ byte for
// byte. After a deliberate change, regenerate with DUN_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/golden_file.hpp"

namespace {

const std::filesystem::path kSource = DUN_SOURCE_DIR;
const std::filesystem::path kGolden = kSource / "tests/golden-render";

// The customer of each language in the fixture portfolio.
const std::map<std::string, std::string> kCustomerOf = {
    {"en", "C-EN"}, {"fr", "C-FR"}, {"de", "C-DE"}, {"pl", "C-PL"},
    {"es", "C-ES"}, {"it", "C-IT"}, {"nl", "C-NL"}};
// A pre-due note concerns an invoice not yet due; the other templates the overdue ones.
const std::map<std::string, std::string> kPreDueInvoiceOf = {
    {"en", "EN-3"}, {"fr", "FR-3"}, {"de", "DE-2"}, {"pl", "PL-3"},
    {"es", "ES-3"}, {"it", "IT-3"}, {"nl", "NL-3"}};

struct Output {
  int status;
  std::string text;
};

Output run(const std::string& command) {
  Output out{-1, {}};
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, n);
  const int status = pclose(pipe);
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

struct Case {
  std::string name;
  std::string language;
};

std::vector<Case> shipped_templates() {
  std::vector<Case> cases;
  for (const auto& entry : std::filesystem::directory_iterator(kSource / "scenarios/templates")) {
    const std::string file = entry.path().filename().string();
    if (!file.ends_with(".txt")) continue;
    const std::string stem = file.substr(0, file.size() - 4);
    const std::size_t dot = stem.rfind('.');
    cases.push_back({stem.substr(0, dot), stem.substr(dot + 1)});
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.name + a.language < b.name + b.language; });
  return cases;
}

// pdffonts' listing of `pdf`, after checking that it lists fonts and that every one is embedded.
std::string embedded_fonts(const std::filesystem::path& pdf) {
  const Output fonts = run("pdffonts " + pdf.string());
  EXPECT_EQ(fonts.status, 0) << "pdffonts (poppler-utils) on " << pdf;
  // Each font line ends "emb sub uni object generation": the embedded column is 5th from last.
  std::istringstream lines(fonts.text);
  std::string line;
  int font_lines = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line.starts_with("name") || line.starts_with("---")) continue;
    std::istringstream words(line);
    std::vector<std::string> columns;
    for (std::string word; words >> word;) columns.push_back(word);
    if (columns.size() < 6) {
      ADD_FAILURE() << line;
      continue;
    }
    EXPECT_EQ(columns[columns.size() - 5], "yes") << "not embedded: " << line;
    ++font_lines;
  }
  EXPECT_GT(font_lines, 0) << fonts.text;
  return fonts.text;
}

std::string render_command(const Case& c, const std::string& format) {
  std::string command = std::string(DUN_BINARY) + " render " + c.name + " --customer " +
                        kCustomerOf.at(c.language) + " --config " +
                        (kGolden / "dun.toml").string() + " --date 2026-11-22 --format " + format;
  if (c.name == "pre_due") command += " --invoice " + kPreDueInvoiceOf.at(c.language);
  return command;
}

TEST(RenderGolden, EveryShippedTemplateInEveryLanguageMatchesItsGoldenTextAndEmail) {
  const std::vector<Case> cases = shipped_templates();
  ASSERT_GE(cases.size(), 35u) << "5 templates x en, fr, de, pl, es, it, nl";
  for (const Case& c : cases) {
    ASSERT_TRUE(kCustomerOf.contains(c.language)) << c.name << "." << c.language;
    for (const std::string format : {"text", "eml"}) {
      const Output output = run(render_command(c, format));
      const std::string file = c.name + "." + c.language + (format == "text" ? ".txt" : ".eml");
      ASSERT_EQ(output.status, 0) << render_command(c, format);
      dun::testing::expect_golden_file(kGolden / "expected" / file, output.text);
    }
  }
}

// The letter of every template in every language, as a registered letter: `dun render --format
// pdf` through the letters' layout, read back with poppler's pdftotext (the text in reading
// order, columns kept) and compared with NAME.LANG.pdf.txt; its fonts must be embedded.
TEST(RenderGolden, EveryShippedTemplateInEveryLanguageRendersAsAPdfLetter) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("dun-render-pdf-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  for (const Case& c : shipped_templates()) {
    const std::filesystem::path pdf = folder / (c.name + "." + c.language + ".pdf");
    const std::string command =
        render_command(c, "pdf") + " --letter-type registered --out " + pdf.string();
    ASSERT_EQ(run(command).status, 0) << command;
    const Output text = run("pdftotext -layout " + pdf.string() + " -");
    ASSERT_EQ(text.status, 0) << "pdftotext (poppler-utils) on " << pdf;
    EXPECT_NE(embedded_fonts(pdf).find("DejaVu"), std::string::npos);
    const std::string file = c.name + "." + c.language + ".pdf.txt";
    dun::testing::expect_golden_file(kGolden / "expected" / file, text.text);
  }
  std::filesystem::remove_all(folder);
}

TEST(RenderGolden, EveryLanguageHasEveryShippedTemplate) {
  std::map<std::string, int> languages_per_template;
  for (const Case& c : shipped_templates()) ++languages_per_template[c.name];
  for (const auto& [name, count] : languages_per_template) EXPECT_EQ(count, 7) << name;
}

// The shipped Markdown example (first_reminder_formatted.en.md, English only): its text part, its
// HTML part and its multipart/alternative email.
TEST(RenderGolden, TheShippedMarkdownTemplateMatchesItsGoldenTextHtmlAndEmail) {
  const Case c{"first_reminder_formatted", "en"};
  for (const std::string format : {"text", "html", "eml"}) {
    const Output output = run(render_command(c, format));
    ASSERT_EQ(output.status, 0) << render_command(c, format);
    dun::testing::expect_golden_file(kGolden / "expected" / (c.name + ".en.md." + format),
                                     output.text);
  }
}

TEST(RenderGolden, UnknownCustomerAndBadFormatFailWithAMessage) {
  const std::string base = std::string(DUN_BINARY) + " render first_reminder --config " +
                           (kGolden / "dun.toml").string() + " --date 2026-11-22";
  EXPECT_EQ(run(base + " --customer NOPE").status, 1);
  EXPECT_EQ(run(base + " --customer C-EN --format docx").status, 2);
  EXPECT_EQ(run(base).status, 2);
  EXPECT_EQ(run(base + " --customer C-EN --invoice FR-1").status, 1);
}

// ---- Letters in every language of the fixed texts (tests/golden-letters/) ----

const std::filesystem::path kLetters = kSource / "tests/golden-letters";

// One customer per language, each in a country that shows its locale: en_GB, fr_BE, de_CH, …,
// pt_BR (language pt, country BR: the lookup finds letter.pt_BR.txt before letter.pt.txt).
const std::vector<std::pair<std::string, std::string>> kLetterCustomers = {
    {"en", "C-EN"},    {"fr", "C-FR"}, {"de", "C-DE"}, {"pl", "C-PL"},
    {"es", "C-ES"},    {"it", "C-IT"}, {"nl", "C-NL"}, {"pt", "C-PT"},
    {"pt_BR", "C-BR"}, {"ro", "C-RO"}, {"sv", "C-SV"}, {"tr", "C-TR"},
    {"hr", "C-HR"},    {"zh", "C-ZH"}, {"ja", "C-JA"}, {"ko", "C-KO"}};

class LetterLanguages : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("dun-letter-languages-" + std::to_string(getpid()));
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  // The registered letter of `customer`, written to FOLDER/LANGUAGE.pdf.
  std::filesystem::path letter(const std::string& language, const std::string& customer) {
    const std::filesystem::path pdf = folder_ / (language + ".pdf");
    const std::string command = std::string(DUN_BINARY) + " render letter --customer " + customer +
                                " --config " + (kLetters / "dun.toml").string() +
                                " --date 2026-11-22 --format pdf --letter-type registered --out " +
                                pdf.string();
    EXPECT_EQ(run(command).status, 0) << command;
    return pdf;
  }

  std::filesystem::path folder_;
};

// Each language's fixed words (the items table, totals, the registered mention, the place and
// date line, the customer reference, the page numbers) and its locale's figures, read back by
// pdftotext and compared with tests/golden-letters/expected/letter.LANGUAGE.pdf.txt; every font
// the PDF uses is embedded.
TEST_F(LetterLanguages, ALetterPerLanguageMatchesItsGolden) {
  for (const auto& [language, customer] : kLetterCustomers) {
    const std::filesystem::path pdf = letter(language, customer);
    const Output text = run("pdftotext -layout " + pdf.string() + " -");
    ASSERT_EQ(text.status, 0) << "pdftotext on " << pdf;
    embedded_fonts(pdf);
    const std::string file = "letter." + language + ".pdf.txt";
    dun::testing::expect_golden_file(kLetters / "expected" / file, text.text);
  }
}

// Chinese, Japanese and Korean fall back from DejaVu Sans (no Han, kana or hangul) to Noto Sans
// CJK in the language's variant, embedded; the text extracts as written (no empty boxes).
TEST_F(LetterLanguages, ChineseJapaneseAndKoreanLettersUseAnEmbeddedCjkFontAndExtractAsWritten) {
  const std::map<std::string, std::pair<std::string, std::vector<std::string>>> expected = {
      {"zh",
       {"NotoSansCJKsc",
        {"上海明华贸易有限公司", "付款提醒函", "挂号信（附回执）", "发票号", "逾期合计",
         "根据我方记录，截至2026年11月22日，以下发票仍未付款", "客户编号：C-ZH", "¥68,000.00",
         "第 1 页，共 1 页"}}},
      {"ja",
       {"NotoSansCJKjp",
        {"株式会社山田製作所 御中", "お支払いのお願い", "配達証明付き書留郵便", "請求書番号",
         "延滞合計", "弊社の記録によりますと", "お客様番号：C-JA", "￥1,250,000", "1 / 1 ページ"}}},
      {"ko",
       {"NotoSansCJKkr",
        {"한빛전자 주식회사 귀중", "대금 결제 요청", "배달증명 등기우편", "청구서 번호",
         "연체 합계", "고객 번호: C-KO", "₩15,800,000"}}},
  };
  for (const auto& [language, want] : expected) {
    const std::string customer = "C-" + std::string(language == "zh"   ? "ZH"
                                                    : language == "ja" ? "JA"
                                                                       : "KO");
    const std::filesystem::path pdf = letter(language, customer);
    const std::string fonts = embedded_fonts(pdf);
    EXPECT_NE(fonts.find(want.first), std::string::npos) << language << ":\n" << fonts;
    const Output text = run("pdftotext " + pdf.string() + " -");
    ASSERT_EQ(text.status, 0);
    for (const std::string& words : want.second) {
      EXPECT_NE(text.text.find(words), std::string::npos)
          << language << ": " << words << " not in\n"
          << text.text;
    }
  }
}

}  // namespace

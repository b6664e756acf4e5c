// Letters as PDF (documents/letter_pdf.hpp) and their batch for duplex printing
// (documents/pdf_batch.hpp), checked the way a reader would: poppler's pdftotext, pdfinfo and
// pdffonts on the written file.
#include "documents/letter_pdf.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "documents/pdf_batch.hpp"
#include "tests/letter_sample.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;

struct Command {
  int exit_code = -1;
  std::string out;
};

Command run(const std::string& command) {
  Command result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    result.out.append(buffer, n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class LetterPdf : public ::testing::Test {
 protected:
  void SetUp() override {
    if (run("command -v pdftotext pdfinfo pdffonts >/dev/null 2>&1").exit_code != 0)
      GTEST_SKIP() << "poppler-utils is not installed (apt-get install poppler-utils)";
    dir_ = fs::temp_directory_path() /
           ("dun_letter_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& bytes, const std::string& name = "letter.pdf") {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  static std::string text(const std::string& pdf, int page = 0) {
    const std::string pages =
        page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return run("pdftotext -layout" + pages + " '" + pdf + "' -").out;
  }

  // The page of each use of an image, as pdfimages lists them.
  static std::vector<int> image_uses(const std::string& pdf) {
    const std::string images = run("pdfimages -list '" + pdf + "'").out;
    std::istringstream rows(images);
    std::string row;
    std::vector<int> pages;
    while (std::getline(rows, row)) {
      std::istringstream fields(row);
      std::vector<std::string> columns{std::istream_iterator<std::string>(fields), {}};
      if (columns.size() < 12 || columns[2] != "image") continue;
      pages.push_back(std::stoi(columns[0]));
    }
    return pages;
  }

  static int page_count(const std::string& pdf) {
    const std::string info = run("pdfinfo '" + pdf + "'").out;
    const std::size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
  }

  fs::path dir_;
};

// The letters rendered one by one, then merged for duplex printing as the letter outbox does; each
// letter is named by its reference in errors.
Result<std::string> batch(const std::vector<std::pair<RenderedDocument, LetterInfo>>& letters) {
  std::vector<std::string> pdfs, names;
  for (const auto& [document, info] : letters) {
    auto pdf = render_letter_pdf(document, info);
    if (!pdf) return pdf.error();
    pdfs.push_back(std::move(pdf).value());
    names.push_back(info.reference);
  }
  return merge_for_duplex(pdfs, names);
}

// pdftotext may or may not see the thin spaces of "1 / 2".
std::string without_spaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

// Each of `expected` appears in `text`, in this order.
void expect_in_order(const std::string& text, const std::vector<std::string>& expected) {
  std::size_t from = 0;
  for (const std::string& piece : expected) {
    const std::size_t at = text.find(piece, from);
    ASSERT_NE(at, std::string::npos) << "missing or out of order: " << piece << "\n" << text;
    from = at + piece.size();
  }
}

TEST_F(LetterPdf, FormalNoticeShowsItsPartsInReadingOrder) {
  const auto pdf = render_letter_pdf(test::formal_notice(40), test::formal_notice_info());
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string path = write(*pdf);
  expect_in_order(text(path),
                  {"Our Company SAS", "12 rue de la Paix", "ar@ourco.example",
                   "Lettre recommandée avec accusé de réception", "Boulangerie Martin SARL",
                   "Service comptabilité", "69007 Lyon", "Paris, le 22 novembre 2026",
                   "Mise en demeure de payer", "Madame, Monsieur,", "Facture", "Montant dû",
                   "F-2026-1040", "F-2026-1157", "Total à régler", "mettons en demeure",
                   "salutations distinguées", "Claire Dubois", "Responsable du recouvrement"});
}

TEST_F(LetterPdf, ItemsTablePaginatesWithItsHeaderRepeated) {
  const auto pdf = render_letter_pdf(test::formal_notice(40), test::formal_notice_info());
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string path = write(*pdf);
  EXPECT_EQ(page_count(path), 2);
  const std::string first = text(path, 1);
  const std::string second = text(path, 2);
  EXPECT_NE(without_spaces(first).find("1/2"), std::string::npos) << first;
  EXPECT_NE(without_spaces(second).find("2/2"), std::string::npos) << second;
  // The header row is printed again above the rows that continue on page 2.
  expect_in_order(second, {"Facture", "Date", "Échéance", "Retard (jours)", "Montant dû", "F-2026-",
                           "Total à régler"});
  // No item is lost or printed twice at the break.
  for (int i = 0; i < 40; ++i) {
    const std::string number = "F-2026-" + std::to_string(1040 + i * 3);
    const bool on_first = first.find(number) != std::string::npos;
    const bool on_second = second.find(number) != std::string::npos;
    EXPECT_NE(on_first, on_second) << number;
  }
  // The footer carries the company's legal line on every page.
  EXPECT_NE(second.find("IBAN FR76 3000 6000 0112 3456 7890 189"), std::string::npos);
  EXPECT_NE(second.find("Boulangerie Martin SARL"), std::string::npos) << "running head";
}

TEST_F(LetterPdf, NumericColumnsAreRightAligned) {
  const auto pdf = render_letter_pdf(test::formal_notice(12), test::formal_notice_info());
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string layout_text = text(write(*pdf));
  // In -layout mode the amounts' last characters line up in one column.
  std::vector<std::size_t> ends;
  std::size_t line_start = 0;
  while (line_start < layout_text.size()) {
    std::size_t line_end = layout_text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = layout_text.size();
    const std::string line = layout_text.substr(line_start, line_end - line_start);
    if (line.find("F-2026-") != std::string::npos) ends.push_back(line.find_last_not_of(' '));
    line_start = line_end + 1;
  }
  ASSERT_EQ(ends.size(), 12u);
  for (std::size_t end : ends) EXPECT_EQ(end, ends.front()) << layout_text;
}

TEST_F(LetterPdf, FontsAreEmbedded) {
  const auto pdf = render_letter_pdf(test::formal_notice(5), test::formal_notice_info());
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string fonts = run("pdffonts '" + write(*pdf) + "'").out;
  // name type encoding emb sub uni object ID: two header lines, then one line a font.
  int font_lines = 0;
  std::size_t line_start = fonts.find('\n', fonts.find('\n') + 1) + 1;
  while (line_start < fonts.size()) {
    const std::size_t line_end = fonts.find('\n', line_start);
    const std::string line = fonts.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    if (line.empty()) continue;
    ++font_lines;
    EXPECT_NE(line.find("DejaVuSans"), std::string::npos) << line;
    EXPECT_NE(line.find(" yes yes "), std::string::npos) << "not embedded as a subset: " << line;
  }
  // DejaVu Sans and its bold, each as a simple (WinAnsi) and a CID subset for the characters
  // outside WinAnsi (€, the narrow no-break space): cairo splits them so.
  EXPECT_GE(font_lines, 2) << fonts;
}

TEST_F(LetterPdf, SameInputGivesTheSameBytes) {
  const auto first = render_letter_pdf(test::formal_notice(40), test::formal_notice_info());
  const auto second = render_letter_pdf(test::formal_notice(40), test::formal_notice_info());
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(*first == *second) << "two renders of one letter differ";
  const std::string info = run("pdfinfo '" + write(*first) + "'").out;
  EXPECT_NE(info.find("CreationDate:    Sat Jan  1 00:00:00 2000 UTC"), std::string::npos) << info;
}

TEST_F(LetterPdf, BatchStartsEveryLetterOnAnOddPage) {
  std::vector<std::pair<RenderedDocument, LetterInfo>> letters;
  letters.emplace_back(test::formal_notice(40), test::formal_notice_info());  // 2 pages
  letters.emplace_back(test::formal_notice(3), test::formal_notice_info());   // 1 page
  letters.back().second.recipient.name = "Garage Lefèvre";
  letters.emplace_back(test::formal_notice(3), test::formal_notice_info());  // 1 page
  letters.back().second.recipient.name = "Fleurs & Cie";
  const auto pdf = batch(letters);
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string path = write(*pdf);
  ASSERT_EQ(page_count(path), 6);  // 2, then twice 1 + a blank back
  EXPECT_NE(text(path, 1).find("Boulangerie Martin SARL"), std::string::npos);
  EXPECT_NE(text(path, 3).find("Garage Lefèvre"), std::string::npos);
  EXPECT_NE(without_spaces(text(path, 3)).find("1/1"), std::string::npos);
  EXPECT_EQ(text(path, 4).find_first_not_of(" \n\f"), std::string::npos) << "blank back";
  EXPECT_NE(text(path, 5).find("Fleurs & Cie"), std::string::npos);
  EXPECT_EQ(text(path, 6).find_first_not_of(" \n\f"), std::string::npos) << "blank back";

  const auto again = batch(letters);
  ASSERT_TRUE(again);
  EXPECT_TRUE(*pdf == *again) << "two renders of one batch differ";
}

TEST_F(LetterPdf, RecipientSitsBehindTheWindowOfEachStandard) {
  // pdftotext -bbox gives each word's box in points: the recipient's name must lie inside the
  // address field of the chosen layout.
  for (const char* name : {"din5008b", "nf_z10_011"}) {
    const LetterLayout layout = *letter_layout_preset(name);
    const auto pdf = render_letter_pdf(test::formal_notice(3), test::formal_notice_info(), layout);
    ASSERT_TRUE(pdf) << pdf.error().message;
    const std::string boxes = run("pdftotext -bbox -f 1 -l 1 '" + write(*pdf) + "' -").out;
    const std::size_t word = boxes.find(">Boulangerie<");
    ASSERT_NE(word, std::string::npos) << boxes;
    const std::size_t tag = boxes.rfind("<word", word);
    double x_min = 0, y_min = 0;
    ASSERT_EQ(std::sscanf(boxes.c_str() + tag, "<word xMin=\"%lf\" yMin=\"%lf\"", &x_min, &y_min),
              2);
    const double mm = 72.0 / 25.4;
    EXPECT_GT(x_min, layout.address_left_mm * mm) << name;
    EXPECT_LT(x_min, (layout.address_left_mm + 10) * mm) << name;
    EXPECT_GT(y_min, (layout.address_top_mm + layout.mention_height_mm) * mm) << name;
    EXPECT_LT(y_min, (layout.address_top_mm + layout.address_height_mm) * mm) << name;
  }
}

TEST_F(LetterPdf, SignatureStaysWithTheClosingLines) {
  // With these item counts the signature falls at the foot of page 1 in one layout or the other.
  for (const char* window : {"din5008b", "nf_z10_011"}) {
    for (int items = 6; items <= 12; items += 2) {
      const auto pdf = render_letter_pdf(test::formal_notice(items), test::formal_notice_info(),
                                         *letter_layout_preset(window));
      ASSERT_TRUE(pdf) << pdf.error().message;
      const std::string path = write(*pdf);
      for (int page = 1; page <= page_count(path); ++page) {
        const std::string on_page = text(path, page);
        if (on_page.find("Claire Dubois") == std::string::npos) continue;
        EXPECT_NE(on_page.find("salutations distinguées"), std::string::npos)
            << window << ", " << items << " items: the signature is alone on page " << page;
      }
    }
  }
}

TEST_F(LetterPdf, StandardLetterHasNoRegisteredMention) {
  LetterInfo info = test::formal_notice_info();
  info.registered_mention.reset();
  const auto pdf = render_letter_pdf(test::formal_notice(3), info);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(text(write(*pdf)).find("recommandée"), std::string::npos);
}

TEST_F(LetterPdf, LogoIsDrawnOnTheFirstPageOfEveryLetterOfABatch) {
  // A PNG made with pdftoppm from a letter: any real PNG will do.
  const auto source = render_letter_pdf(test::formal_notice(1), test::formal_notice_info());
  ASSERT_TRUE(source);
  const std::string source_path = write(*source, "source.pdf");
  ASSERT_EQ(run("pdftoppm -png -r 10 -singlefile '" + source_path + "' '" +
                (dir_ / "logo").string() + "'")
                .exit_code,
            0);
  LetterInfo info = test::formal_notice_info();
  info.logo_path = (dir_ / "logo.png").string();
  const auto single = render_letter_pdf(test::formal_notice(40), info);  // 2 pages
  ASSERT_TRUE(single) << single.error().message;
  EXPECT_EQ(image_uses(write(*single, "single.pdf")), (std::vector<int>{1}));
  std::vector<std::pair<RenderedDocument, LetterInfo>> letters(3, {test::formal_notice(3), info});
  const auto pdf = batch(letters);
  ASSERT_TRUE(pdf) << pdf.error().message;
  // One-page letters, each followed by its blank back.
  EXPECT_EQ(image_uses(write(*pdf)), (std::vector<int>{1, 3, 5}));
}

TEST_F(LetterPdf, UnreadableLogoIsAClearError) {
  LetterInfo info = test::formal_notice_info();
  info.logo_path = (dir_ / "missing.png").string();
  const auto pdf = render_letter_pdf(test::formal_notice(1), info);
  ASSERT_FALSE(pdf);
  EXPECT_NE(pdf.error().message.find("missing.png' cannot be read as a PNG"), std::string::npos)
      << pdf.error().message;
}

TEST_F(LetterPdf, InvalidUtf8IsRefusedNamingTheField) {
  LetterInfo info = test::formal_notice_info();
  info.recipient.address_lines[1] = "8 avenue Jean Jaur\xe8s";  // Latin-1, not UTF-8
  const auto pdf = render_letter_pdf(test::formal_notice(1), info);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().message,
            "the recipient's address is not valid UTF-8: fix the template or the data");
}

TEST_F(LetterPdf, AddressTallerThanTheWindowIsRefused) {
  // DIN 5008 form B leaves 27.3 mm under the mention zone: six lines fit, seven do not.
  LetterInfo info = test::formal_notice_info();
  info.recipient.address_lines = {"Service comptabilité", "Bâtiment C", "8 avenue Jean Jaurès",
                                  "69007 Lyon", "France"};
  EXPECT_TRUE(render_letter_pdf(test::formal_notice(1), info));
  info.recipient.address_lines.insert(info.recipient.address_lines.begin(),
                                      "À l'attention de M. Martin");
  const auto pdf = render_letter_pdf(test::formal_notice(1), info);
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().message,
            "the recipient's address needs 30 mm but the envelope window leaves 26 mm, so the "
            "post could not read it: shorten the address (at most 6 lines) or enlarge "
            "address_height_mm in [letters]");
}

TEST_F(LetterPdf, RowWiderThanTheHeaderIsRefused) {
  RenderedDocument document = test::formal_notice(3);
  std::get<ItemsTable>(document.body[2]).rows[1].push_back("extra");
  const auto pdf = render_letter_pdf(document, test::formal_notice_info());
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().message,
            "items table row 2 has 6 cells for 5 columns: give every column a header");
}

TEST_F(LetterPdf, BatchErrorNamesTheLetter) {
  const auto letter = render_letter_pdf(test::formal_notice(1), test::formal_notice_info());
  ASSERT_TRUE(letter) << letter.error().message;
  const auto pdf = merge_for_duplex({*letter, "not a pdf"}, {"aa01.pdf"});
  ASSERT_FALSE(pdf);
  EXPECT_EQ(pdf.error().message.rfind("letter 2 is not a readable PDF", 0), 0u)
      << pdf.error().message;
  const auto named = merge_for_duplex({*letter, "not a pdf"}, {"aa01.pdf", "bb02.pdf"});
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().message.rfind("bb02.pdf is not a readable PDF", 0), 0u)
      << named.error().message;
  EXPECT_FALSE(merge_for_duplex({}, {}));
}

TEST_F(LetterPdf, PageCountIsTheLettersPages) {
  const auto one = render_letter_pdf(test::formal_notice(3), test::formal_notice_info());
  const auto two = render_letter_pdf(test::formal_notice(40), test::formal_notice_info());
  ASSERT_TRUE(one && two);
  EXPECT_EQ(*pdf_page_count(*one), 1);
  EXPECT_EQ(*pdf_page_count(*two), 2);
  EXPECT_FALSE(pdf_page_count("not a pdf"));
}

TEST_F(LetterPdf, LongParagraphFlowsOverPages) {
  RenderedDocument document;
  document.language = "en";
  std::string words;
  for (int i = 0; i < 1500; ++i) words += "word" + std::to_string(i) + " ";
  document.body.emplace_back(std::in_place_type<Paragraph>, Paragraph{words});
  const auto pdf = render_letter_pdf(document, test::formal_notice_info());
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string path = write(*pdf);
  EXPECT_GE(page_count(path), 3);
  expect_in_order(text(path), {"word0 ", "word700", "word1499"});
}

// The whole text of the example letter as pdftotext -layout sees it: any change to the layout
// (positions, breaks, what is printed) shows here. After an intended change, regenerate with
// DUN_UPDATE_GOLDEN=1 and look at docs/letter-example.png (scripts/render_letter_example.sh).
TEST_F(LetterPdf, FormalNoticeMatchesItsGoldenText) {
  LetterInfo info = test::formal_notice_info();
  info.logo_path = std::string(DUN_SOURCE_DIR) + "/examples/assets/logo.png";
  const auto pdf = render_letter_pdf(test::formal_notice(40), info);
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string actual = text(write(*pdf));
  const fs::path golden = fs::path(DUN_SOURCE_DIR) / "tests/golden/letters/formal_notice.txt";
  if (std::getenv("DUN_UPDATE_GOLDEN") != nullptr) std::ofstream(golden) << actual;
  std::ifstream file(golden);
  const std::string expected{std::istreambuf_iterator<char>(file), {}};
  EXPECT_EQ(actual, expected) << "regenerate with DUN_UPDATE_GOLDEN=1 if the change is intended";
}

// scripts/render_letter_example.sh sets DUN_LETTER_EXAMPLE to write the example shown in docs/.
TEST(LetterExample, WritesTheDocumentedExampleWhenAsked) {
  const char* target = std::getenv("DUN_LETTER_EXAMPLE");
  if (target == nullptr) GTEST_SKIP() << "set DUN_LETTER_EXAMPLE=FILE.pdf to write the example";
  LetterInfo info = test::formal_notice_info();
  if (const char* logo = std::getenv("DUN_LETTER_EXAMPLE_LOGO")) info.logo_path = logo;
  const auto pdf = render_letter_pdf(test::formal_notice(40), info);
  ASSERT_TRUE(pdf) << pdf.error().message;
  std::ofstream(target, std::ios::binary) << *pdf;
}

}  // namespace
}  // namespace dun

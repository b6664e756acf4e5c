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
#include <vector>

namespace {

const std::filesystem::path kSource = DUN_SOURCE_DIR;
const std::filesystem::path kGolden = kSource / "tests/golden-render";

// The customer of each language in the fixture portfolio.
const std::map<std::string, std::string> kCustomerOf = {
    {"en", "C-EN"}, {"fr", "C-FR"}, {"de", "C-DE"}, {"pl", "C-PL"}};
// A pre-due note concerns an invoice not yet due; the other templates the overdue ones.
const std::map<std::string, std::string> kPreDueInvoiceOf = {
    {"en", "EN-3"}, {"fr", "FR-3"}, {"de", "DE-2"}, {"pl", "PL-3"}};

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

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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

std::string render_command(const Case& c, const std::string& format) {
  std::string command = std::string(DUN_BINARY) + " render " + c.name + " --customer " +
                        kCustomerOf.at(c.language) + " --config " +
                        (kGolden / "dun.toml").string() + " --date 2026-11-22 --format " + format;
  if (c.name == "pre_due") command += " --invoice " + kPreDueInvoiceOf.at(c.language);
  return command;
}

TEST(RenderGolden, EveryShippedTemplateInEveryLanguageMatchesItsGoldenTextAndEmail) {
  const std::vector<Case> cases = shipped_templates();
  ASSERT_GE(cases.size(), 20u) << "5 templates x en, fr, de, pl";
  const bool update = std::getenv("DUN_UPDATE_GOLDEN") != nullptr;
  std::filesystem::create_directories(kGolden / "expected");
  for (const Case& c : cases) {
    ASSERT_TRUE(kCustomerOf.contains(c.language)) << c.name << "." << c.language;
    for (const std::string format : {"text", "eml"}) {
      const Output output = run(render_command(c, format));
      const std::string file = c.name + "." + c.language + (format == "text" ? ".txt" : ".eml");
      ASSERT_EQ(output.status, 0) << render_command(c, format);
      if (update) {
        std::ofstream(kGolden / "expected" / file, std::ios::binary) << output.text;
        continue;
      }
      EXPECT_EQ(output.text, read_file(kGolden / "expected" / file))
          << file << " differs; regenerate with DUN_UPDATE_GOLDEN=1 if the change is intended";
    }
  }
}

// The letter of every template in every language, as a registered letter: `dun render --format
// pdf` through the letters' layout, read back with poppler's pdftotext (the text in reading
// order, columns kept) and compared with NAME.LANG.pdf.txt; its fonts must be embedded.
TEST(RenderGolden, EveryShippedTemplateInEveryLanguageRendersAsAPdfLetter) {
  const bool update = std::getenv("DUN_UPDATE_GOLDEN") != nullptr;
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
    const Output fonts = run("pdffonts " + pdf.string());
    ASSERT_EQ(fonts.status, 0);
    EXPECT_NE(fonts.text.find("DejaVu"), std::string::npos) << fonts.text;
    // Each font line ends "emb sub uni object generation": the embedded column is 5th from last.
    std::istringstream lines(fonts.text);
    std::string line;
    int font_lines = 0;
    while (std::getline(lines, line)) {
      if (line.empty() || line.starts_with("name") || line.starts_with("---")) continue;
      std::istringstream words(line);
      std::vector<std::string> columns;
      for (std::string word; words >> word;) columns.push_back(word);
      ASSERT_GE(columns.size(), 6u) << line;
      EXPECT_EQ(columns[columns.size() - 5], "yes") << "not embedded: " << line;
      ++font_lines;
    }
    EXPECT_GT(font_lines, 0) << fonts.text;
    const std::string file = c.name + "." + c.language + ".pdf.txt";
    if (update) {
      std::ofstream(kGolden / "expected" / file, std::ios::binary) << text.text;
      continue;
    }
    EXPECT_EQ(text.text, read_file(kGolden / "expected" / file))
        << file << " differs; regenerate with DUN_UPDATE_GOLDEN=1 if the change is intended";
  }
  std::filesystem::remove_all(folder);
}

TEST(RenderGolden, EveryLanguageHasEveryShippedTemplate) {
  std::map<std::string, int> languages_per_template;
  for (const Case& c : shipped_templates()) ++languages_per_template[c.name];
  for (const auto& [name, count] : languages_per_template) EXPECT_EQ(count, 4) << name;
}

// The shipped Markdown example (first_reminder_formatted.en.md, English only): its text part, its
// HTML part and its multipart/alternative email.
TEST(RenderGolden, TheShippedMarkdownTemplateMatchesItsGoldenTextHtmlAndEmail) {
  const bool update = std::getenv("DUN_UPDATE_GOLDEN") != nullptr;
  const Case c{"first_reminder_formatted", "en"};
  for (const std::string format : {"text", "html", "eml"}) {
    const Output output = run(render_command(c, format));
    ASSERT_EQ(output.status, 0) << render_command(c, format);
    const std::string file = c.name + ".en.md." + format;
    if (update) {
      std::ofstream(kGolden / "expected" / file, std::ios::binary) << output.text;
      continue;
    }
    EXPECT_EQ(output.text, read_file(kGolden / "expected" / file))
        << file << " differs; regenerate with DUN_UPDATE_GOLDEN=1 if the change is intended";
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

}  // namespace

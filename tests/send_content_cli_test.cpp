// `dun send`'s content flags through the real binary and a real state store (docs/delivery.md,
// "Manual reminders"): --pdf (the address page first, the PDF's pages after it; a PDF dun cannot
// place refused with the reason and nothing recorded), --body-file (free text through the
// template engine, its errors as FILE:line:column), --subject, --statement, --bcc (in the SMTP
// envelope kept with the action, in no header), and a manual reminder counting as a contact for
// the scenarios' contact limits.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "documents/pdf_batch.hpp"
#include "stdlib/read_file.hpp"
#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"
#include "tests/sqlite_rows.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

constexpr const char* kScenario =
    "scenario s \"standard\"\n"
    "  at most 1 email every 7 days\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "end\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C1,F-002,invoice,2026-01-01,2026-01-10,EUR,80.00,80.00,false,true,,\n"
    "I3,C2,F-003,invoice,2026-01-01,2026-01-05,EUR,300.00,300.00,false,true,,\n";

constexpr const char* kConfig =
    "[company]\nname = \"Our Company\"\nemail = \"ar@ourco.example\"\nlanguage = \"en\"\n"
    "address = \"1 Main St\\n75001 Paris\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
    "[adapters.email]\nkind = \"outbox\"\ndir = \"out/email\"\n\n"
    "[adapters.letter]\nkind = \"outbox\"\ndir = \"out/letters\"\n\n"
    "[adapters.task]\nkind = \"agenda\"\n";

// A PDF of `pages` empty pages of width × height points (A4: 595 × 842; US Letter: 612 × 792).
std::string blank_pdf(int pages, int width, int height) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>"};
  std::string kids;
  for (int k = 0; k < pages; ++k) kids += std::to_string(3 + k) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  for (int k = 0; k < pages; ++k) {
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "] >>");
  }
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t k = 0; k < objects.size(); ++k) {
    offsets.push_back(out.size());
    out += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

class SendContentCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_send_content_");
    write("dun.toml", kConfig);
    write("scenarios/standard.dun", kScenario);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n\n{items_list}\n");
    write("templates/cover.en.txt", "Subject: Enclosed\n\nPlease find our document enclosed.\n");
    write("snapshot/customers.csv", dun::testing::kTwoCustomersCsv);
    write("snapshot/invoices.csv", kInvoices);
    ok("run --date 2026-01-13");  // nothing due yet: the store exists
  }

  // The single column of `query`'s rows.
  std::vector<std::string> column(const std::string& query) {
    std::vector<std::string> values;
    for (std::string row : dun::testing::table_rows(dir_ / "dun.db", query)) {
      if (!row.empty() && row.back() == '|') row.pop_back();
      values.push_back(row);
    }
    return values;
  }
  std::string manual_action_id() {
    const auto rows = column("SELECT id FROM actions WHERE scenario = 'manual' ORDER BY id");
    return rows.empty() ? std::string() : rows.front();
  }
  // The outbox's file of the manual action (the run also wrote C2's scenario email there).
  std::string manual_file(const fs::path& folder, const std::string& extension) {
    return (dir_ / folder / (manual_action_id() + extension)).string();
  }
};

TEST_F(SendContentCli, APdfIsSentBehindTheAddressPage) {
  write("statement.pdf", blank_pdf(3, 595, 842));
  const std::string sent =
      ok("send --customer C1 --invoice I1 --template cover --channel letter --pdf statement.pdf "
         "--date 2026-01-14");
  EXPECT_NE(sent.find(" recorded\n"), std::string::npos) << sent;
  const std::string letter = manual_file("out/letters", ".pdf");
  ASSERT_FALSE(letter.empty());
  const auto bytes = dun::read_file(letter);
  ASSERT_TRUE(bytes.ok());
  const auto pages = dun::pdf_page_count(*bytes);
  ASSERT_TRUE(pages.ok()) << pages.error().message;
  // The cover letter (one page here) carries the address; the 3 given pages follow it.
  EXPECT_EQ(*pages, 4);
  // The document kept with the action is the one delivered (a retry sends the same bytes).
  const auto kept = column("SELECT length(bytes) FROM action_documents WHERE action_id = '" +
                           manual_action_id() + "'");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0], std::to_string(bytes->size()));
  const std::string shown = ok("show " + manual_action_id() + " --out shown.pdf");
  EXPECT_NE(shown.find("cover"), std::string::npos) << shown;
  EXPECT_EQ(*dun::read_file(dir_ / "shown.pdf"), *bytes);
}

TEST_F(SendContentCli, APdfThatCannotBePlacedIsRefusedWithTheReasonAndNothingIsRecorded) {
  write("letter.pdf", blank_pdf(2, 612, 792));
  const CommandResult us_letter =
      dun("send --customer C1 --invoice I1 --template cover --channel letter --pdf letter.pdf");
  EXPECT_EQ(us_letter.exit_code, 1);
  EXPECT_NE(us_letter.err.find("letter.pdf: page 1 is 612 × 792 pt (216 × 279 mm), not A4 "
                               "portrait (595 × 842 pt): dun cannot place it behind the address "
                               "page of a window envelope"),
            std::string::npos)
      << us_letter.err;
  write("landscape.pdf", blank_pdf(1, 842, 595));
  const CommandResult landscape =
      dun("send --customer C1 --invoice I1 --template cover --channel letter --pdf landscape.pdf");
  EXPECT_EQ(landscape.exit_code, 1);
  EXPECT_NE(landscape.err.find("A4 landscape"), std::string::npos) << landscape.err;
  write("notes.pdf", "these are notes, not a PDF");
  const CommandResult not_pdf =
      dun("send --customer C1 --invoice I1 --template cover --channel letter --pdf notes.pdf");
  EXPECT_EQ(not_pdf.exit_code, 1);
  EXPECT_NE(not_pdf.err.find("notes.pdf is not a readable PDF"), std::string::npos) << not_pdf.err;
  write("long.pdf", blank_pdf(51, 595, 842));
  const CommandResult too_long =
      dun("send --customer C1 --invoice I1 --template cover --channel letter --pdf long.pdf");
  EXPECT_EQ(too_long.exit_code, 1);
  EXPECT_NE(too_long.err.find("long.pdf has 51 pages: a letter holds at most 50"),
            std::string::npos)
      << too_long.err;
  EXPECT_EQ(manual_action_id(), "") << "nothing recorded";
  EXPECT_EQ(
      dun("send --customer C1 --invoice I1 --template cover --channel email --pdf x.pdf").exit_code,
      2);
}

TEST_F(SendContentCli, ABodyFileIsFilledLikeATemplateAndTheSubjectReplacesTheTemplates) {
  write("note.txt", "Dear {customer.name},\n\nyour invoices, {{as agreed}}:\n\n{items_list}\n");
  const std::string sent =
      ok("send --customer C1 --invoice I1 --body-file note.txt --subject \"Our call today\" "
         "--channel email --date 2026-01-14");
  EXPECT_NE(sent.find(" recorded\n"), std::string::npos) << sent;
  const auto eml = dun::read_file(manual_file("out/email", ".eml"));
  ASSERT_TRUE(eml.ok());
  EXPECT_NE(eml->find("Subject: Our call today\r\n"), std::string::npos) << *eml;
  EXPECT_NE(eml->find("Dear Acme SAS,"), std::string::npos) << *eml;
  EXPECT_NE(eml->find("{as agreed}"), std::string::npos) << *eml;
  EXPECT_NE(eml->find("F-001"), std::string::npos) << *eml;

  write("bad.txt", "Dear {customer.nmae},\n");
  const CommandResult bad =
      dun("send --customer C2 --invoice I3 --body-file bad.txt --subject Hi --channel email");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.txt:1:7: the template cannot fill '{customer.nmae}'; did you mean "
                         "'{customer.name}'?"),
            std::string::npos)
      << bad.err;
  EXPECT_EQ(dun("send --customer C2 --invoice I3 --body-file bad.txt --template first_reminder "
                "--channel email")
                .exit_code,
            2);
}

TEST_F(SendContentCli, TheStatementListsEveryOpenItemOfTheCustomer) {
  ok("send --customer C1 --invoice I1 --template first_reminder --channel email --statement "
     "--date 2026-01-14");
  const auto eml = dun::read_file(manual_file("out/email", ".eml"));
  ASSERT_TRUE(eml.ok());
  EXPECT_NE(eml->find("F-001"), std::string::npos) << *eml;
  EXPECT_NE(eml->find("F-002"), std::string::npos) << "I2 is on C1's statement:\n" << *eml;
}

TEST_F(SendContentCli, BlindCopiesAreInTheEnvelopeOnly) {
  ok("send --customer C1 --invoice I1 --template first_reminder --channel email "
     "--bcc boss@ourco.example --bcc audit@ourco.example --date 2026-01-14");
  const auto eml = dun::read_file(manual_file("out/email", ".eml"));
  ASSERT_TRUE(eml.ok());
  EXPECT_EQ(eml->find("boss@ourco.example"), std::string::npos) << "no header names it:\n" << *eml;
  const auto envelope = column("SELECT envelope FROM action_documents WHERE action_id = '" +
                               manual_action_id() + "'");
  ASSERT_EQ(envelope.size(), 1u);
  EXPECT_NE(envelope[0].find("boss@ourco.example"), std::string::npos) << envelope[0];
  EXPECT_NE(envelope[0].find("audit@ourco.example"), std::string::npos) << envelope[0];
  EXPECT_EQ(dun("send --customer C1 --invoice I2 --template first_reminder --channel email "
                "--bcc not-an-address")
                .exit_code,
            2);
  EXPECT_EQ(dun("send --customer C1 --invoice I2 --template first_reminder --channel letter "
                "--bcc boss@ourco.example")
                .exit_code,
            2);
}

TEST_F(SendContentCli, TheHelpNamesEveryContentFlagAndTheBounceMailbox) {
  const std::string help = ok("send --help");
  for (const char* flag : {"--pdf FILE", "--body-file FILE", "--subject TEXT", "--statement",
                           "--bcc EMAIL", "contact limits"}) {
    EXPECT_NE(help.find(flag), std::string::npos) << flag << "\n" << help;
  }
  const std::string deliver = ok("deliver --help");
  EXPECT_NE(deliver.find("DUN_BOUNCES_USER and\n"), std::string::npos) << deliver;
  EXPECT_NE(deliver.find("`bounced` (hard, 5.x.x) or `delayed` (soft, 4.x.x)"), std::string::npos)
      << deliver;
}

// A manual email is a contact: the scenario's `at most 1 email every 7 days` holds the step
// that falls due two days later.
TEST_F(SendContentCli, AManualReminderCountsAsAContactForTheLimits) {
  ok("send --customer C1 --invoice I2 --template first_reminder --channel email "
     "--date 2026-01-18");
  ok("run --date 2026-01-20");
  const auto scenario_emails =
      column("SELECT id FROM actions WHERE customer_id = 'C1' AND scenario = 's'");
  EXPECT_TRUE(scenario_emails.empty()) << "the limit held C1's step";
  const std::string explained = ok("explain I1 --date 2026-01-20");
  EXPECT_NE(explained.find("held by the contact limit (at most 1 email every 7 days): last email "
                           "on 2026-01-18"),
            std::string::npos)
      << explained;
}

}  // namespace

// The outbox adapters (adapters/outbox/): real files in a temporary folder, read back by
// independent tools — Python's `email` package for the .eml files, Python's `csv` module for
// manifest.csv, poppler's pdfinfo and pdftotext for the letters and the batch PDF.
#include "adapters/outbox/outbox_adapters.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/outbox/manifest_csv.hpp"
#include "documents/email_message.hpp"
#include "documents/letter_pdf.hpp"
#include "documents/pdf_batch.hpp"
#include "letter_sample.hpp"

namespace dun::adapters {
namespace {

namespace fs = std::filesystem;

std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  while (pipe != nullptr && fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  if (pipe != nullptr) pclose(pipe);
  return output;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

int pdfinfo_pages(const fs::path& pdf) {
  const std::string info = run_command("pdfinfo '" + pdf.string() + "' 2>&1");
  const std::size_t at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

std::string pdftotext_page(const fs::path& pdf, int page) {
  return run_command("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                     pdf.string() + "' - 2>&1");
}

class OutboxAdapter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dun-outbox-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // An [adapters.NAME] table as read from DIR/dun.toml, the header on line 7.
  AdapterConfig table(const std::string& name, std::map<std::string, std::string> settings) {
    AdapterConfig config;
    config.name = name;
    config.kind = "outbox";
    config.file = dir_ / "dun.toml";
    config.position = {7, 1};
    config.kind_position = {8, 8};
    int line = 9;
    for (const auto& [key, value] : settings) config.where[key] = {line++, 7};
    config.settings = std::move(settings);
    return config;
  }

  static Action email_action(const std::string& id) {
    Action action;
    action.id = id;
    action.created_on = *Date::parse("2026-11-22");
    action.channel = Channel::email;
    action.customer = "C1";
    action.invoices = {"I1", "I2"};
    action.to = "ap@acme.example";
    return action;
  }

  static OutgoingDocument email_document(const std::string& id) {
    RenderedDocument document;
    document.language = "fr";
    document.subject = "Relance : factures échues";
    document.body.emplace_back(std::in_place_type<Paragraph>, Paragraph{"Bonjour, action " + id});
    EmailEnvelope envelope;
    envelope.from = {"Our Company SAS", "ar@ourco.example"};
    envelope.to = {{"Acme SAS", "ap@acme.example"}};
    envelope.cc = {{"", "anna@ourco.example"}};
    envelope.action_id = id;
    envelope.date = *Date::parse("2026-11-22");
    OutgoingDocument outgoing;
    outgoing.content_type = std::string(kEmailContentType);
    outgoing.bytes = *build_email(document, envelope);
    outgoing.envelope_from = "ar@ourco.example";
    outgoing.envelope_to = {"ap@acme.example", "anna@ourco.example"};
    return outgoing;
  }

  static Action letter_action(const std::string& id, const std::string& customer) {
    Action action;
    action.id = id;
    action.created_on = *Date::parse("2026-11-22");
    action.channel = Channel::letter;
    action.letter_type = LetterType::registered;
    action.customer = customer;
    action.invoices = {"INV-1", "INV-2"};
    return action;
  }

  // A letter to `recipient` long enough for `items` table rows (3 rows: 1 page; 40: 2 pages).
  static OutgoingDocument letter_document(const std::string& recipient, int items) {
    LetterInfo info = test::formal_notice_info();
    info.recipient.name = recipient;
    OutgoingDocument outgoing;
    outgoing.content_type = std::string(kLetterContentType);
    outgoing.bytes = *render_letter_pdf(test::formal_notice(items), info);
    outgoing.recipient = info.recipient;
    outgoing.recipient_country = "FR";
    outgoing.sender = info.sender;
    return outgoing;
  }

  std::unique_ptr<Adapter> letter_outbox(const std::string& today = "2026-11-23") {
    const AdapterConfig config = table("letter", {{"dir", "out/letters"}});
    auto adapter = make_letter_outbox_adapter(AdapterSettings(config),
                                              [today] { return *Date::parse(today); });
    EXPECT_TRUE(adapter) << adapter.error().message;
    return std::move(adapter).value();
  }

  fs::path dir_;
};

TEST_F(OutboxAdapter, EmailIsAnEmlFileThatPythonsEmailPackageReads) {
  const AdapterConfig config = table("email", {{"dir", "out/emails"}});
  auto adapter = make_email_outbox_adapter(AdapterSettings(config));
  ASSERT_TRUE(adapter) << adapter.error().message;
  EXPECT_EQ((*adapter)->kind(), "outbox");

  const OutgoingDocument document = email_document("a1b2c3");
  const DeliveryReport report = (*adapter)->deliver(email_action("a1b2c3"), document);
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  const fs::path eml = dir_ / "out/emails/a1b2c3.eml";
  EXPECT_EQ(report.provider_ref, eml.string());
  EXPECT_EQ(read_file(eml), document.bytes);
  EXPECT_EQ(fs::status(eml).permissions() & fs::perms::others_read, fs::perms::others_read);

  const std::string parsed = run_command(
      "python3 -c \"import sys, email, email.policy; "
      "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default); "
      "print(m['To']); print(m['Cc']); print(m['Subject']); print(len(m.defects)); "
      "print(m.get_body(('plain',)).get_content().strip())\" '" +
      eml.string() + "'");
  EXPECT_EQ(parsed,
            "Acme SAS <ap@acme.example>\nanna@ourco.example\nRelance : factures échues\n0\n"
            "Bonjour, action a1b2c3\n");
}

TEST_F(OutboxAdapter, RetryingAnEmailWritesNothingTwiceAndNeverOverwritesAnotherFile) {
  const AdapterConfig config = table("email", {{"dir", "out/emails"}});
  auto adapter = std::move(make_email_outbox_adapter(AdapterSettings(config))).value();
  const OutgoingDocument document = email_document("a1b2c3");
  ASSERT_EQ(adapter->deliver(email_action("a1b2c3"), document).outcome, DeliveryOutcome::sent);
  const fs::path eml = dir_ / "out/emails/a1b2c3.eml";
  const auto written_at = fs::last_write_time(eml);

  // The same bytes again (a retry after an unknown outcome): sent, the file untouched.
  const DeliveryReport again = adapter->deliver(email_action("a1b2c3"), document);
  EXPECT_EQ(again.outcome, DeliveryOutcome::sent) << again.error;
  EXPECT_EQ(fs::last_write_time(eml), written_at);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_ / "out/emails")) ++files;
  EXPECT_EQ(files, 1u) << "no temporary file is left behind";

  // Other bytes under the same name: someone's file, never overwritten.
  std::ofstream(eml, std::ios::binary) << "edited by hand";
  const DeliveryReport other = adapter->deliver(email_action("a1b2c3"), document);
  EXPECT_EQ(other.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(other.error.find("already exists with other content"), std::string::npos)
      << other.error;
  EXPECT_EQ(read_file(eml), "edited by hand");
}

TEST_F(OutboxAdapter, PathsStayInTheOutboxFolder) {
  const AdapterConfig config = table("email", {{"dir", "out/emails"}});
  auto adapter = std::move(make_email_outbox_adapter(AdapterSettings(config))).value();
  for (const std::string id : {"../escape", "a/b", "..", ".hidden", ""}) {
    const DeliveryReport report = adapter->deliver(email_action(id), email_document("x"));
    EXPECT_EQ(report.outcome, DeliveryOutcome::rejected) << id;
    EXPECT_NE(report.error.find("cannot name a file in"), std::string::npos) << report.error;
  }
  EXPECT_FALSE(fs::exists(dir_ / "out/escape.eml"));

  auto letters = letter_outbox();
  const DeliveryReport report =
      letters->deliver(letter_action("../../x", "C1"), letter_document("Acme", 3));
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected);
}

TEST_F(OutboxAdapter, WrongDocumentKindIsRejected) {
  const AdapterConfig config = table("email", {{"dir", "out/emails"}});
  auto emails = std::move(make_email_outbox_adapter(AdapterSettings(config))).value();
  OutgoingDocument pdf;
  pdf.content_type = std::string(kLetterContentType);
  pdf.bytes = "%PDF-1.4";
  EXPECT_EQ(emails->deliver(email_action("a1"), pdf).outcome, DeliveryOutcome::rejected);

  auto letters = letter_outbox();
  EXPECT_EQ(letters->deliver(letter_action("b1", "C1"), email_document("b1")).outcome,
            DeliveryOutcome::rejected);
  OutgoingDocument broken = pdf;
  const DeliveryReport report = letters->deliver(letter_action("b2", "C1"), broken);
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(report.error.find("not a readable PDF"), std::string::npos) << report.error;
  EXPECT_FALSE(fs::exists(dir_ / "out/letters/b2.pdf"));
}

TEST_F(OutboxAdapter, LettersArePdfsWithOneManifestRowEachThatPythonsCsvReads) {
  auto adapter = letter_outbox();
  const DeliveryReport first = adapter->deliver(letter_action("aa01", "C1"),
                                                letter_document("Boulangerie \"Martin\", SARL", 3));
  ASSERT_EQ(first.outcome, DeliveryOutcome::sent) << first.error;
  const DeliveryReport second =
      adapter->deliver(letter_action("bb02", "C2"), letter_document("Globex GmbH", 40));
  ASSERT_EQ(second.outcome, DeliveryOutcome::sent) << second.error;
  EXPECT_EQ(first.provider_ref, (dir_ / "out/letters/aa01.pdf").string());
  EXPECT_EQ(pdfinfo_pages(dir_ / "out/letters/aa01.pdf"), 1);
  EXPECT_EQ(pdfinfo_pages(dir_ / "out/letters/bb02.pdf"), 2);

  const fs::path manifest = dir_ / "out/letters/manifest.csv";
  const std::string rows = run_command(
      "python3 -c \"import csv, sys; "
      "[print(repr(r)) for r in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))]\" '" +
      manifest.string() + "'");
  EXPECT_EQ(rows,
            "['action_id', 'date', 'customer', 'recipient_name', 'address', 'country', "
            "'letter_type', 'pages', 'file', 'invoices', 'postage', 'color', 'duplex']\n"
            "['aa01', '2026-11-22', 'C1', 'Boulangerie \"Martin\", SARL', "
            "'Service comptabilité\\n8 avenue Jean Jaurès\\n69007 Lyon\\nFrance', 'FR', "
            "'registered', '1', 'aa01.pdf', 'INV-1;INV-2', '', 'false', 'true']\n"
            "['bb02', '2026-11-22', 'C2', 'Globex GmbH', "
            "'Service comptabilité\\n8 avenue Jean Jaurès\\n69007 Lyon\\nFrance', 'FR', "
            "'registered', '2', 'bb02.pdf', 'INV-1;INV-2', '', 'false', 'true']\n");
  EXPECT_NE(read_file(manifest).find("\"Boulangerie \"\"Martin\"\", SARL\""), std::string::npos);
}

// A manifest begun by an earlier dun (header ending at `invoices`) takes the new header.
TEST(ManifestCsv, AnOldHeaderTakesThePrintColumnsAtTheNextRow) {
  const fs::path path =
      fs::temp_directory_path() / ("dun_manifest_upgrade_" + std::to_string(::getpid()) + ".csv");
  std::ofstream(path, std::ios::binary) << std::string(kManifestHeaderWithoutPrint) +
                                               "\r\nold,2026-01-01,C0,N,A,FR,standard,1,"
                                               "old.pdf,I0\r\n";
  ManifestRow row;
  row.action_id = "new";
  row.postage = "ecopli";
  row.color = true;
  row.duplex = false;
  ASSERT_TRUE(add_manifest_row(path, row));
  const std::string text = read_file(path);
  EXPECT_EQ(text.rfind(std::string(kManifestHeader) + "\r\nold,", 0), 0U) << text;
  EXPECT_NE(text.find(",ecopli,true,false\r\n"), std::string::npos) << text;
  fs::remove(path);
}

TEST_F(OutboxAdapter, BatchPdfStartsEveryLetterOnAnOddPageInDeliveryOrder) {
  auto adapter = letter_outbox("2026-11-23");
  // 1 page, 2 pages, 1 page: the batch is 1+blank, 2, 1+blank = 6 pages.
  ASSERT_EQ(
      adapter->deliver(letter_action("aa01", "C1"), letter_document("First Customer", 3)).outcome,
      DeliveryOutcome::sent);
  ASSERT_EQ(
      adapter->deliver(letter_action("bb02", "C2"), letter_document("Second Customer", 40)).outcome,
      DeliveryOutcome::sent);
  ASSERT_EQ(
      adapter->deliver(letter_action("cc03", "C3"), letter_document("Third Customer", 3)).outcome,
      DeliveryOutcome::sent);
  ASSERT_TRUE(adapter->finish_pass());

  const fs::path batch = dir_ / "out/letters/batch-2026-11-23.pdf";
  ASSERT_TRUE(fs::exists(batch));
  EXPECT_EQ(pdfinfo_pages(batch), 6);
  EXPECT_NE(pdftotext_page(batch, 1).find("First Customer"), std::string::npos);
  EXPECT_EQ(pdftotext_page(batch, 2).find_first_not_of(" \n\f"), std::string::npos)
      << "page 2 is the blank back of the first letter";
  EXPECT_NE(pdftotext_page(batch, 3).find("Second Customer"), std::string::npos);
  EXPECT_NE(pdftotext_page(batch, 3).find("1/2"), std::string::npos);
  EXPECT_NE(pdftotext_page(batch, 4).find("2/2"), std::string::npos);
  EXPECT_NE(pdftotext_page(batch, 5).find("Third Customer"), std::string::npos);
  EXPECT_EQ(pdftotext_page(batch, 6).find_first_not_of(" \n\f"), std::string::npos);

  // A second pass the same day: its own batch, the first one kept; an empty pass writes none.
  ASSERT_EQ(
      adapter->deliver(letter_action("dd04", "C4"), letter_document("Fourth Customer", 3)).outcome,
      DeliveryOutcome::sent);
  ASSERT_TRUE(adapter->finish_pass());
  const fs::path second = dir_ / "out/letters/batch-2026-11-23-2.pdf";
  EXPECT_EQ(pdfinfo_pages(second), 2);
  EXPECT_NE(pdftotext_page(second, 1).find("Fourth Customer"), std::string::npos);
  EXPECT_EQ(pdfinfo_pages(batch), 6);
  ASSERT_TRUE(adapter->finish_pass());
  EXPECT_FALSE(fs::exists(dir_ / "out/letters/batch-2026-11-23-3.pdf"));
}

TEST_F(OutboxAdapter, RetryingALetterAddsNoSecondFileOrManifestRow) {
  const OutgoingDocument document = letter_document("Acme SAS", 3);
  {
    auto adapter = letter_outbox();
    ASSERT_EQ(adapter->deliver(letter_action("aa01", "C1"), document).outcome,
              DeliveryOutcome::sent);
    // The process dies here, before the delivery loop recorded the outcome: no batch.
  }
  auto adapter = letter_outbox();
  const DeliveryReport retry = adapter->deliver(letter_action("aa01", "C1"), document);
  EXPECT_EQ(retry.outcome, DeliveryOutcome::sent) << retry.error;
  ASSERT_TRUE(adapter->finish_pass());

  const std::string manifest = read_file(dir_ / "out/letters/manifest.csv");
  EXPECT_EQ(*first_fields(manifest), (std::vector<std::string>{"action_id", "aa01"}));
  EXPECT_EQ(pdfinfo_pages(dir_ / "out/letters/batch-2026-11-23.pdf"), 2)
      << "the retried letter is in the batch of the pass that got its outcome";
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir_ / "out/letters")) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"aa01.pdf", "batch-2026-11-23.pdf", "batches.csv",
                                             "manifest.csv"}));
  EXPECT_EQ(read_file(dir_ / "out/letters/batches.csv"),
            "batch,letter\r\nbatch-2026-11-23.pdf,aa01.pdf\r\n");
}

TEST_F(OutboxAdapter, TheNextPassBatchesTheLettersAKilledPassLeftAndRebuildsAMissingBatch) {
  {
    auto adapter = letter_outbox();
    ASSERT_TRUE(adapter->start_pass());
    ASSERT_EQ(adapter->deliver(letter_action("aa01", "C1"), letter_document("Acme SAS", 1)).outcome,
              DeliveryOutcome::sent);
    ASSERT_EQ(adapter->deliver(letter_action("aa02", "C2"), letter_document("Globex", 1)).outcome,
              DeliveryOutcome::sent);
    // Killed before finish_pass: both letters recorded sent, in no batch; and a temporary file.
    std::ofstream(dir_ / "out/letters/.manifest.csv.a1B2c3") << "half";
  }
  auto adapter = letter_outbox();
  ASSERT_TRUE(adapter->start_pass());
  EXPECT_FALSE(fs::exists(dir_ / "out/letters/.manifest.csv.a1B2c3")) << "cleaned";
  EXPECT_EQ(read_file(dir_ / "out/letters/batches.csv"),
            "batch,letter\r\nbatch-2026-11-23.pdf,aa01.pdf\r\nbatch-2026-11-23.pdf,aa02.pdf\r\n");
  EXPECT_EQ(pdfinfo_pages(dir_ / "out/letters/batch-2026-11-23.pdf"), 4) << "two letters, duplex";

  // The batch PDF lost after its rows were written (killed in between): rebuilt, same name.
  fs::remove(dir_ / "out/letters/batch-2026-11-23.pdf");
  ASSERT_TRUE(letter_outbox()->start_pass());
  EXPECT_EQ(pdfinfo_pages(dir_ / "out/letters/batch-2026-11-23.pdf"), 4);
  // A letter already batched and delivered again goes in no second batch.
  auto again = letter_outbox();
  ASSERT_TRUE(again->start_pass());
  ASSERT_EQ(again->deliver(letter_action("aa01", "C1"), letter_document("Acme SAS", 1)).outcome,
            DeliveryOutcome::sent);
  ASSERT_TRUE(again->finish_pass());
  EXPECT_FALSE(fs::exists(dir_ / "out/letters/batch-2026-11-23-2.pdf"));
}

TEST_F(OutboxAdapter, ManifestRowMissingAfterACrashIsAddedByTheRetry) {
  const OutgoingDocument document = letter_document("Acme SAS", 3);
  auto adapter = letter_outbox();
  ASSERT_EQ(adapter->deliver(letter_action("aa01", "C1"), document).outcome, DeliveryOutcome::sent);
  // As if the process had died between the PDF and its manifest row.
  fs::remove(dir_ / "out/letters/manifest.csv");
  ASSERT_EQ(adapter->deliver(letter_action("aa01", "C1"), document).outcome, DeliveryOutcome::sent);
  EXPECT_EQ(*first_fields(read_file(dir_ / "out/letters/manifest.csv")),
            (std::vector<std::string>{"action_id", "aa01"}));
}

TEST_F(OutboxAdapter, CheckSaysWhetherTheFolderIsWritable) {
  const AdapterConfig config = table("email", {{"dir", "out/emails"}});
  auto adapter = std::move(make_email_outbox_adapter(AdapterSettings(config))).value();
  const CheckReport ok = adapter->check();
  EXPECT_TRUE(ok.connected) << ok.detail;
  EXPECT_TRUE(fs::is_directory(dir_ / "out/emails")) << "check() creates the folder";
  EXPECT_TRUE(fs::is_empty(dir_ / "out/emails")) << "the probe file is removed";

  std::ofstream(dir_ / "a-file") << "not a folder";
  const AdapterConfig blocked = table("letter", {{"dir", "a-file/letters"}});
  auto letters = std::move(make_letter_outbox_adapter(AdapterSettings(blocked))).value();
  const CheckReport no = letters->check();
  EXPECT_FALSE(no.connected);
  EXPECT_NE(no.detail.find("cannot create the folder"), std::string::npos) << no.detail;
}

TEST_F(OutboxAdapter, FactoryErrorsNameTheDunTomlLine) {
  const std::string toml = (dir_ / "dun.toml").string();
  auto missing = make_email_outbox_adapter(AdapterSettings(table("email", {})));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message,
            toml + ":7:1: [adapters.email] kind \"outbox\" needs dir (e.g. dir = \"out/emails\")");

  auto unknown =
      make_letter_outbox_adapter(AdapterSettings(table("letter", {{"dir", "out"}, {"dri", "x"}})));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message,
            toml +
                ":10:7: [adapters.letter] dri: unknown setting for kind \"outbox\"; did you "
                "mean 'dir'?");

  auto empty = make_letter_outbox_adapter(AdapterSettings(table("letter", {{"dir", ""}})));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message, toml + ":9:7: [adapters.letter] dir: must not be empty");

  auto batch = make_letter_outbox_adapter(
      AdapterSettings(table("letter", {{"batch", "yes"}, {"dir", "out"}})));
  ASSERT_FALSE(batch);
  EXPECT_EQ(batch.error().message,
            toml + ":9:7: [adapters.letter] batch: must be true or false, not \"yes\"");
}

TEST_F(OutboxAdapter, BatchFalseWritesNoBatchPdf) {
  const AdapterConfig config = table("letter", {{"batch", "false"}, {"dir", "out/letters"}});
  auto adapter = std::move(make_letter_outbox_adapter(AdapterSettings(config))).value();
  ASSERT_EQ(adapter->deliver(letter_action("aa01", "C1"), letter_document("Acme", 3)).outcome,
            DeliveryOutcome::sent);
  ASSERT_TRUE(adapter->finish_pass());
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_ / "out/letters")) ++files;
  EXPECT_EQ(files, 2u) << "the PDF and manifest.csv only";
}

TEST(ManifestCsv, QuotesWhatRfc4180QuotesAndFindsTheFirstFieldOfQuotedRecords) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(*first_fields("id,x\r\n\"q,\"\"1\",\"a\nb\"\r\nlast,\"\n\"\r\n"),
            (std::vector<std::string>{"id", "q,\"1", "last"}));
  EXPECT_FALSE(first_fields("id\r\n\"open"));
}

TEST(PdfBatch, UnreadablePdfIsNamed) {
  auto merged = merge_for_duplex({"not a pdf"}, {"aa01.pdf"});
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.error().message.find("aa01.pdf is not a readable PDF"), std::string::npos)
      << merged.error().message;
}

}  // namespace
}  // namespace dun::adapters

// `dun show ACTION_ID` on the real binary and a real state store: a sent email and a sent letter
// with the document the store kept (byte for byte with --out), the adapter that delivered them
// and its print options and postage; a preview for an action not attempted yet; prefixes and
// unknown ids. Then postage in the language and in `dun send` (ecopli: France only), and
// `dun deliver --sync` after [adapters.letter] changed kind: the old adapter's letters are not
// asked about at the new provider.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/store/state_store.hpp"
#include "tests/cli_folder_test_base.hpp"
#include "tests/print_mail_server.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;
using dun::testing::slurp;

constexpr const char* kScenarios =
    "scenario mail \"email\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"reminder\"\n"
    "end\n"
    "\n"
    "scenario post \"letter, priority\"\n"
    "  step notice\n"
    "    at invoice.due_date + 7 days\n"
    "    letter standard \"notice\" postage priority\n"
    "end\n"
    "\n"
    "scenario eco \"letter, ecopli\"\n"
    "  step notice\n"
    "    at invoice.due_date + 7 days\n"
    "    letter \"notice\" postage ecopli\n"
    "end\n"
    "\n"
    "scenario formal \"letter, confirmed\"\n"
    "  step notice\n"
    "    at invoice.due_date + 7 days\n"
    "    letter registered \"notice\" confirm\n"
    "end\n";

const std::string kCustomers =
    dun::testing::kCustomersCsvHeader +
    "C1,Acme SAS,en,FR,EUR,sme,mail,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",,\n"
    "C2,Globex GmbH,en,DE,EUR,sme,post,ap@globex.example,\"Hauptstr. 1\n10115 Berlin\",,\n"
    "C3,Initech Ltd,en,GB,EUR,sme,eco,ap@initech.example,\"1 Main St\nLondon\",,\n"
    "C4,Dupont SARL,en,FR,EUR,sme,eco,ap@dupont.example,\"3 rue Neuve\n69001 Lyon\",,\n"
    "C5,Hooli Inc,en,US,EUR,sme,formal,ap@hooli.example,\"1 Infinite Loop\nCupertino\",,\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C2,F-002,invoice,2026-01-01,2026-01-12,EUR,300.00,300.00,false,true,,\n"
    "I3,C3,F-003,invoice,2026-01-01,2026-01-12,EUR,50.00,50.00,false,true,,\n"
    "I4,C4,F-004,invoice,2026-01-01,2026-01-12,EUR,70.00,70.00,false,true,,\n"
    "I5,C5,F-005,invoice,2026-01-01,2026-01-12,EUR,90.00,90.00,false,true,,\n";

constexpr const char* kBaseConfig =
    "[company]\nname = \"Our Company\"\naddress = \"1 Quay Street\\nDublin\"\n"
    "email = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\n\n"
    "[adapters.task]\nkind = \"agenda\"\n";

constexpr const char* kOutboxes =
    "\n[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\"\n"
    "\n[adapters.letter]\nkind = \"outbox\"\ndir = \"out/letters\"\ncolor = true\n"
    "duplex = false\n";

constexpr const char* kApiKey = "show-test-key";

class ShowCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_show_cli_");
    write("dun.toml", std::string(kBaseConfig) + kOutboxes);
    write("scenarios/all.dun", kScenarios);
    write("templates/reminder.en.txt",
          "Subject: Reminder\n\nDear customer,\n\n{items_list}\n\nPlease pay.\n");
    write("templates/notice.en.txt",
          "Subject: Notice\n\nDear Sir or Madam,\n\n{items_list}\n\nPay within 8 days.\n");
    write("snapshot/customers.csv", kCustomers);
    write("snapshot/invoices.csv", kInvoices);
  }

  // The latest action naming `invoice`, as the store holds it.
  dun::Action action_of(const std::string& invoice) {
    auto store = dun::StateStore::open(dir_ / "dun.db");
    EXPECT_TRUE(store) << store.error().message;
    auto actions = store.value().actions_of_invoice(invoice);
    EXPECT_TRUE(actions && !actions->empty()) << "no action names " << invoice;
    return actions && !actions->empty() ? actions->back() : dun::Action{};
  }

  std::string kept_bytes(const std::string& action_id) {
    auto store = dun::StateStore::open(dir_ / "dun.db");
    auto document = store.value().stored_document(action_id);
    EXPECT_TRUE(document && *document) << "no document kept for " << action_id;
    return document && *document ? (*document)->bytes : std::string();
  }
};

TEST_F(ShowCli, ASentEmailWithTheDocumentKeptByteForByte) {
  ok("run --date 2026-01-19");
  const dun::Action email = action_of("I1");
  const std::string shown = ok("show " + email.id);
  EXPECT_EQ(shown.rfind("action " + email.id + ": email, auto\n", 0), 0U) << shown;
  EXPECT_NE(shown.find("  created       2026-01-19  scenario mail, step first\n"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("  to            ap@acme.example\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("  status        sent since 2026-01-19\n  attempts      1\n"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("  adapter       email (outbox)\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find(", as kept at the first attempt\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Message-ID: <" + email.id + "@ourco.example>"), std::string::npos)
      << "the .eml itself is printed\n"
      << shown;

  ok("show " + email.id + " --out sent.eml");
  EXPECT_EQ(slurp(dir_ / "sent.eml"), kept_bytes(email.id));

  const auto json = nlohmann::json::parse(ok("show " + email.id + " --json"));
  EXPECT_EQ(json["id"], email.id);
  EXPECT_EQ(json["status"], "sent");
  EXPECT_EQ(json["adapter"]["kind"], "outbox");
  EXPECT_EQ(json["adapter"]["name"], "email");
  EXPECT_EQ(json["document"]["content_type"], "message/rfc822");
  EXPECT_EQ(json["document"]["kept"], true);
  EXPECT_EQ(json["document"]["text"], kept_bytes(email.id));
  EXPECT_EQ(json["document"]["envelope"]["to"][0], "ap@acme.example")
      << json["document"]["envelope"].dump();
}

TEST_F(ShowCli, ALetterWithItsPostageAndPrintOptions) {
  ok("run --date 2026-01-19");
  const dun::Action letter = action_of("I2");
  ASSERT_TRUE(letter.postage);
  EXPECT_EQ(*letter.postage, dun::Postage::priority) << "the scenario's postage is kept";
  const std::string shown = ok("show " + letter.id + " --out letter.pdf");
  EXPECT_EQ(shown.rfind("action " + letter.id + ": letter standard, auto\n", 0), 0U) << shown;
  EXPECT_NE(shown.find("  to            Globex GmbH / Hauptstr. 1 / 10115 Berlin\n"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("  postage       priority\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("  adapter       letter (outbox): color, one side, postage priority\n"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("  written to    letter.pdf\n"), std::string::npos) << shown;
  const std::string pdf = slurp(dir_ / "letter.pdf");
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0U);
  EXPECT_EQ(pdf, kept_bytes(letter.id));

  // The outbox's manifest says the same to the print shop.
  const std::string manifest = slurp(dir_ / "out/letters/manifest.csv");
  EXPECT_EQ(manifest.rfind("action_id,date,customer,recipient_name,address,country,letter_type,"
                           "pages,file,invoices,postage,color,duplex\r\n",
                           0),
            0U)
      << manifest;
  EXPECT_NE(manifest.find(letter.id + ".pdf,I2,priority,true,false\r\n"), std::string::npos)
      << manifest;
}

TEST_F(ShowCli, EcopliOutsideFranceIsAnErrorOfThatInvoiceNotOfTheRun) {
  const std::string run = ok("run --date 2026-01-19");
  EXPECT_NE(run.find("postage ecopli is for letters to France, and customer C3 is in GB"),
            std::string::npos)
      << run;
  EXPECT_FALSE(action_of("I3").postage) << "the adapter's default postage";
  const dun::Action french = action_of("I4");
  ASSERT_TRUE(french.postage);
  EXPECT_EQ(*french.postage, dun::Postage::ecopli);
  EXPECT_NE(slurp(dir_ / "out/letters/manifest.csv").find(",I4,ecopli,"), std::string::npos);
}

TEST_F(ShowCli, AnActionNotAttemptedYetShowsAPreview) {
  write("dun.toml", kBaseConfig);  // no email or letter adapter: the actions stay queued
  ok("run --date 2026-01-19");
  const dun::Action email = action_of("I1");
  const std::string shown = ok("show " + email.id);
  EXPECT_NE(shown.find("  status        queued since 2026-01-19\n  attempts      0\n"),
            std::string::npos)
      << shown;
  EXPECT_NE(shown.find("PREVIEW rendered now: not sent yet"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("  adapter "), std::string::npos) << shown;
  EXPECT_NE(shown.find("Subject: Reminder"), std::string::npos) << shown;
  const auto json = nlohmann::json::parse(ok("show " + email.id + " --json"));
  EXPECT_EQ(json["document"]["kept"], false);
  EXPECT_TRUE(json["adapter"].is_null());
}

TEST_F(ShowCli, APrefixFindsTheActionAndAnUnknownIdSaysWhatToDo) {
  ok("run --date 2026-01-19");
  const dun::Action email = action_of("I1");
  EXPECT_EQ(ok("show " + email.id.substr(0, 8)).rfind("action " + email.id + ":", 0), 0U);

  const CommandResult unknown = dun("show 0123456789abcdef0123456789abcdef");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("dun show: no action '0123456789abcdef0123456789abcdef' in the "
                             "outbox of dun.db"),
            std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("`dun history INVOICE` lists the ids of its actions"),
            std::string::npos)
      << unknown.err;
  const CommandResult short_prefix = dun("show " + email.id.substr(0, 3));
  EXPECT_EQ(short_prefix.exit_code, 1) << "fewer than 6 characters is no prefix";
  EXPECT_EQ(dun("show").exit_code, 2);
  EXPECT_NE(ok("show --help").find("--out FILE"), std::string::npos);
  EXPECT_NE(ok("history I1").find(email.id), std::string::npos) << "history names the id";
}

TEST_F(ShowCli, SendTakesAPostageAndRefusesEcopliOutsideFrance) {
  write("dun.toml", kBaseConfig);
  ok("run --date 2026-01-13");  // nothing due yet: the store exists
  const CommandResult germany =
      dun("send --customer C2 --invoice I2 --template notice --channel letter --postage ecopli "
          "--date 2026-01-14");
  EXPECT_EQ(germany.exit_code, 1);
  EXPECT_NE(germany.err.find("--postage ecopli is for letters to France, and customer C2 is in "
                             "DE: use --postage priority or economy"),
            std::string::npos)
      << germany.err;
  EXPECT_EQ(dun("send --customer C2 --invoice I2 --template reminder --channel email "
                "--postage economy")
                .exit_code,
            2)
      << "postage is for paper letters";
  EXPECT_EQ(dun("send --customer C2 --invoice I2 --template notice --channel letter "
                "--postage express")
                .exit_code,
            2);
  ok("send --customer C2 --invoice I2 --template notice --channel letter --postage economy "
     "--date 2026-01-14");
  const dun::Action sent = action_of("I2");
  ASSERT_TRUE(sent.postage);
  EXPECT_EQ(*sent.postage, dun::Postage::economy);
  EXPECT_NE(ok("show " + sent.id).find("  postage       economy\n"), std::string::npos);
  EXPECT_NE(ok("send --help").find("--postage P"), std::string::npos);
}

TEST_F(ShowCli, SendChoosesTheRecipientAndThePostalAddress) {
  write("dun.toml", std::string(kBaseConfig) + kOutboxes);
  write("snapshot/contacts.csv",
        "customer_id,name,email,phone,role\nC2,Hans Legal,legal@globex.example,,legal\n");
  ok("run --date 2026-01-13");
  ok("send --customer C2 --invoice I2 --template reminder --channel email --to contact:legal "
     "--date 2026-01-14");
  EXPECT_EQ(action_of("I2").to, "legal@globex.example");
  EXPECT_NE(slurp(dir_ / ("out/emails/" + action_of("I2").id + ".eml"))
                .find("\r\nTo: legal@globex.example\r\n"),
            std::string::npos);

  ok("send --customer C2 --invoice I2 --template notice --channel letter --to contact:legal "
     "--address '4 Quai Nord\\n69001 Lyon\\nFrance' --date 2026-01-15");
  const dun::Action letter = action_of("I2");
  EXPECT_EQ(letter.to, "Hans Legal\n4 Quai Nord\n69001 Lyon\nFrance");
  const std::string manifest = slurp(dir_ / "out/letters/manifest.csv");
  EXPECT_NE(manifest.find(",Hans Legal,\"4 Quai Nord\n69001 Lyon\nFrance\","), std::string::npos)
      << "the letter goes to the address given\n"
      << manifest;

  const CommandResult unknown_role =
      dun("send --customer C2 --invoice I2 --template reminder --channel email --to contact:cfo");
  EXPECT_EQ(unknown_role.exit_code, 1);
  EXPECT_NE(unknown_role.err.find("customer C2 has no contact with role 'cfo'"), std::string::npos)
      << unknown_role.err;
  EXPECT_EQ(dun("send --customer C2 --invoice I2 --template notice --channel letter "
                "--to legal@globex.example")
                .exit_code,
            2)
      << "a paper letter has no email recipient";
  EXPECT_EQ(dun("send --customer C2 --invoice I2 --template reminder --channel email "
                "--address 'x'")
                .exit_code,
            2);
  EXPECT_EQ(
      dun("send --customer C2 --invoice I2 --template reminder --channel email --to bob").exit_code,
      2);
  EXPECT_NE(ok("send --help").find("--to R"), std::string::npos);
}

std::string pdf_text(const fs::path& pdf) {
  FILE* pipe = popen(("pdftotext '" + pdf.string() + "' - 2>&1").c_str(), "r");
  std::string text;
  char buffer[4096];
  for (std::size_t n; pipe != nullptr && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    text.append(buffer, n);
  }
  if (pipe != nullptr) pclose(pipe);
  return text;
}

// A confirmed letter is executed, and so dated, the day it is confirmed; before, `dun show` and
// `dun agenda show` say their document is a preview.
TEST_F(ShowCli, AConfirmedLetterIsRenderedTheDayItIsConfirmed) {
  ok("run --date 2026-01-19");
  const dun::Action pending = action_of("I5");
  ASSERT_EQ(pending.status, dun::ActionStatus::pending_confirmation);
  EXPECT_NE(ok("show " + pending.id).find("PREVIEW rendered now: not sent yet"), std::string::npos);
  const auto tasks = nlohmann::json::parse(ok("agenda list --json"));
  ASSERT_EQ(tasks.size(), 1U);
  const std::string task = std::to_string(tasks[0]["id"].get<int>());
  EXPECT_NE(ok("agenda show " + task + " --date 2026-01-27").find("document, PREVIEW rendered "),
            std::string::npos);

  ok("agenda confirm " + task + " --date 2026-01-27");
  ok("deliver --date 2026-01-27");
  ok("show " + pending.id + " --out confirmed.pdf");
  const std::string text = pdf_text(dir_ / "confirmed.pdf");
  EXPECT_NE(text.find("January 27, 2026"), std::string::npos) << text;
  EXPECT_EQ(text.find("January 19, 2026"), std::string::npos) << "not the day the step fired";
}

// The regression of an adapter switch: letters written by the outbox adapter must not be asked
// about at the print & mail provider that replaced it (a 404 each, and exit 1, at every sync).
TEST_F(ShowCli, SyncAfterTheLetterAdapterChangedKindAsksOnlyEachLettersOwnAdapter) {
  ok("run --date 2026-01-19");  // I2, I3 and I4: letters to the outbox
  const dun::Action outbox_letter = action_of("I2");
  EXPECT_EQ(outbox_letter.adapter_kind, "outbox");
  EXPECT_EQ(outbox_letter.adapter_name, "letter");

  dun::testing::PrintMailServer provider(dir_, kApiKey);
  ASSERT_GT(provider.port(), 0);
  setenv("DUN_PRINT_MAIL_API_KEY", kApiKey, 1);
  write("dun.toml", std::string(kBaseConfig) +
                        "\n[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\"\n"
                        "\n[adapters.letter]\nkind = \"print_mail\"\nurl = \"" +
                        provider.url() + "\"\n");
  const CommandResult sync = dun("deliver --sync --date 2026-01-20");
  EXPECT_EQ(sync.exit_code, 0) << sync.out << sync.err;
  EXPECT_NE(sync.out.find("  sync: 3 sent actions of adapter letter (outbox) not tracked: that "
                          "adapter is no longer configured\n"),
            std::string::npos)
      << sync.out;
  EXPECT_EQ(sync.out.find("sync problem"), std::string::npos) << sync.out;
  EXPECT_TRUE(provider.requests().empty()) << "nothing asked of the new provider";

  // A letter the new adapter sends is tracked by it.
  ok("send --customer C2 --invoice I2 --template notice --channel letter --postage priority "
     "--date 2026-01-20");
  const CommandResult second = dun("deliver --sync --date 2026-01-21");
  EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("  sync: 1 sent action asked about"), std::string::npos) << second.out;
  const auto requests = provider.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(requests[0]["method"], "POST");
  EXPECT_EQ(requests[0]["body"]["postage"], "priority") << "the postage goes with the letter";
  EXPECT_EQ(requests[0]["body"]["color"], false);
  EXPECT_EQ(requests[1]["method"], "GET");
  unsetenv("DUN_PRINT_MAIL_API_KEY");
}

}  // namespace

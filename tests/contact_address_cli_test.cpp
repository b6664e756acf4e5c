// Contacts with a postal address and a language (data-model.md, contacts.csv): `letter … to
// contact("legal")` prints the contact's own address behind the envelope window (read back from
// the PDF with pdftotext, cropped to the window), falls back to the customer's address with a
// warning in the run summary when the contact has none, and the contact's language picks the
// template; `dun send --to contact:ROLE` does the same. Bad cells of the new columns are
// quarantined by line and column, from CSV and from SQLite alike.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

namespace fs = std::filesystem;

constexpr const char* kScenarios =
    "scenario legal \"formal notice to the legal department\"\n"
    "  step notice\n"
    "    at invoice.due_date + 7 days\n"
    "    letter standard \"notice\" to contact(\"legal\")\n"
    "end\n"
    "\n"
    "scenario mail \"email to the collection contact\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"notice\"\n"
    "end\n";

const std::string kCustomers =
    dun::testing::kCustomersCsvHeader +
    "C1,Acme SAS,en,FR,EUR,sme,legal,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",,\n"
    "C2,Globex GmbH,en,DE,EUR,sme,legal,ap@globex.example,\"Hauptstr. 1\n10115 Berlin\",,\n"
    "C3,Initech SA,en,FR,EUR,sme,mail,ap@initech.example,\"1 rue Haute\n69001 Lyon\",,\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C2,F-002,invoice,2026-01-01,2026-01-12,EUR,300.00,300.00,false,true,,\n"
    "I3,C3,F-003,invoice,2026-01-01,2026-01-12,EUR,50.00,50.00,false,true,,\n";

const std::string kContacts =
    "customer_id,name,email,phone,role,address,language\n"
    "C1,Maître Durand,durand@avocats.example,,legal,\"Cabinet Durand\n8 place Bellecour\n"
    "69002 Lyon\",fr\n"
    "C2,Rechtsabteilung,recht@globex.example,,legal,,\n"
    "C3,Giulia Rossi,giulia@initech.example,,collection,,it\n";

constexpr const char* kConfig =
    "[company]\nname = \"Our Company\"\naddress = \"1 Quay Street\\nDublin\"\n"
    "email = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\n\n"
    "[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\"\n\n"
    "[adapters.letter]\nkind = \"outbox\"\ndir = \"out/letters\"\nduplex = false\n\n"
    "[adapters.task]\nkind = \"agenda\"\n";

// The text pdftotext reads inside the DIN 5008 B address field (20 mm from the left, 45 mm from
// the top, 85 × 45 mm) of the first page.
std::string window_text(const fs::path& pdf) {
  const auto points = [](double mm) { return std::to_string(static_cast<int>(mm * 72 / 25.4)); };
  const auto result = dun::testing::run_command("pdftotext -f 1 -l 1 -x " + points(20) + " -y " +
                                                points(45) + " -W " + points(85) + " -H " +
                                                points(45) + " '" + pdf.string() + "' -");
  return result.out;
}

class ContactAddressCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_contact_address_");
    write("dun.toml", kConfig);
    write("scenarios/all.dun", kScenarios);
    write("templates/notice.en.txt",
          "Subject: Notice\n\nDear Sir or Madam,\n\n{items_list}\n\nPay within 8 days.\n");
    write("templates/notice.fr.txt",
          "Subject: Mise en demeure\n\nMadame, Monsieur,\n\n{items_list}\n\nPayez sous 8 "
          "jours.\n");
    write("templates/notice.it.txt",
          "Subject: Sollecito\n\nGentile cliente,\n\n{items_list}\n\nPaghi entro 8 giorni.\n");
    write("snapshot/customers.csv", kCustomers);
    write("snapshot/invoices.csv", kInvoices);
    write("snapshot/contacts.csv", kContacts);
  }

  // The letter PDF of the outbox whose text holds `needle`.
  fs::path letter_with(const std::string& needle) {
    for (const auto& entry : fs::recursive_directory_iterator(dir_ / "out" / "letters")) {
      if (entry.path().extension() != ".pdf" || entry.path().filename() == "batch.pdf") continue;
      const auto text = dun::testing::run_command("pdftotext '" + entry.path().string() + "' -");
      if (text.out.find(needle) != std::string::npos) return entry.path();
    }
    ADD_FAILURE() << "no letter in out/letters holds " << needle;
    return {};
  }
};

TEST_F(ContactAddressCli, ALetterToAContactGoesToItsAddressInItsLanguage) {
  const std::string summary = ok("run --date 2026-01-19");
  const fs::path pdf = letter_with("Maître Durand");
  ASSERT_FALSE(pdf.empty());
  const std::string window = window_text(pdf);
  EXPECT_NE(window.find("Maître Durand"), std::string::npos) << window;
  EXPECT_NE(window.find("8 place Bellecour"), std::string::npos) << window;
  EXPECT_NE(window.find("69002 Lyon"), std::string::npos) << window;
  EXPECT_EQ(window.find("rue de la Paix"), std::string::npos)
      << "the customer's address is not the contact's:\n"
      << window;
  const auto body = dun::testing::run_command("pdftotext '" + pdf.string() + "' -").out;
  EXPECT_NE(body.find("Madame, Monsieur,"), std::string::npos)
      << "the contact's language (fr) picks the template:\n"
      << body;
  EXPECT_EQ(summary.find("Maître Durand"), std::string::npos)
      << "no warning for a contact with an address:\n"
      << summary;
}

TEST_F(ContactAddressCli, AContactWithoutAnAddressFallsBackToTheCustomersWithAWarning) {
  const std::string summary = ok("run --date 2026-01-19");
  EXPECT_NE(summary.find("  warning: customer C2: the letter of step notice (legal) goes to the "
                         "customer's postal address: its recipient Rechtsabteilung (contact "
                         "role legal) has no address in the snapshot's contacts\n"),
            std::string::npos)
      << summary;
  const fs::path pdf = letter_with("Rechtsabteilung");
  ASSERT_FALSE(pdf.empty());
  const std::string window = window_text(pdf);
  EXPECT_NE(window.find("Rechtsabteilung"), std::string::npos) << window;
  EXPECT_NE(window.find("Hauptstr. 1"), std::string::npos) << window;
  EXPECT_NE(window.find("10115 Berlin"), std::string::npos) << window;
}

TEST_F(ContactAddressCli, TheCollectionContactsLanguagePicksTheEmailsTemplate) {
  ok("run --date 2026-01-19");
  std::string message;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "out" / "emails")) {
    if (entry.path().extension() == ".eml") message += dun::testing::slurp(entry.path());
  }
  EXPECT_NE(message.find("To: giulia@initech.example\r\n"), std::string::npos) << message;
  EXPECT_NE(message.find("Subject: Sollecito"), std::string::npos) << message;
}

TEST_F(ContactAddressCli, SendToAContactRoleUsesItsAddress) {
  ok("run --date 2026-01-13");  // the store; nothing is due yet
  ok("send --customer C1 --invoice I1 --template notice --channel letter --to contact:legal "
     "--date 2026-01-19");
  const fs::path pdf = letter_with("Maître Durand");
  ASSERT_FALSE(pdf.empty());
  EXPECT_NE(window_text(pdf).find("8 place Bellecour"), std::string::npos) << window_text(pdf);
  const auto body = dun::testing::run_command("pdftotext '" + pdf.string() + "' -").out;
  EXPECT_NE(body.find("Madame, Monsieur,"), std::string::npos) << body;
}

TEST_F(ContactAddressCli, BadAddressAndLanguageCellsAreQuarantined) {
  write("snapshot/contacts.csv",
        "customer_id,name,email,phone,role,address,language\n"
        "C1,Maître Durand,durand@avocats.example,,legal,,french\n"
        "C2,Rechtsabteilung,recht@globex.example,,legal,\"Hauptstr. 1\r\nBerlin\",\n");
  const std::string summary = ok("run --dry-run --date 2026-01-19");
  EXPECT_NE(summary.find("contacts.csv:2: language: 'french' is not an ISO 639-1 language code"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("contacts.csv:3: address:"), std::string::npos) << summary;
}

}  // namespace

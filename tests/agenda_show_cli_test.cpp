// `dun agenda show ID` on the real binary and a real state store: a confirm-task shows the email
// or letter it holds (golden files in tests/golden/cli/agenda_show_*.txt; DUN_UPDATE_GOLDEN=1
// rewrites them after a deliberate change), a manual task its text; --out writes the .eml or
// the PDF; mistakes are clear errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

const fs::path kGolden = fs::path(DUN_SOURCE_DIR) / "tests/golden/cli";

constexpr const char* kScenarios =
    "scenario mail \"email, confirmed\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"reminder\" grouped confirm\n"
    "end\n"
    "\n"
    "scenario post \"registered letter, confirmed\"\n"
    "  step notice\n"
    "    at invoice.due_date + 7 days\n"
    "    letter registered \"notice\" grouped confirm\n"
    "end\n"
    "\n"
    "scenario call \"a call\"\n"
    "  step call\n"
    "    at invoice.due_date + 7 days\n"
    "    task \"Call {customer.name} about invoice {invoice.number}\" due 3 days\n"
    "end\n";

const std::string kCustomers =
    dun::testing::kCustomersCsvHeader +
    "C1,Acme SAS,en,FR,EUR,sme,mail,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",,\n"
    "C2,Globex GmbH,en,DE,EUR,sme,post,ap@globex.example,\"Hauptstr. 1\n10115 Berlin\",,\n"
    "C3,Initech Ltd,en,GB,EUR,sme,call,ap@initech.example,\"1 Main St\nLondon\",,\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C1,F-002,invoice,2026-01-01,2026-01-12,EUR,80.00,80.00,false,true,,\n"
    "I3,C2,F-003,invoice,2026-01-01,2026-01-12,EUR,300.00,300.00,false,true,,\n"
    "I4,C3,F-004,invoice,2026-01-01,2026-01-12,EUR,50.00,50.00,false,true,,\n";

constexpr const char* kConfig =
    "[company]\nname = \"Our Company\"\naddress = \"1 Quay Street\\nDublin\"\n"
    "email = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\n\n"
    "[adapters.task]\nkind = \"agenda\"\n";

class AgendaShowCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_agenda_show_");
    write("dun.toml", kConfig);
    write("scenarios/all.dun", kScenarios);
    write("templates/reminder.en.txt",
          "Subject: Reminder: {total_overdue} overdue\n\nDear customer,\n\n{items_list}\n\n"
          "Please pay.\n");
    write("templates/notice.en.txt",
          "Subject: Formal notice\n\nDear Sir or Madam,\n\n{items_list}\n\nPay within 8 days.\n");
    write("snapshot/customers.csv", kCustomers);
    write("snapshot/invoices.csv", kInvoices);
    ok("run --date 2026-01-19");
  }

  // The id of the task of `customer`, from `dun agenda list`.
  std::string task_of(const std::string& customer) {
    std::istringstream lines(ok("agenda list"));
    for (std::string line; std::getline(lines, line);) {
      if (line.find("  " + customer + " ") == std::string::npos) continue;
      std::istringstream words(line);
      std::string id;
      words >> id;
      return id;
    }
    ADD_FAILURE() << "no task for " << customer;
    return "0";
  }
};

TEST_F(AgendaShowCli, ConfirmTaskShowsTheEmailToConfirm) {
  expect_golden(kGolden / "agenda_show_email.txt",
                ok("agenda show " + task_of("C1") + " --date 2026-01-19"));
}

TEST_F(AgendaShowCli, ConfirmTaskShowsTheLetterToConfirm) {
  expect_golden(kGolden / "agenda_show_letter.txt",
                ok("agenda show " + task_of("C2") + " --date 2026-01-19"));
}

TEST_F(AgendaShowCli, ManualTaskShowsItsText) {
  expect_golden(kGolden / "agenda_show_task.txt", ok("agenda show " + task_of("C3")));
}

TEST_F(AgendaShowCli, OutWritesTheEmlOrThePdf) {
  ok("agenda show " + task_of("C1") + " --date 2026-01-19 --out reminder.eml");
  const std::string eml = dun::testing::slurp(dir_ / "reminder.eml");
  EXPECT_NE(eml.find("\r\nTo: ap@acme.example\r\n"), std::string::npos) << eml;
  EXPECT_NE(eml.find("\r\nSubject: =?UTF-8?B?UmVtaW5kZXI6IOKCrDIwMC4wMCBvdmVyZHVl?=\r\n"),
            std::string::npos)
      << eml;

  const std::string out = ok("agenda show " + task_of("C2") + " --date 2026-01-19 --out n.pdf");
  EXPECT_NE(out.find("wrote n.pdf"), std::string::npos) << out;
  FILE* pipe = popen(("pdftotext '" + (dir_ / "n.pdf").string() + "' - 2>&1").c_str(), "r");
  std::string text;
  char buffer[4096];
  for (std::size_t n; pipe != nullptr && (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    text.append(buffer, n);
  }
  if (pipe != nullptr) pclose(pipe);
  EXPECT_NE(text.find("Globex GmbH"), std::string::npos) << text;
  EXPECT_NE(text.find("Formal notice"), std::string::npos) << text;
}

TEST_F(AgendaShowCli, MistakesAreClearErrors) {
  CommandResult result = dun("agenda show 999");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "dun agenda: no task 999 in the agenda (see `dun agenda list --all`)\n");

  result = dun("agenda show twelve");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("task ID 'twelve' is not a number"), std::string::npos) << result.err;

  result = dun("agenda show " + task_of("C3") + " --out task.pdf");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("is a manual task: it has no document"), std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(dir_ / "task.pdf"));

  result = dun("agenda show");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("show needs the task ID"), std::string::npos) << result.err;

  result = dun("agenda list --out x.eml");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("go with `dun agenda show ID`"), std::string::npos) << result.err;

  result = dun("agenda show " + task_of("C1") + " --snapshot missing");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("missing"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("pass --snapshot PATH"), std::string::npos) << result.err;
}

}  // namespace

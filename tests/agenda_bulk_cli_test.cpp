// `dun agenda` at scale on the real binary and a real state store: the list's filters, confirm /
// cancel / complete of several tasks (by ids or by a filter) in one transaction with --by in the
// history, all or nothing with every refused task named, and `dun agenda print` writing the
// selected letters as one duplex PDF without confirming them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

using dun::testing::CommandResult;

std::string pdfinfo(const std::filesystem::path& pdf) {
  std::string text;
  FILE* pipe = popen(("pdfinfo \"" + pdf.string() + "\" 2>&1").c_str(), "r");
  if (pipe == nullptr) return text;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  pclose(pipe);
  return text;
}

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

const std::string kCollectors =
    "id,name,email,phone\n"
    "K1,anna,anna@ourco.example,\n"
    "K2,bob,bob@ourco.example,\n";

const std::string kCustomers =
    dun::testing::kCustomersCsvHeader +
    "C1,Acme SAS,en,FR,EUR,sme,mail,ap@acme.example,\"12 rue de la Paix\n75002 Paris\",K1,\n"
    "C2,Globex GmbH,en,DE,EUR,sme,post,ap@globex.example,\"Hauptstr. 1\n10115 Berlin\",K1,\n"
    "C3,Initech Ltd,en,GB,EUR,sme,call,ap@initech.example,\"1 Main St\nLondon\",K2,\n"
    "C4,Umbrella Corp,en,GB,EUR,sme,post,ap@umbrella.example,\"2 High St\nLeeds\",K2,\n"
    "C5,Hooli Inc,en,GB,EUR,sme,post,ap@hooli.example,\"3 Low St\nYork\",K1,\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C2,F-002,invoice,2026-01-01,2026-01-12,EUR,300.00,300.00,false,true,,\n"
    "I3,C3,F-003,invoice,2026-01-01,2026-01-12,EUR,50.00,50.00,false,true,,\n"
    "I4,C4,F-004,invoice,2026-01-01,2026-01-12,EUR,80.00,80.00,false,true,,\n"
    "I5,C5,F-005,invoice,2026-01-01,2026-01-12,EUR,90.00,90.00,false,true,,\n";

constexpr const char* kConfig =
    "[company]\nname = \"Our Company\"\naddress = \"1 Quay Street\\nDublin\"\n"
    "email = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\n\n"
    "[adapters.task]\nkind = \"agenda\"\n";

class AgendaBulkCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_agenda_bulk_");
    write("dun.toml", kConfig);
    write("scenarios/all.dun", kScenarios);
    write("templates/reminder.en.txt",
          "Subject: Reminder: {total_overdue} overdue\n\nDear customer,\n\n{items_list}\n");
    write("templates/notice.en.txt",
          "Subject: Formal notice\n\nDear Sir or Madam,\n\n{items_list}\n\nPay within 8 days.\n");
    write("snapshot/collectors.csv", kCollectors);
    write("snapshot/customers.csv", kCustomers);
    write("snapshot/invoices.csv", kInvoices);
    ok("run --date 2026-01-19");
    for (const auto& task : list("--all"))
      ids_[task["customer"].get<std::string>()] = std::to_string(task["id"].get<long long>());
    ASSERT_EQ(ids_.size(), 5U);
  }

  nlohmann::json list(const std::string& flags) {
    return nlohmann::json::parse(ok("agenda list --json " + flags));
  }
  // The customers of the tasks `flags` select, in id order.
  std::string customers(const std::string& flags) {
    std::string out;
    for (const auto& task : list(flags)) out += task["customer"].get<std::string>() + " ";
    return out;
  }
  std::string status_of(const std::string& customer) {
    return list("--all --customer " + customer)[0]["status"].get<std::string>();
  }

  std::map<std::string, std::string> ids_;  // customer -> its task id
};

TEST_F(AgendaBulkCli, ListFiltersSelectByCustomerAssigneeStepScenarioKindAndDates) {
  EXPECT_EQ(customers(""), "C1 C2 C3 C4 C5 ");
  EXPECT_EQ(customers("--customer C2"), "C2 ");
  EXPECT_EQ(customers("--assignee bob"), "C3 C4 ");
  EXPECT_EQ(customers("--step notice"), "C2 C4 C5 ");
  EXPECT_EQ(customers("--scenario mail"), "C1 ");
  EXPECT_EQ(customers("--kind task"), "C3 ");
  EXPECT_EQ(customers("--kind confirm --assignee anna --step notice"), "C2 C5 ");
  EXPECT_EQ(customers("--created-before 2026-01-19"), "");
  EXPECT_EQ(customers("--created-before 2026-01-20"), "C1 C2 C3 C4 C5 ");
  EXPECT_EQ(customers("--created-after 2026-01-18"), "C1 C2 C3 C4 C5 ");
  EXPECT_EQ(customers("--created-after 2026-01-19"), "");
  const CommandResult bad_kind = dun("agenda list --kind letter");
  EXPECT_EQ(bad_kind.exit_code, 2);
  EXPECT_NE(bad_kind.err.find("--kind 'letter' is not a task kind: use confirm or task"),
            std::string::npos)
      << bad_kind.err;
  const CommandResult bad_date = dun("agenda list --created-after 19/01/2026");
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("--created-after '19/01/2026' is not a date: use YYYY-MM-DD"),
            std::string::npos)
      << bad_date.err;
}

TEST_F(AgendaBulkCli, ConfirmSeveralIdsRecordsWhoInTheHistory) {
  const std::string out =
      ok("agenda confirm " + ids_["C2"] + " " + ids_["C4"] + " --by anna --date 2026-01-20");
  EXPECT_NE(out.find("task " + ids_["C2"] + " confirmed on 2026-01-20 by anna"), std::string::npos)
      << out;
  EXPECT_NE(out.find("task " + ids_["C4"] + " confirmed on 2026-01-20 by anna"), std::string::npos)
      << out;
  EXPECT_NE(out.find("2 tasks confirmed"), std::string::npos) << out;
  EXPECT_EQ(status_of("C2"), "confirmed");
  EXPECT_EQ(status_of("C4"), "confirmed");
  EXPECT_EQ(status_of("C5"), "open");
  const std::string history = ok("history I4");
  EXPECT_NE(history.find("task " + ids_["C4"] + " by anna"), std::string::npos) << history;
}

TEST_F(AgendaBulkCli, OneRefusedTaskChangesNothingAndEveryRefusalIsNamed) {
  ok("agenda cancel " + ids_["C2"] + " --by bob --date 2026-01-20");
  const CommandResult refused = dun("agenda confirm " + ids_["C2"] + " " + ids_["C4"] + " " +
                                    ids_["C3"] + " --by anna --date 2026-01-20");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("nothing was changed: 2 of 3 tasks cannot be closed"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("task " + ids_["C2"] + " is already cancelled (2026-01-20 by bob)"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("task " + ids_["C3"] + " is a manual task"), std::string::npos)
      << refused.err;
  EXPECT_EQ(status_of("C4"), "open") << "the valid task of the batch must not be confirmed";
  EXPECT_EQ(ok("history I4").find("task_confirmed"), std::string::npos);

  const CommandResult unknown = dun("agenda cancel 999 " + ids_["C4"]);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("there is no task 999 in the agenda (nothing was changed)"),
            std::string::npos)
      << unknown.err;
  EXPECT_EQ(status_of("C4"), "open");
}

TEST_F(AgendaBulkCli, AFilterConfirmsConfirmTasksAndCompletesManualTasks) {
  const std::string confirmed = ok("agenda confirm --assignee anna --by anna --date 2026-01-20");
  EXPECT_NE(confirmed.find("3 tasks confirmed"), std::string::npos) << confirmed;
  EXPECT_EQ(customers(""), "C3 C4 ");
  const std::string completed = ok("agenda complete --assignee bob --by bob --date 2026-01-21");
  EXPECT_NE(completed.find("task " + ids_["C3"] + " completed on 2026-01-21 by bob"),
            std::string::npos)
      << completed;
  EXPECT_EQ(customers(""), "C4 ") << "complete with a filter takes manual tasks only";
  const std::string none = ok("agenda cancel --customer C1");
  EXPECT_NE(none.find("no open task matches the filter: nothing to cancel"), std::string::npos)
      << none;
}

TEST_F(AgendaBulkCli, MistakesAreUsageErrors) {
  const CommandResult both = dun("agenda confirm " + ids_["C2"] + " --customer C2");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("confirm takes task IDs or a filter, not both"), std::string::npos)
      << both.err;
  const CommandResult neither = dun("agenda cancel");
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("cancel needs task IDs or a filter"), std::string::npos)
      << neither.err;
  const CommandResult by_on_list = dun("agenda list --by anna");
  EXPECT_EQ(by_on_list.exit_code, 2);
  EXPECT_NE(by_on_list.err.find("--by goes with confirm, complete or cancel"), std::string::npos);
  const CommandResult print_without_out = dun("agenda print " + ids_["C2"]);
  EXPECT_EQ(print_without_out.exit_code, 2);
  EXPECT_NE(print_without_out.err.find("print needs --out FILE.pdf"), std::string::npos);
}

TEST_F(AgendaBulkCli, PrintWritesTheSelectedLettersAsOneDuplexPdfAndConfirmsNothing) {
  const std::string out = ok("agenda print --step notice --out batch.pdf --date 2026-01-19");
  EXPECT_NE(out.find("wrote batch.pdf: 3 letters"), std::string::npos) << out;
  EXPECT_NE(out.find("stay open"), std::string::npos) << out;
  // pdfinfo counts the pages dun reports; each letter starts on an odd page, so every letter
  // takes an even number of pages: at least 6 for 3 letters.
  const std::string info = pdfinfo(dir_ / "batch.pdf");
  const std::size_t pages_at = out.find(" letters, ") + 10;
  const int pages = std::stoi(out.substr(pages_at));
  const std::size_t info_at = info.find("Pages:");
  ASSERT_NE(info_at, std::string::npos) << info;
  EXPECT_EQ(std::stoi(info.substr(info_at + 6)), pages) << info << out;
  EXPECT_EQ(pages % 2, 0);
  EXPECT_GE(pages, 6);
  EXPECT_EQ(customers("--step notice"), "C2 C4 C5 ") << "printing confirms nothing";

  const std::string two =
      ok("agenda print " + ids_["C2"] + " " + ids_["C5"] + " --out two.pdf --date 2026-01-19");
  EXPECT_NE(two.find("wrote two.pdf: 2 letters"), std::string::npos) << two;

  const CommandResult email = dun("agenda print " + ids_["C1"] + " --out x.pdf");
  EXPECT_EQ(email.exit_code, 1);
  EXPECT_NE(email.err.find("task " + ids_["C1"] + " holds no letter (an email)"), std::string::npos)
      << email.err;
}

}  // namespace

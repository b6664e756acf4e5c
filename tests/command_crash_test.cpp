// Crash safety of the commands that follow a run (docs/reliability.md): the real `dun` is killed
// (SIGKILL) at each commit point of a delivery pass through the letter outbox, of `dun agenda
// confirm`, of `dun send` and of `dun runs undo` (engine/base/fault_hook.hpp's
// kCommandFaultPoints), the command is run again, and every table of the state store must then
// equal that of a folder where the command never crashed — runs, sequences, step events, events,
// actions (status and delivery columns), tasks, quarantine, overrides, action_documents, the runs'
// undo logs — and every letter must be in exactly one batch, with no temporary file left behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/background_dun.hpp"
#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"
#include "tests/sqlite_rows.hpp"

namespace {

namespace fs = std::filesystem;

constexpr int kCustomers = 6;

constexpr const char* kScenario =
    "scenario s \"letters, then a confirmed email\"\n"
    "  step notice\n"
    "    at invoice.due_date + 7 days\n"
    "    letter standard \"notice\"\n"
    "  step confirmed\n"
    "    at notice + 7 days\n"
    "    email \"notice\" confirm\n"
    "end\n";

std::string customers_csv() {
  std::string csv = dun::testing::kCustomersCsvHeader;
  for (int n = 1; n <= kCustomers; ++n) {
    const std::string id = "C" + std::to_string(n);
    csv += id + ",Customer " + id + ",en,FR,EUR,sme,,ap@" + id + ".example,\"" + std::to_string(n) +
           " rue de la Paix\n75002 Paris\",,\n";
  }
  return csv;
}

std::string invoices_csv() {
  std::string csv = dun::testing::kInvoicesCsvHeader;
  for (int n = 1; n <= kCustomers; ++n) {
    csv += "I" + std::to_string(n) + ",C" + std::to_string(n) + ",F-" + std::to_string(n) +
           ",invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n";
  }
  return csv;
}

std::string config(bool letter_adapter) {
  std::string text =
      "[company]\nname = \"Our Company\"\naddress = \"1 Quay Street\\nDublin\"\n"
      "email = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
      "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
      "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
      "[adapters.task]\nkind = \"agenda\"\n\n"
      "[store]\nlock_wait_seconds = 0\n";
  if (letter_adapter) text += "\n[adapters.letter]\nkind = \"outbox\"\ndir = \"letters\"\n";
  return text;
}

// Every table, whole, except what only says when or how often (times, attempts, errors of
// interrupted attempts): what a crash may change without anything being lost or done twice.
const std::vector<std::string> kTables = {
    "SELECT run_date, outcome, actions, events, tasks, quarantined FROM runs ORDER BY id",
    "SELECT * FROM sequences ORDER BY invoice_id",
    "SELECT * FROM step_events ORDER BY invoice_id, scenario, step",
    "SELECT invoice_id, customer_id, event_date, kind FROM events WHERE kind <> 'delivery' "
    "ORDER BY invoice_id, event_date, kind, detail",
    "SELECT id, channel, status, status_on, invoices, tracking, proof_path, in_flight FROM actions "
    "ORDER BY id",
    "SELECT id, kind, status, action_id, note FROM tasks ORDER BY id",
    "SELECT * FROM quarantine ORDER BY 1, 2",
    "SELECT * FROM overrides ORDER BY 1, 2",
    "SELECT action_id, content_type FROM action_documents ORDER BY action_id",
    "SELECT count(*) FROM jsonl_outbox",
    "SELECT * FROM run_undo ORDER BY run_id",
    "SELECT run_id, existed, invoice_id FROM undo_sequences ORDER BY 1, 3",
    "SELECT run_id, existed, invoice_id, step FROM undo_step_events ORDER BY 1, 3, 4",
    "SELECT run_id, existed, id FROM undo_actions ORDER BY 1, 3",
};

struct Case {
  std::string point;
  std::string command;  // run again after the crash
};

class CommandCrash : public dun::testing::CliFolderTest,
                     public ::testing::WithParamInterface<Case> {
 protected:
  void SetUp() override { make_folder("dun_command_crash_"); }

  // A folder with a run's letters queued (no letter adapter yet) and the adapter then added; for
  // the agenda and send, the letters delivered and the confirm step's tasks created.
  void prepare(const fs::path& folder, const std::string& point) {
    fs::create_directories(folder);
    const fs::path saved = dir_;
    dir_ = folder;
    write("dun.toml", config(false));
    write("scenarios/s.dun", kScenario);
    write("templates/notice.en.txt", "Subject: Notice\n\nDear customer,\n\nPlease pay.\n");
    write("snapshot/customers.csv", customers_csv());
    write("snapshot/invoices.csv", invoices_csv());
    ok("run --date 2026-01-20");
    if (point.rfind("undo:", 0) == 0) {
      ok("run --date 2026-01-27");  // nothing of it delivered: it can be undone
      dir_ = saved;
      return;
    }
    write("dun.toml", config(true));
    if (point.rfind("agenda:", 0) == 0 || point.rfind("send:", 0) == 0) {
      ok("deliver --date 2026-01-20");
      ok("run --date 2026-01-27");
    }
    dir_ = saved;
  }

  std::vector<std::string> tables(const fs::path& folder) {
    std::vector<std::string> content;
    for (const std::string& query : kTables) {
      for (const std::string& row : dun::testing::table_rows(folder / "dun.db", query)) {
        content.push_back(query.substr(0, 40) + " → " + row);
      }
    }
    return content;
  }

  // Every letter PDF of the folder in exactly one batch that exists; no temporary file.
  void expect_each_letter_in_one_batch(const fs::path& letters) {
    std::set<std::string> pdfs;
    for (const auto& entry : fs::directory_iterator(letters)) {
      const std::string name = entry.path().filename().string();
      EXPECT_NE(name[0], '.') << "a temporary file left: " << name;
      if (name.ends_with(".pdf") && !name.starts_with("batch-")) pdfs.insert(name);
    }
    EXPECT_GE(pdfs.size(), static_cast<std::size_t>(kCustomers));
    std::map<std::string, int> batches_of;
    const std::string index = dun::testing::slurp(letters / "batches.csv");
    std::istringstream lines(index);
    std::string line;
    std::getline(lines, line);  // the header
    for (; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto comma = line.find(',');
      ASSERT_NE(comma, std::string::npos) << line;
      const std::string batch = line.substr(0, comma);
      EXPECT_TRUE(fs::exists(letters / batch)) << batch << " is named but missing";
      EXPECT_EQ(dun::testing::slurp(letters / batch).rfind("%PDF", 0), 0U) << batch;
      ++batches_of[line.substr(comma + 1)];
    }
    for (const std::string& pdf : pdfs) EXPECT_EQ(batches_of[pdf], 1) << pdf << "\n" << index;
  }
};

TEST_P(CommandCrash, ACommandKilledAtACommitPointAndRunAgainEqualsOneNeverKilled) {
  const Case& test_case = GetParam();
  const fs::path reference = dir_ / "reference";
  const fs::path crashed = dir_ / "crashed";
  prepare(reference, test_case.point);
  prepare(crashed, test_case.point);
  const std::string args = test_case.command;

  const dun::testing::CommandResult once = dun::testing::run_dun(reference, args);
  ASSERT_EQ(once.exit_code, 0) << once.out << once.err;

  std::vector<std::string> argv;
  std::istringstream words(args);
  for (std::string word; words >> word;) argv.push_back(word);
  {
    dun::testing::BackgroundDun killed(crashed, argv, test_case.point, 300);
    ASSERT_TRUE(killed.wait_until_paused())
        << test_case.point << " never reached: " << dun::testing::slurp(crashed / "background.err");
    killed.kill();
  }
  // Run again: it finishes what the killed one left. (A confirmation or a reminder committed
  // before the kill is refused as already done, which leaves the store as it is.) Then a delivery
  // pass on the command's date in both folders: what the killed command had not delivered goes
  // now (a letter handed over when the process died is an unknown outcome the outbox retries).
  dun::testing::run_dun(crashed, args);
  const std::string date = args.substr(args.rfind(' ') + 1);
  for (const fs::path& folder : {reference, crashed}) {
    dun::testing::run_dun(folder, "deliver --date " + date);
  }
  EXPECT_EQ(tables(crashed), tables(reference));
  if (fs::exists(crashed / "letters")) {
    expect_each_letter_in_one_batch(crashed / "letters");
    expect_each_letter_in_one_batch(reference / "letters");
  }
}

std::vector<Case> cases() {
  const std::string send =
      "send --customer C1 --invoice I1 --template notice --channel letter --date 2026-01-27";
  return {
      {"delivery:after-begin", "deliver --date 2026-01-20"},
      {"delivery:after-deliver", "deliver --date 2026-01-20"},
      {"delivery:after-finish", "deliver --date 2026-01-20"},
      {"letters:before-batch", "deliver --date 2026-01-20"},
      {"agenda:before-commit", "agenda confirm 1 --date 2026-01-27"},
      {"agenda:after-commit", "agenda confirm 1 --date 2026-01-27"},
      {"send:before-commit", send},
      {"send:after-commit", send},
      {"undo:before-commit", "runs undo 2026-01-27"},
      {"undo:after-commit", "runs undo 2026-01-27"},
  };
}

INSTANTIATE_TEST_SUITE_P(EveryCommandCommitPoint, CommandCrash, ::testing::ValuesIn(cases()),
                         [](const auto& case_info) {
                           std::string name = case_info.param.point;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace

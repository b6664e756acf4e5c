// The collector's verbs as users run them, on the real `dun` binary and a real state store:
// `dun history`, `dun status`, and the overrides (assign, optout, optin, pause, resume) — their
// effect, their history events, their refusals with a "did you mean", and the message before
// the first run. The rendered history and dashboard of a fixed portfolio are golden files in
// tests/golden/cli/ (DUN_UPDATE_GOLDEN=1 rewrites them after a deliberate change).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

const fs::path kGolden = fs::path(DUN_SOURCE_DIR) / "tests/golden/cli";

constexpr const char* kScenario =
    "scenario s \"standard\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "  step second\n"
    "    at first + 10 days\n"
    "    email \"second_reminder\"\n"
    "end\n"
    "\n"
    "scenario firm \"firm\"\n"
    "  step first\n"
    "    at invoice.due_date + 3 days\n"
    "    email \"first_reminder\"\n"
    "end\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C1,F-002,invoice,2026-01-01,2026-01-20,EUR,80.00,80.00,false,true,,\n"
    "I3,C2,F-003,invoice,2026-01-01,2026-01-05,EUR,300.00,300.00,false,true,,\n";

constexpr const char* kConfig =
    "[company]\nname = \"Our Company\"\nlanguage = \"en\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
    // No email or letter adapter: the actions stay queued, so the goldens show the history of
    // the collector's verbs whatever adapters this build has (delivery: delivery_cli_test).
    "[adapters.task]\nkind = \"agenda\"\n";

class CollectorCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_collector_cli_");
    write("dun.toml", kConfig);
    write("scenarios/standard.dun", kScenario);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n");
    write("templates/second_reminder.en.txt", "Subject: Second reminder\n\nPlease pay now.\n");
    write("snapshot/customers.csv", dun::testing::kTwoCustomersCsv);
    write("snapshot/invoices.csv", kInvoices);
  }

  // The fixed story of the golden files: a first run, a collector pauses I1 and opts I3 out,
  // a second run.
  void play_story() {
    ok("run --date 2026-01-19");
    ok("pause I1 --until 2026-01-31 --date 2026-01-20 --by anna");
    ok("optout I3 --date 2026-01-20 --by anna");
    ok("run --date 2026-01-27");
  }
};

TEST_F(CollectorCli, EveryVerbSaysToRunFirstBeforeTheStoreExists) {
  for (const char* args :
       {"history I1", "history --customer C1", "status", "assign C1 firm", "optout I1", "optin I1",
        "pause I1 --until 2026-02-01 --date 2026-01-20", "resume I1"}) {
    const CommandResult result = dun(args);
    EXPECT_EQ(result.exit_code, 1) << args;
    EXPECT_NE(result.err.find("no state store at dun.db yet: run `dun run` first"),
              std::string::npos)
        << args << ": " << result.err;
  }
}

TEST_F(CollectorCli, HistoryOfAnInvoiceIsGolden) {
  play_story();
  expect_golden(kGolden / "history_I1.txt", ok("history I1"));
}

TEST_F(CollectorCli, HistoryOfACustomerAsJsonIsGolden) {
  play_story();
  expect_golden(kGolden / "history_C1.json", ok("history --customer C1 --json"));
}

TEST_F(CollectorCli, StatusIsGolden) {
  play_story();
  expect_golden(kGolden / "status.txt", ok("status"));
  expect_golden(kGolden / "status_C1.json", ok("status --customer C1 --json"));
}

TEST_F(CollectorCli, PauseHoldsThroughItsDateThenResumes) {
  play_story();
  // 2026-01-29: second of I1 is due, but the pause holds through 2026-01-31.
  ok("run --date 2026-01-31");
  EXPECT_EQ(ok("history I1").find("second_reminder"), std::string::npos);
  ok("run --date 2026-02-01");
  const std::string history = ok("history I1");
  EXPECT_NE(history.find("resumed"), std::string::npos) << history;
  EXPECT_NE(history.find("2026-02-01  step_fired      second"), std::string::npos) << history;
}

TEST_F(CollectorCli, ResumeEndsThePauseAndIsRecorded) {
  play_story();
  EXPECT_NE(ok("resume I1 --date 2026-01-28 --by anna").find("resumed"), std::string::npos);
  ok("run --date 2026-01-29");
  const std::string history = ok("history I1");
  EXPECT_NE(history.find("resume by anna (dun resume)"), std::string::npos) << history;
  EXPECT_NE(history.find("2026-01-29  step_fired      second"), std::string::npos) << history;
  // Nothing left to resume: said, not recorded.
  EXPECT_NE(ok("resume I1 --date 2026-01-29").find("nothing changed"), std::string::npos);
  EXPECT_EQ(ok("history I1").find("2026-01-29  override"), std::string::npos);
}

TEST_F(CollectorCli, OptinReopensTheSequence) {
  play_story();
  ok("optin I3 --date 2026-01-28 --by anna");
  ok("run --date 2026-01-29");
  const std::string history = ok("history I3");
  EXPECT_NE(history.find("optin by anna"), std::string::npos) << history;
  EXPECT_NE(history.find("2026-01-29  reopened"), std::string::npos) << history;
  EXPECT_NE(ok("optin I3").find("is not opted out; nothing changed"), std::string::npos);
}

TEST_F(CollectorCli, AssignWinsOverTheSnapshotAndIsACustomerEvent) {
  ok("run --date 2026-01-13");
  EXPECT_NE(ok("assign C2 firm --date 2026-01-14 --by anna").find("assigned to firm"),
            std::string::npos);
  ok("run --date 2026-01-14");
  const std::string history = ok("history --customer C2");
  EXPECT_NE(history.find("override        -             assign firm by anna"), std::string::npos)
      << history;
  EXPECT_NE(history.find("reassigned to firm"), std::string::npos) << history;
  EXPECT_NE(ok("status --customer C2").find("firm (on)"), std::string::npos);
  ok("assign C2 none --date 2026-01-15");
  EXPECT_NE(ok("status --customer C2 --date 2026-01-15").find("off: customer assigned to none"),
            std::string::npos);
  EXPECT_NE(ok("assign C2 --clear --date 2026-01-15").find("assignment cleared"),
            std::string::npos);
  // The snapshot's empty column again: the default scenario.
  EXPECT_NE(ok("status --customer C2 --date 2026-01-15").find("  s (on)"), std::string::npos);
}

TEST_F(CollectorCli, UnknownIdsAreRefusedWithTheClosestOne) {
  ok("run --date 2026-01-19");
  CommandResult result = dun("pause I4 --until 2026-02-01 --date 2026-01-20");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("no invoice 'I4' in the snapshot snapshot; did you mean 'I1'?"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("--force"), std::string::npos);
  result = dun("assign C3 firm");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("did you mean 'C1'?"), std::string::npos) << result.err;
  result = dun("assign C1 frim");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("no scenario 'frim' in scenarios; did you mean 'firm'?"),
            std::string::npos)
      << result.err;
  result = dun("history I4");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("did you mean 'I1'?"), std::string::npos) << result.err;
  result = dun("status --customer C3");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("did you mean 'C1'?"), std::string::npos) << result.err;
  // --force records an id the snapshot does not have yet (an invoice about to be exported).
  EXPECT_NE(ok("optout I4 --force --date 2026-01-20").find("opted out"), std::string::npos);
  EXPECT_NE(ok("history I4").find("optout by"), std::string::npos);
}

TEST_F(CollectorCli, UsageErrorsExitWithTwo) {
  ok("run --date 2026-01-19");
  for (const char* args :
       {"pause I1", "pause I1 --until 2026-01-10 --date 2026-01-20", "pause I1 --until someday",
        "assign C1", "optout", "history", "history I1 --customer C1", "resume I1 I2"}) {
    const CommandResult result = dun(args);
    EXPECT_EQ(result.exit_code, 2) << args << ": " << result.err;
    EXPECT_NE(result.err.find("--help"), std::string::npos) << args << ": " << result.err;
  }
}

}  // namespace

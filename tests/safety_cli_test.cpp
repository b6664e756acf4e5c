// The run's refusals that protect a state store from an operator's slip, through the real `dun`
// binary (docs/reliability.md): a default scenario or a collector's assignment that names no
// scenario, a date far ahead, a date before the last run, --strict with a bad row; and a dry run
// on a new date, which writes nothing. Each refusal leaves the store and the jsonl file as they
// were.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"
#include "tests/sqlite_rows.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

constexpr const char* kScenarios =
    "scenario standard_b2b \"standard\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "  step second\n"
    "    at first + 7 days\n"
    "    email \"first_reminder\"\n"
    "end\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C2,F-002,invoice,2026-01-01,2026-01-10,EUR,80.00,80.00,false,true,,\n";

std::string config(const std::string& default_scenario) {
  return "[company]\nname = \"Our Company\"\nemail = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
         "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
         "templates = \"templates\"\ndefault_scenario = \"" +
         default_scenario + "\"\n";
}

class SafetyCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_safety_cli_");
    write("dun.toml", config("standard_b2b"));
    write("scenarios/standard.dun", kScenarios);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n");
    write("snapshot/customers.csv", dun::testing::kTwoCustomersCsv);
    write("snapshot/invoices.csv", kInvoices);
  }

  // Every table a run writes, whole.
  std::vector<std::string> store_content() {
    std::vector<std::string> content;
    for (const char* table : {"runs", "sequences", "step_events", "events", "actions", "tasks",
                              "quarantine", "overrides", "jsonl_outbox"}) {
      for (const std::string& row :
           dun::testing::table_rows(dir_ / "dun.db", std::string("SELECT * FROM ") + table)) {
        content.push_back(std::string(table) + ": " + row);
      }
    }
    return content;
  }
};

TEST_F(SafetyCli, AnUnknownDefaultScenarioStopsTheRunBeforeAnyWrite) {
  write("dun.toml", config("standard_b2c"));
  const CommandResult run = dun("run --date 2026-01-20 --jsonl actions.jsonl");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("dun run: [engine] default_scenario names 'standard_b2c', which is not a "
                         "scenario (the scenarios are: standard_b2b): fix dun.toml, nothing was "
                         "run or written; did you mean 'standard_b2b'?"),
            std::string::npos)
      << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "dun.db"));
  EXPECT_FALSE(fs::exists(dir_ / "actions.jsonl"));
}

TEST_F(SafetyCli, AnAssignmentToAnUnknownScenarioStopsTheRun) {
  write("scenarios/gentle.dun",
        "scenario gentle \"gentle\"\n  step first\n    at invoice.due_date + 30 days\n"
        "    email \"first_reminder\"\nend\n");
  ok("run --date 2026-01-20");
  ok("assign C1 gentle --date 2026-01-20");
  fs::remove(dir_ / "scenarios/gentle.dun");  // renamed or removed since
  const auto before = store_content();
  const CommandResult run = dun("run --date 2026-01-27");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("dun run: the assignment of customer C1 (dun assign) names 'gentle', "
                         "which is not a scenario (the scenarios are: standard_b2b)"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("`dun assign C1 SCENARIO|none`"), std::string::npos) << run.err;
  EXPECT_EQ(store_content(), before) << "nothing written";
}

// Today's date by the UTC clock, as dun prints it.
std::string today_text() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day date{days};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(date.year()), unsigned(date.month()),
                unsigned(date.day()));
  return text;
}

TEST_F(SafetyCli, ADateFarAheadNeedsAllowDate) {
  const CommandResult refused = dun("run --date 2062-04-15");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("dun run: --date 2062-04-15 is "), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(" days after " + today_text() +
                             " (the later of today and the last completed run)"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("a run date more than [safety] max_date_skew_days (7) ahead needs "
                             "--allow-date"),
            std::string::npos)
      << refused.err;
  EXPECT_FALSE(fs::exists(dir_ / "dun.db")) << "nothing opened";
  EXPECT_NE(ok("run --date 2062-04-15 --allow-date").find("dun run 2062-04-15"), std::string::npos);

  // The skew counts from the last completed run when it is later than today: runs that step
  // day by day past today need no flag, a jump from the last run does.
  EXPECT_EQ(dun("run --date 2062-04-20").exit_code, 0) << "5 days after the last run";
  const CommandResult jump = dun("run --date 2062-05-30");
  EXPECT_EQ(jump.exit_code, 1);
  EXPECT_NE(jump.err.find("--date 2062-05-30 is 40 days after 2062-04-20 (the later of today and "
                          "the last completed run)"),
            std::string::npos)
      << jump.err;
  write("dun.toml", config("standard_b2b") + "\n[safety]\nmax_date_skew_days = 36500\n");
  EXPECT_EQ(dun("run --date 2062-05-30").exit_code, 0) << "within the configured skew";
}

TEST_F(SafetyCli, AnEarlierDateThanTheLastRunIsRefused) {
  ok("run --date 2026-01-20");
  const auto before = store_content();
  const CommandResult earlier = dun("run --date 2026-01-19");
  EXPECT_EQ(earlier.exit_code, 1);
  EXPECT_NE(earlier.err.find("dun run: the run date 2026-01-19 is before the last completed run "
                             "(2026-01-20): runs move forward in time; use `dun simulate` to "
                             "look at other dates"),
            std::string::npos)
      << earlier.err;
  EXPECT_EQ(store_content(), before);
}

TEST_F(SafetyCli, StrictWithABadRowEmitsNothing) {
  write("snapshot/invoices.csv",
        kInvoices + "I3,C1,F-003,invoice,2026-01-01,not-a-date,EUR,10.00,10.00,false,true,,\n");
  const CommandResult strict = dun("run --date 2026-01-20 --strict --jsonl actions.jsonl");
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("strict mode: 1 bad row in the snapshot, nothing loaded"),
            std::string::npos)
      << strict.err;
  EXPECT_EQ(dun::testing::table_rows(dir_ / "dun.db", "SELECT count(*) FROM actions"),
            std::vector<std::string>{"0|"});
  EXPECT_EQ(dun::testing::table_rows(dir_ / "dun.db", "SELECT count(*) FROM runs"),
            std::vector<std::string>{"0|"});
  EXPECT_FALSE(fs::exists(dir_ / "actions.jsonl"));
  // Without --strict the row is quarantined and the run goes on.
  const std::string lenient = ok("run --date 2026-01-20 --jsonl actions.jsonl");
  EXPECT_NE(lenient.find("quarantined rows: 1"), std::string::npos) << lenient;
}

TEST_F(SafetyCli, ADryRunOnANewDateWritesNothing) {
  ok("run --date 2026-01-20 --jsonl actions.jsonl");
  const auto before = store_content();
  const std::string jsonl = dun::testing::slurp(dir_ / "actions.jsonl");
  const std::string dry = ok("run --date 2026-01-27 --dry-run --jsonl actions.jsonl");
  EXPECT_NE(dry.find("dun run 2026-01-27 (dry run: nothing written)"), std::string::npos) << dry;
  EXPECT_NE(dry.find("actions: 2 new"), std::string::npos) << dry << "the second step is due";
  EXPECT_EQ(store_content(), before);
  EXPECT_EQ(dun::testing::slurp(dir_ / "actions.jsonl"), jsonl);
}

TEST_F(SafetyCli, RunsListShowsEveryRunOldestFirst) {
  const CommandResult none = dun("runs list");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("dun runs: no state store at dun.db yet: run `dun run` first"),
            std::string::npos)
      << none.err;
  // A store without runs: a --strict run refused for a bad row opened it and recorded nothing.
  write("snapshot/invoices.csv",
        kInvoices + "I3,C1,F-003,invoice,2026-01-01,not-a-date,EUR,10.00,10.00,false,true,,\n");
  EXPECT_EQ(dun("run --date 2026-01-20 --strict").exit_code, 1);
  EXPECT_EQ(ok("runs list"), "no runs yet\n");
  write("snapshot/invoices.csv", kInvoices);
  ok("run --date 2026-01-20");
  EXPECT_EQ(dun("run --date 2026-01-19").exit_code, 1);  // refused: not a run
  ok("run --date 2026-01-27");
  const std::string text = ok("runs");
  std::istringstream lines(text);
  std::string header, first, second, extra;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_FALSE(std::getline(lines, extra)) << text;
  EXPECT_EQ(header.rfind("id    date       outcome", 0), 0U) << header;
  EXPECT_EQ(first.rfind("1     2026-01-20 completed", 0), 0U) << first;
  EXPECT_EQ(second.rfind("2     2026-01-27 completed", 0), 0U) << second;

  const std::string json = ok("runs list --json");
  EXPECT_NE(json.find("\"date\": \"2026-01-20\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"actions\": 2"), std::string::npos) << json;
  EXPECT_NE(json.find("\"actions_attempted\": 0"), std::string::npos) << "no email adapter";
  EXPECT_EQ(dun("runs undo").exit_code, 2) << "an unknown action is a usage error";
}

}  // namespace

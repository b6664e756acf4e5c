// `dun runs undo DATE` through the real `dun` binary (docs/reliability.md, "Undoing runs"): the
// store rolled back over the last runs is, table by table, the store as after the run before
// them; the same dates run again give what their first runs gave; a date typed years ahead is
// undone and real dates run again; and an undo is refused, changing nothing, once an action of
// the runs was delivered or a collector worked on their invoices.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"
#include "tests/sqlite_rows.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

// Grouped by customer and limited, an automatic first step, a confirm-task second step, and a
// repeated last step: a run inserts, updates and (by its agenda upkeep) closes rows.
constexpr const char* kScenario =
    "scenario s \"standard\"\n"
    "  group by customer\n"
    "  at most 1 email every 3 days\n"
    "  applies when invoice.balance > 0\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "  step second\n"
    "    at first + 7 days\n"
    "    email \"first_reminder\" confirm\n"
    "  step final\n"
    "    at second + 7 days\n"
    "    email \"first_reminder\"\n"
    "    repeat every 7 days at most 3 times\n"
    "end\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C1,F-002,invoice,2026-01-01,2026-01-10,EUR,80.00,80.00,false,true,,\n"
    "I3,C2,F-003,invoice,2026-01-01,2026-01-12,EUR,300.00,300.00,false,true,,\n";

// I3 paid: its sequence closes and the run's upkeep cancels its customer's open task.
const std::string kInvoicesI3Paid =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C1,F-002,invoice,2026-01-01,2026-01-10,EUR,80.00,80.00,false,true,,\n"
    "I3,C2,F-003,invoice,2026-01-01,2026-01-12,EUR,300.00,0.00,false,true,,\n";

std::string config(const std::string& extra = "") {
  return "[company]\nname = \"Our Company\"\nemail = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
         "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
         "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
         "[adapters.task]\nkind = \"agenda\"\n" +
         extra;
}

class RunsUndoCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_runs_undo_cli_");
    write("dun.toml", config());
    write("scenarios/standard.dun", kScenario);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n");
    write("snapshot/customers.csv", dun::testing::kTwoCustomersCsv);
    write("snapshot/invoices.csv", kInvoices);
  }

  // Every table a run writes or logs, whole, except when a run started and ended and the
  // fingerprint of its snapshot files (their times change when a test writes them again).
  std::vector<std::string> store_content() {
    std::vector<std::string> content;
    const std::vector<std::pair<std::string, std::string>> queries = {
        {"runs",
         "SELECT id, run_date, outcome, scenario_fingerprints, message, "
         "invoices, actions, events, tasks, quarantined, evaluation_errors, shard FROM runs "
         "ORDER BY id"},
        {"sequences", "SELECT * FROM sequences ORDER BY invoice_id"},
        {"step_events", "SELECT * FROM step_events ORDER BY invoice_id, scenario, step"},
        {"events", "SELECT * FROM events ORDER BY id"},
        {"actions", "SELECT * FROM actions ORDER BY id"},
        {"action_invoices", "SELECT * FROM action_invoices ORDER BY action_id, invoice_id"},
        {"tasks", "SELECT * FROM tasks ORDER BY id"},
        {"quarantine", "SELECT * FROM quarantine ORDER BY id"},
        {"overrides", "SELECT * FROM overrides ORDER BY kind, subject"},
        {"run_undo", "SELECT * FROM run_undo ORDER BY run_id"},
        {"undo_sequences", "SELECT * FROM undo_sequences"},
        {"undo_step_events", "SELECT * FROM undo_step_events"},
        {"undo_actions", "SELECT * FROM undo_actions"},
        {"undo_action_invoices", "SELECT * FROM undo_action_invoices"},
        {"undo_tasks", "SELECT * FROM undo_tasks"}};
    for (const auto& [table, query] : queries) {
      for (const std::string& row : dun::testing::table_rows(dir_ / "dun.db", query)) {
        content.push_back(table + ": " + row);
      }
    }
    return content;
  }

  std::vector<std::string> rows(const std::string& query) {
    return dun::testing::table_rows(dir_ / "dun.db", query);
  }
};

TEST_F(RunsUndoCli, UndoneRunsLeaveTheStoreAsAfterThePreviousRunAndRunAgainTheSame) {
  ok("run --date 2026-01-20");  // the first step of the three invoices: one email per customer
  const auto after_first = store_content();
  ok("run --date 2026-01-27");  // the second: one confirm-task per customer
  const auto after_second = store_content();
  write("snapshot/invoices.csv", kInvoicesI3Paid);
  const std::string third = ok("run --date 2026-02-03");  // I3 closes, C2's task is cancelled
  const auto after_third = store_content();
  ASSERT_EQ(rows("SELECT status, note FROM tasks ORDER BY id"),
            (std::vector<std::string>{"open|NULL|", "cancelled|settled|"}))
      << third << "the run changed rows it did not create";
  ASSERT_EQ(rows("SELECT state FROM sequences WHERE invoice_id = 'I3'"),
            std::vector<std::string>{"closed|"});

  // A dry run says what would go and changes nothing.
  const std::string dry = ok("runs undo 2026-02-03 --dry-run");
  EXPECT_EQ(dry,
            "would undo 1 run: 2026-02-03\n"
            "  actions removed: 0\n  tasks removed: 0\n  history events removed: 2\n"
            "  sequences removed: 0\n  rows set back to their earlier values: 4\n"
            "dry run: nothing was changed\n");
  EXPECT_EQ(store_content(), after_third);

  const std::string undo = ok("runs undo 2026-02-03");
  EXPECT_EQ(undo,
            "undid 1 run: 2026-02-03\n"
            "  actions removed: 0\n  tasks removed: 0\n  history events removed: 2\n"
            "  sequences removed: 0\n  rows set back to their earlier values: 4\n"
            "the store is as after the run of 2026-01-27\n");
  EXPECT_EQ(store_content(), after_second) << "the sequence, the task and its action set back";
  ok("run --date 2026-02-03");
  EXPECT_EQ(store_content(), after_third) << "run again, the date gives what it gave";

  // A date between runs undoes from the first run on or after it: both later runs here.
  const std::string both = ok("runs undo 2026-01-21");
  EXPECT_NE(both.find("undid 2 runs: 2026-01-27, 2026-02-03\n  actions removed: 2\n  tasks "
                      "removed: 2\n"),
            std::string::npos)
      << both;
  EXPECT_NE(both.find("the store is as after the run of 2026-01-20\n"), std::string::npos) << both;
  EXPECT_EQ(store_content(), after_first);
  write("snapshot/invoices.csv", kInvoices);
  ok("run --date 2026-01-27");
  EXPECT_EQ(store_content(), after_second);
  write("snapshot/invoices.csv", kInvoicesI3Paid);
  ok("run --date 2026-02-03");
  EXPECT_EQ(store_content(), after_third);

  // Every run undone: the store is as before its first run.
  EXPECT_NE(ok("runs undo 2026-01-20").find("the store is as before its first run\n"),
            std::string::npos);
  EXPECT_EQ(rows("SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM sequences) + "
                 "(SELECT count(*) FROM step_events) + (SELECT count(*) FROM events) + "
                 "(SELECT count(*) FROM actions) + (SELECT count(*) FROM tasks) + "
                 "(SELECT count(*) FROM run_undo) + (SELECT count(*) FROM undo_sequences)"),
            std::vector<std::string>{"0|"});
}

TEST_F(RunsUndoCli, ARepeatedStepIsSetBackToItsEarlierRepetition) {
  ok("run --date 2026-01-20");
  ok("run --date 2026-01-27");
  ok("agenda confirm 1 2 --date 2026-01-27 --by anna");
  ok("run --date 2026-02-03");  // final fires
  ok("run --date 2026-02-10");  // final #1
  const auto after_first_repeat = store_content();
  ok("run --date 2026-02-17");  // final #2
  const auto after_second_repeat = store_content();
  ASSERT_EQ(rows("SELECT repetition FROM step_events WHERE invoice_id = 'I1' AND step = 'final'"),
            std::vector<std::string>{"2|"});
  ok("runs undo 2026-02-17");
  EXPECT_EQ(rows("SELECT repetition FROM step_events WHERE invoice_id = 'I1' AND step = 'final'"),
            std::vector<std::string>{"1|"});
  EXPECT_EQ(store_content(), after_first_repeat);
  ok("run --date 2026-02-17");
  EXPECT_EQ(store_content(), after_second_repeat);
}

TEST_F(RunsUndoCli, ADateTypedYearsAheadIsUndoneAndRealDatesRunAgain) {
  ok("run --date 2026-01-20");
  const auto after_real = store_content();
  ok("run --date 2062-04-15 --allow-date");
  const CommandResult locked = dun("run --date 2026-01-27");
  EXPECT_EQ(locked.exit_code, 1);
  EXPECT_NE(locked.err.find("is before the last completed run (2062-04-15)"), std::string::npos)
      << locked.err;
  const std::string undo = ok("runs undo 2062-04-15");
  EXPECT_NE(undo.find("undid 1 run: 2062-04-15\n"), std::string::npos) << undo;
  EXPECT_NE(undo.find("the store is as after the run of 2026-01-20\n"), std::string::npos) << undo;
  EXPECT_EQ(store_content(), after_real);
  const std::string next = ok("run --date 2026-01-27");
  EXPECT_NE(next.find("dun run 2026-01-27"), std::string::npos) << next;
  EXPECT_EQ(ok("runs list").find("2062"), std::string::npos);
}

TEST_F(RunsUndoCli, AnUndoIsRefusedOnceAnActionOfTheRunsWasDelivered) {
  write("dun.toml", config("\n[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\"\n"));
  ok("run --date 2026-01-20");
  const auto before = store_content();
  ASSERT_EQ(rows("SELECT count(*) FROM actions WHERE status = 'sent'"),
            std::vector<std::string>{"2|"})
      << "the run delivered its emails to the outbox";
  const auto ids = rows("SELECT id FROM actions ORDER BY created_on, id");
  ASSERT_EQ(ids.size(), 2U);
  const CommandResult refused = dun("runs undo 2026-01-20");
  EXPECT_EQ(refused.exit_code, 1);
  const std::string first_id = ids[0].substr(0, ids[0].size() - 1);
  EXPECT_NE(refused.err.find("dun runs: cannot undo the run from 2026-01-20; nothing was "
                             "changed:\n  action " +
                             first_id + " (email to customer "),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find(", step first, 2026-01-20) was handed to an adapter: sent after 1 "
                             "attempt\n"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("it is refused once an action was delivered or a collector worked on "
                             "them"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(store_content(), before);
}

TEST_F(RunsUndoCli, AnUndoIsRefusedAfterACollectorsChangeOnTheRunsInvoices) {
  ok("run --date 2026-01-20");
  ok("run --date 2026-01-27");
  ok("agenda confirm 1 --date 2026-01-28 --by anna");
  const auto before = store_content();
  const CommandResult refused = dun("runs undo 2026-01-27");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("dun runs: cannot undo the run from 2026-01-27; nothing was changed:\n"
                             "  confirmed on 2026-01-28 since the run: task 1 by anna (invoices "
                             "I1, I2), which the run changed\n"),
            std::string::npos)
      << refused.err;
  EXPECT_EQ(store_content(), before);
  // The first run, which logs no sequence of its own (it found the store empty), counts every
  // invoice as changed.
  const CommandResult from_first = dun("runs undo 2026-01-20");
  EXPECT_EQ(from_first.exit_code, 1);
  EXPECT_NE(from_first.err.find("cannot undo the runs from 2026-01-20; nothing was changed:\n"
                                "  confirmed on 2026-01-28 since the run: task 1 by anna"),
            std::string::npos)
      << from_first.err;
  EXPECT_EQ(store_content(), before);

  // A collector's change before a run, and an override after it, do not stand in the way of its
  // undo, and stay.
  ok("run --date 2026-02-03");
  ok("pause I2 --until 2026-03-01 --date 2026-02-04");
  const std::string undo = ok("runs undo 2026-02-03");
  EXPECT_NE(undo.find("undid 1 run: 2026-02-03\n"), std::string::npos) << undo;
  EXPECT_EQ(rows("SELECT kind, subject FROM overrides"), std::vector<std::string>{"pause|I2|"});
  EXPECT_EQ(rows("SELECT status FROM tasks WHERE id = 1"), std::vector<std::string>{"confirmed|"});
}

TEST_F(RunsUndoCli, UsageAndNothingToUndo) {
  const CommandResult no_store = dun("runs undo 2026-01-20");
  EXPECT_EQ(no_store.exit_code, 1);
  EXPECT_NE(no_store.err.find("no state store at dun.db yet"), std::string::npos) << no_store.err;
  ok("run --date 2026-01-20");
  const CommandResult no_date = dun("runs undo");
  EXPECT_EQ(no_date.exit_code, 2);
  EXPECT_NE(no_date.err.find("give the DATE of the first run to undo: `dun runs undo YYYY-MM-DD`"),
            std::string::npos)
      << no_date.err;
  const CommandResult bad_date = dun("runs undo 2026-13-01");
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("'2026-13-01' is not a date: write it YYYY-MM-DD"), std::string::npos)
      << bad_date.err;
  const CommandResult nothing = dun("runs undo 2026-01-21");
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_NE(nothing.err.find("dun runs: there is no run on or after 2026-01-21: the last run is "
                             "of 2026-01-20 (`dun runs list` shows them all)"),
            std::string::npos)
      << nothing.err;
  EXPECT_EQ(dun("runs list --dry-run").exit_code, 2);
  EXPECT_NE(ok("runs --help").find("undo DATE: rolls the store back over the run of DATE"),
            std::string::npos);
}

TEST_F(RunsUndoCli, OnlyTheLatestRunsKeepTheirUndoLog) {
  // Daily runs, 31 of them: the first falls out of the 30 kept logs.
  for (int day = 1; day <= 31; ++day) {
    ok("run --date 2026-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day));
  }
  EXPECT_EQ(rows("SELECT count(*), min(run_id) FROM run_undo"), std::vector<std::string>{"30|2|"});
  const CommandResult refused = dun("runs undo 2026-03-01");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("  run 1 (2026-03-01) has no undo log: it was made by an earlier "
                             "dun, or before a reshard, or is older than the last 30 runs, whose "
                             "logs are kept\n"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(ok("runs undo 2026-03-02").find("undid 30 runs"), std::string::npos);
}

// Each undo log has its table's columns, in its order, after run_id and existed: a column added
// to a table and not to its log would make every run fail.
TEST_F(RunsUndoCli, EachUndoLogHasTheColumnsOfItsTable) {
  ok("run --date 2026-01-20");
  for (const char* table : {"sequences", "step_events", "actions", "action_invoices", "tasks"}) {
    auto log =
        rows(std::string("SELECT name FROM pragma_table_info('undo_") + table + "') ORDER BY cid");
    ASSERT_GE(log.size(), 2U) << table;
    EXPECT_EQ(log[0], "run_id|");
    EXPECT_EQ(log[1], "existed|");
    log.erase(log.begin(), log.begin() + 2);
    EXPECT_EQ(log,
              rows(std::string("SELECT name FROM pragma_table_info('") + table + "') ORDER BY cid"))
        << table;
  }
}

}  // namespace

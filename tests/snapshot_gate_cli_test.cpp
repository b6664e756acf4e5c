// The snapshot sanity gate and bad input, through the real `dun run` on a real state store: a
// store with history, then a damaged snapshot (a stray quote, a header-only invoices.csv, half the
// invoices gone) is refused with exit 1 and changes nothing, not a table row nor a jsonl line, and
// runs with --accept-snapshot; a CR-only export reads like any other; a run-level quarantine; a
// --jsonl or --config naming a folder fails before anything is committed.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"
#include "tests/sqlite_rows.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

constexpr const char* kScenario =
    "scenario s \"standard\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "  step second\n"
    "    at first + 10 days\n"
    "    email \"second_reminder\"\n"
    "end\n";

constexpr const char* kConfig =
    "[company]\nname = \"Our Company\"\nlanguage = \"en\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
    "[adapters.task]\nkind = \"agenda\"\n";

constexpr int kInvoices = 60;

// invoices.csv with I1..I60 (customers C1..C5); `number_prefix` is put before invoice 2's number
// (a stray quote), rows past `keep` are left out.
std::string invoices_csv(const std::string& number_prefix = "", int keep = kInvoices) {
  std::string text = dun::testing::kInvoicesCsvHeader;
  for (int i = 1; i <= keep; ++i) {
    const std::string n = std::to_string(i);
    text += "I" + n + ",C" + std::to_string(1 + i % 5) + "," + (i == 2 ? number_prefix : "") +
            "F-" + n + ",invoice,2026-01-01,2026-01-05,EUR,100.00,100.00,false,true,,\n";
  }
  return text;
}

std::string customers_csv() {
  std::string text = dun::testing::kCustomersCsvHeader;
  for (int c = 1; c <= 5; ++c) {
    const std::string n = std::to_string(c);
    text += "C" + n + ",Customer " + n + ",en,GB,EUR,,,c" + n + "@example.com,\"1 Road\nTown\",,\n";
  }
  return text;
}

class SnapshotGateCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_snapshot_gate_");
    write("dun.toml", kConfig);
    write("scenarios/standard.dun", kScenario);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n");
    write("templates/second_reminder.en.txt", "Subject: Second reminder\n\nPlease pay now.\n");
    write("snapshot/customers.csv", customers_csv());
    write("snapshot/invoices.csv", invoices_csv());
  }

  // The store with history: a first run starts the 60 sequences.
  void run_first_day() {
    const std::string out = ok("run --date 2026-01-19 --jsonl actions.jsonl");
    ASSERT_NE(out.find("sequences: 60 started"), std::string::npos) << out;
  }

  // Every row of every table of the store, and the jsonl file: what "nothing changed" compares.
  std::map<std::string, std::vector<std::string>> state() {
    std::map<std::string, std::vector<std::string>> all;
    for (const std::string& row : dun::testing::table_rows(
             dir_ / "dun.db", "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")) {
      const std::string table = row.substr(0, row.size() - 1);
      all[table] = dun::testing::table_rows(dir_ / "dun.db", "SELECT * FROM \"" + table + "\"");
    }
    all["actions.jsonl"] = {dun::testing::slurp(dir_ / "actions.jsonl")};
    return all;
  }

  // The second day is refused with `expected` in its message, and the store is as it was.
  void expect_refused(const std::string& expected) {
    const auto before = state();
    const CommandResult refused = dun("run --date 2026-01-26 --jsonl actions.jsonl");
    EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
    EXPECT_NE(refused.err.find("dun run: the snapshot looks wrong and nothing was committed: " +
                               expected),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("run again with --accept-snapshot"), std::string::npos);
    EXPECT_EQ(state(), before);
    // A dry run sees the same.
    EXPECT_EQ(dun("run --date 2026-01-26 --dry-run").exit_code, 1);
  }
};

TEST_F(SnapshotGateCli, AStrayQuoteInLine3IsRefusedThenAcceptedWithTheFlag) {
  run_first_day();
  write("snapshot/invoices.csv", invoices_csv("\""));
  expect_refused("it quarantines 1 of 65 (1.5 %) rows, more than [safety] max_bad_share (1.0 %)");
  const CommandResult refused = dun("run --date 2026-01-26");
  EXPECT_NE(refused.err.find("snapshot/invoices.csv:3: number: a quoted field runs "
                             "over more than 16 lines"),
            std::string::npos)
      << refused.err;

  const std::string out = ok("run --date 2026-01-26 --jsonl actions.jsonl --accept-snapshot");
  EXPECT_NE(out.find("invoices: 59 in the snapshot"), std::string::npos) << out;
  EXPECT_NE(out.find(", 1 closed"), std::string::npos) << out;
  EXPECT_EQ(dun::testing::table_rows(dir_ / "dun.db", "SELECT line, raw_id FROM quarantine"),
            (std::vector<std::string>{"3|I2|"}));
}

TEST_F(SnapshotGateCli, AHeaderOnlyInvoicesFileIsRefusedThenAcceptedWithTheFlag) {
  run_first_day();
  write("snapshot/invoices.csv", dun::testing::kInvoicesCsvHeader);
  expect_refused("it holds no invoice at all, while the store follows 60 active sequences");
  const std::string out = ok("run --date 2026-01-26 --accept-snapshot");
  EXPECT_NE(out.find(", 60 closed"), std::string::npos) << out;
}

TEST_F(SnapshotGateCli, ClosingMoreThanMaxCloseShareIsRefused) {
  run_first_day();
  write("snapshot/invoices.csv", invoices_csv("", 40));
  expect_refused(
      "it would close 20 of 60 (33.3 %) active sequences, more than [safety] max_close_share "
      "(20.0 %)");
  // A higher limit in dun.toml lets the same snapshot through.
  write("dun.toml", std::string(kConfig) + "\n[safety]\nmax_close_share = 0.5\n");
  const std::string out = ok("run --date 2026-01-26");
  EXPECT_NE(out.find(", 20 closed"), std::string::npos) << out;
}

TEST_F(SnapshotGateCli, BelowMinActiveSequencesOnlyAnEmptySnapshotIsRefused) {
  run_first_day();
  write("dun.toml", std::string(kConfig) + "\n[safety]\nmin_active_sequences = 61\n");
  write("snapshot/invoices.csv", invoices_csv("", 10));
  const std::string out = ok("run --date 2026-01-26");
  EXPECT_NE(out.find(", 50 closed"), std::string::npos) << out;
  write("snapshot/invoices.csv", dun::testing::kInvoicesCsvHeader);
  expect_refused("it holds no invoice at all, while the store follows 10 active sequences");
}

// Old Mac exports end lines with CR alone: read like the LF file, nothing is closed.
TEST_F(SnapshotGateCli, ACarriageReturnOnlyExportReadsLikeAnyOther) {
  run_first_day();
  std::string text = invoices_csv();
  for (char& c : text) {
    if (c == '\n') c = '\r';
  }
  write("snapshot/invoices.csv", text);
  const std::string out = ok("run --date 2026-01-26");
  EXPECT_NE(out.find("invoices: 60 in the snapshot"), std::string::npos) << out;
  EXPECT_NE(out.find(", 0 closed"), std::string::npos) << out;
  EXPECT_NE(out.find("quarantined rows: 0"), std::string::npos) << out;
}

// A bad row on a first run: quarantined in the store, listed in the summary, exit 0.
TEST_F(SnapshotGateCli, ABadRowIsQuarantinedAndTheRunGoesOn) {
  write("snapshot/invoices.csv",
        invoices_csv() + "I61,C1,F-61,invoice,2026-02-30,2026-03-05,EUR,1.00,1.00,,,,\n");
  const std::string out = ok("run --date 2026-01-19");
  EXPECT_NE(out.find("invoices: 60 in the snapshot"), std::string::npos) << out;
  EXPECT_NE(out.find("  quarantined rows: 1\n    snapshot/invoices.csv:62: issue_date: "
                     "'2026-02-30' is not a valid date"),
            std::string::npos)
      << out;
  EXPECT_EQ(
      dun::testing::table_rows(dir_ / "dun.db", "SELECT line, column_name, raw_id FROM quarantine"),
      (std::vector<std::string>{"62|issue_date|I61|"}));
}

TEST_F(SnapshotGateCli, AJsonlFolderFailsBeforeAnythingIsCommitted) {
  run_first_day();
  fs::create_directories(dir_ / "out");
  const auto before = state();
  const CommandResult result = dun("run --date 2026-01-26 --jsonl out");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("dun run: out: is a folder; --jsonl names a file the actions are "
                            "appended to"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(state(), before);
  // The next run with a proper file is not refused.
  ok("run --date 2026-01-26 --jsonl actions.jsonl");
}

TEST_F(SnapshotGateCli, AConfigFolderIsAnError) {
  fs::create_directories(dir_ / "conf");
  const CommandResult result = dun("run --config conf --date 2026-01-19");
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_NE(result.err.find("conf: is a folder, not a file (pass --config FILE"), std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(dir_ / "dun.db"));
}

}  // namespace

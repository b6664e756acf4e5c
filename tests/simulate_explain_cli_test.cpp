// `dun simulate` and `dun explain` as users run them, on the fixed portfolio of
// tests/fixtures/simexplain: golden outputs (tests/golden/simexplain/, rewrite them with
// DUN_UPDATE_GOLDEN=1 after a deliberate change and review the diff), the state store left
// byte-for-byte unchanged, and the errors that say what to do next.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/cli_folder_test_base.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kFixture = fs::path(DUN_SOURCE_DIR) / "tests/fixtures/simexplain";
const fs::path kGolden = fs::path(DUN_SOURCE_DIR) / "tests/golden/simexplain";

using dun::testing::CommandResult;
using dun::testing::slurp;

class SimulateExplainCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override { make_folder("dun_simexplain_cli_"); }

  // The fixture's inputs, with the snapshot of `day` ("day1": everything open; "day2": INV-2
  // paid).
  static std::string inputs(const std::string& day = "day1") {
    return " --snapshot \"" + (kFixture / day).string() + "\" --scenarios \"" +
           (kFixture / "scenarios").string() + "\" --templates \"" +
           (fs::path(DUN_SOURCE_DIR) / "scenarios/templates").string() + "\" --db dun.db";
  }

  void run_day(const std::string& date) {
    const CommandResult run = dun("run --date " + date + inputs());
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  }

  std::string explain(const std::string& invoice, const std::string& date,
                      const std::string& day = "day1", const std::string& extra = "") {
    const CommandResult run = dun("explain " + invoice + " --date " + date + inputs(day) + extra);
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    return run.out;
  }
};

TEST_F(SimulateExplainCli, HelpHasAnExample) {
  for (const std::string verb : {"simulate", "explain"}) {
    const CommandResult run = dun(verb + " --help");
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_NE(run.out.find("usage: dun " + verb), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("example:"), std::string::npos) << run.out;
  }
  EXPECT_NE(dun("--help").out.find("simulate"), std::string::npos);
  EXPECT_NE(dun("--help").out.find("explain"), std::string::npos);
}

// One invoice per case of the decision: fires, skipped by `when` (and the next step not due),
// paused, an evaluation error, not due yet, not applying, not followed up.
TEST_F(SimulateExplainCli, ExplainEachKindOfDecision) {
  run_day("2026-01-11");
  std::string out;
  for (const char* invoice : {"INV-1", "INV-2", "INV-3", "INV-4", "INV-5", "INV-6", "INV-7"}) {
    out += explain(invoice, "2026-01-12") + "\n";
  }
  expect_golden(kGolden / "explain_2026-01-12.txt", out);
  expect_golden(kGolden / "explain_inv2.json", explain("INV-2", "2026-01-12", "day1", " --json"));
}

// A confirm step firing, its task in the agenda (wait), and a paid invoice whose sequence closes.
TEST_F(SimulateExplainCli, ExplainWaitingAndClosing) {
  run_day("2026-01-11");
  run_day("2026-01-12");
  // The confirm step with the let its `when` reads, then the same invoice once its task waits.
  std::string out = explain("INV-1", "2026-01-22") + "\n";
  run_day("2026-01-22");
  out += explain("INV-1", "2026-01-23") + "\n";
  out += explain("INV-2", "2026-01-23", "day2") + "\n";
  out += explain("INV-1", "2026-01-22");  // the day its confirm-task was created: it waits
  expect_golden(kGolden / "explain_2026-01-23.txt", out);
}

TEST_F(SimulateExplainCli, ExplainErrorsSayWhatToDo) {
  CommandResult run = dun("explain INV-1 --date 2026-01-12" + inputs());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("run `dun run` first"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "dun.db"));

  run_day("2026-01-11");
  run = dun("explain INV-11 --date 2026-01-12" + inputs());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no invoice 'INV-11' in the snapshot; did you mean 'INV-1'"),
            std::string::npos)
      << run.err;
  run = dun("explain --date 2026-01-12" + inputs());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("which invoice?"), std::string::npos) << run.err;
  run = dun("explain INV-1 --date 12/01/2026" + inputs());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("YYYY-MM-DD"), std::string::npos) << run.err;
}

TEST_F(SimulateExplainCli, SimulateGoldens) {
  run_day("2026-01-11");
  CommandResult run = dun("simulate --days 30" + inputs());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  expect_golden(kGolden / "simulate_30_days.txt", run.out);
  run = dun("simulate --days 30 --json" + inputs());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  expect_golden(kGolden / "simulate_30_days.json", run.out);
}

TEST_F(SimulateExplainCli, SimulateLeavesTheStateStoreUnchanged) {
  run_day("2026-01-11");
  run_day("2026-01-12");
  const std::string before = slurp(dir_ / "dun.db");
  ASSERT_FALSE(before.empty());
  ASSERT_FALSE(fs::exists(dir_ / "dun.db-wal"));
  const auto modified = fs::last_write_time(dir_ / "dun.db");
  const CommandResult run = dun("simulate --days 20" + inputs());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("letter"), std::string::npos) << run.out;  // it did simulate something
  EXPECT_EQ(slurp(dir_ / "dun.db"), before);
  EXPECT_EQ(fs::last_write_time(dir_ / "dun.db"), modified);
  EXPECT_FALSE(fs::exists(dir_ / "dun.db-wal"));
  EXPECT_FALSE(fs::exists(dir_ / "dun.db-shm"));
  // And the real runs go on from where they were: the next day is not refused or repeated.
  const CommandResult next = dun("run --date 2026-01-13" + inputs());
  EXPECT_EQ(next.exit_code, 0) << next.err;
}

TEST_F(SimulateExplainCli, SimulateWithoutAStateStoreStartsFromNothing) {
  const CommandResult run = dun("simulate --days 3 --from 2026-01-11" + inputs());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("does not exist yet: starting from nothing"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("2026-01-12  fixture"), std::string::npos) << run.out;
  EXPECT_FALSE(fs::exists(dir_ / "dun.db"));
}

TEST_F(SimulateExplainCli, SimulateUsageErrors) {
  CommandResult run = dun("simulate" + inputs());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--days N is required"), std::string::npos) << run.err;
  run = dun("simulate --days 0" + inputs());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("from 1 to"), std::string::npos) << run.err;
  run_day("2026-01-12");
  run = dun("simulate --days 2 --from 2026-01-10" + inputs());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("before the last run recorded in the state store (2026-01-12)"),
            std::string::npos)
      << run.err;
}

// The shared input flags reach the evaluating verbs: every back end and JIT level decides alike,
// and a bad level is a usage error naming the flag.
TEST_F(SimulateExplainCli, BackendAndOptLevelFlagsAgreeAndAreChecked) {
  run_day("2026-01-11");
  const std::string jit = explain("INV-2", "2026-01-12");
  EXPECT_EQ(explain("INV-2", "2026-01-12", "day1", " --backend interp"), jit);
  EXPECT_EQ(explain("INV-2", "2026-01-12", "day1", " --backend jit --opt 0"), jit);
  const std::string simulate_args = "simulate --days 3 --from 2026-01-12" + inputs();
  const CommandResult simulated_jit = dun(simulate_args + " --opt 3");
  const CommandResult simulated_interp = dun(simulate_args + " --backend interp");
  EXPECT_EQ(simulated_jit.exit_code, 0) << simulated_jit.err;
  EXPECT_EQ(simulated_jit.out, simulated_interp.out);
  const CommandResult bad = dun("explain INV-2 --date 2026-01-12 --opt 9" + inputs());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--opt '9': choose an optimisation level 0, 1, 2 or 3"), std::string::npos)
      << bad.err;
}

}  // namespace

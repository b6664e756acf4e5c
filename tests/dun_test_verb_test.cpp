// `dun test` as users run it: the real binary on the fixtures of tests/scenario_tests/ (outputs
// compared exactly with the .out/.json goldens beside them; DUN_UPDATE_GOLDEN=1 rewrites them),
// usage errors, files that do not check, and the shipped scenarios' own tests.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/conformance_runner/dun_process.hpp"
#include "tests/golden_file.hpp"

namespace {

namespace fs = std::filesystem;
using dun::conformance::ProcessResult;

using dun::testing::slurp;

class DunTestVerb : public ::testing::Test {
 protected:
  void SetUp() override {
    // Relative paths keep the goldens independent of where the checkout is.
    ASSERT_EQ(::chdir(DUN_SOURCE_DIR), 0);
    // Each test day commits a state store with synchronous=FULL: on tmpfs the suite takes a
    // fifth of the time. `dun test` puts its folders under $TMPDIR, as a user may too.
    std::error_code error;
    if (fs::is_directory("/dev/shm", error) && ::access("/dev/shm", W_OK) == 0)
      ::setenv("TMPDIR", "/dev/shm", 1);
    scratch_ = fs::temp_directory_path() /
               ("dun_test_verb_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(scratch_);
    fs::create_directories(scratch_);
  }
  void TearDown() override { fs::remove_all(scratch_); }

  ProcessResult dun(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "test");
    return dun::conformance::run_process(DUN_BINARY, arguments, scratch_);
  }

  fs::path scratch_;
};

const std::string kTemplates = "--templates=scenarios/templates";
const std::string kFixtures = "tests/scenario_tests/";

// Several invoices of one customer, a contact limit's hold (`expect nothing`) and a repeating
// last step (`expect email` on each repetition day), on both back ends.
TEST_F(DunTestVerb, TheCustomersViewIsTestable) {
  const ProcessResult run = dun({kTemplates, kFixtures + "customer_view.dun"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("8 tests run, 8 passed, 0 failed"), std::string::npos) << run.out;
  EXPECT_NE(
      run.out.find("test \"the limit holds a step, which goes out once the window is clear\""),
      std::string::npos)
      << run.out;
}

TEST_F(DunTestVerb, HelpHasAnExample) {
  const ProcessResult run = dun({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("usage: dun test"), std::string::npos);
  EXPECT_NE(run.out.find("example:"), std::string::npos);
}

TEST_F(DunTestVerb, UsageErrorsExitWithTwoAndSayWhatToDo) {
  ProcessResult run = dun({});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no scenario file given"), std::string::npos);
  run = dun({"--bakend", "interp", kFixtures + "passing.dun"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("did you mean '--backend'?"), std::string::npos);
  run = dun({"--backend", "llvm", kFixtures + "passing.dun"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("choose jit (the default) or interp"), std::string::npos);
  run = dun({kFixtures + "no_such_file.dun"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("cannot read 'tests/scenario_tests/no_such_file.dun'"), std::string::npos);
  run = dun({"--templates", "no/such/folder", kFixtures + "passing.dun"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("does not exist"), std::string::npos);
}

TEST_F(DunTestVerb, PassingTestsPrintOkAndExitZero) {
  const ProcessResult run = dun({kTemplates, kFixtures + "passing.dun"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.err, "");
  dun::testing::expect_golden_file(kFixtures + "passing.out", run.out);
}

TEST_F(DunTestVerb, EachKindOfFailureIsReportedAtItsLine) {
  const ProcessResult run = dun({kTemplates, kFixtures + "failing.dun"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  dun::testing::expect_golden_file(kFixtures + "failing.out", run.out);
}

TEST_F(DunTestVerb, JsonReportsTheSameFailures) {
  const ProcessResult run = dun({kTemplates, "--json", kFixtures + "failing.dun"});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  dun::testing::expect_golden_file(kFixtures + "failing.json", run.out);
  const auto document = nlohmann::json::parse(run.out, nullptr, false);
  ASSERT_FALSE(document.is_discarded());
  EXPECT_EQ(document["passed"], 0);
  EXPECT_EQ(document["failed"], document["tests"].size());
}

TEST_F(DunTestVerb, AFileThatDoesNotCheckPrintsItsErrorsAndExitsTwo) {
  const ProcessResult run = dun({kTemplates, kFixtures + "broken.dun", kFixtures + "passing.dun"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "") << "no test runs when a file does not check";
  EXPECT_NE(run.err.find("tests/scenario_tests/broken.dun:4:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("unknown invoice 'B' in this test"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("2 error(s)"), std::string::npos) << run.err;
}

TEST_F(DunTestVerb, FilterRunsOnlyMatchingTests) {
  const ProcessResult run = dun({kTemplates, "--filter", "wrong", kFixtures + "failing.dun"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("6 tests run, 0 passed, 6 failed"), std::string::npos) << run.out;
  const ProcessResult none = dun({kTemplates, "--filter", "zzz", kFixtures + "failing.dun"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.out.find("no test to run (none matches --filter)"), std::string::npos);
}

TEST_F(DunTestVerb, KeepLeavesTheStateStoreAndTheActionsToLookAt) {
  const ProcessResult run =
      dun({kTemplates, "--keep", "--filter", "paying in full", kFixtures + "passing.dun"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto at = run.out.find("kept: ");
  ASSERT_NE(at, std::string::npos) << run.out;
  const fs::path kept = run.out.substr(at + 6, run.out.find('\n', at) - at - 6);
  EXPECT_TRUE(fs::exists(kept / "dun.db"));
  EXPECT_TRUE(fs::exists(kept / "snapshot" / "invoices.csv"));
  EXPECT_NE(slurp(kept / "actions.jsonl").find("\"template\":\"first_reminder\""),
            std::string::npos);
  fs::remove_all(kept);
}

TEST_F(DunTestVerb, EveryBackEndRunsEveryTest) {
  const ProcessResult run =
      dun({kTemplates, "--filter", "paying in full", kFixtures + "passing.dun"});
  EXPECT_NE(run.out.find("[interp]"), std::string::npos) << run.out;
  const ProcessResult one =
      dun({kTemplates, "--backend", "interp", "--filter", "paying", kFixtures + "passing.dun"});
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_NE(one.out.find("(back ends: interp)"), std::string::npos) << one.out;
}

// The shipped scenarios carry tests of every step (`dun test scenarios/*.dun` must pass).
TEST_F(DunTestVerb, ShippedScenariosPassTheirTests) {
  std::vector<std::string> arguments{kTemplates};
  for (const auto& entry : fs::directory_iterator("scenarios")) {
    if (entry.path().extension() == ".dun") arguments.push_back(entry.path().string());
  }
  std::sort(arguments.begin() + 1, arguments.end());
  ASSERT_GE(arguments.size(), 4u);
  const ProcessResult run = dun(arguments);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out.find("FAIL"), std::string::npos) << run.out;
}

}  // namespace

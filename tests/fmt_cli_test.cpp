// `dun fmt` as a user runs it: in place, --check (the list of files and exit 1), stdin to stdout,
// a file with a syntax error left alone, usage errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/cli_process.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::run_dun;
using dun::testing::slurp;

constexpr const char* kMessy = "scenario s \"T\" calendar FR\nstep a at today email \"x\"\nend\n";
constexpr const char* kFormatted =
    "scenario s \"T\"\n  calendar FR\n\n  step a\n    at today\n    email \"x\"\nend\n";

class FmtCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("dun_fmt_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write("messy.dun", kMessy);
    write("clean.dun", kFormatted);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  fs::path dir_;
};

TEST_F(FmtCli, CheckListsTheFilesToFormatAndChangesNothing) {
  const auto run = run_dun(dir_, "fmt --check messy.dun clean.dun");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "messy.dun\n");
  EXPECT_NE(run.err.find("1 file is not in the canonical layout; run 'dun fmt FILES'"),
            std::string::npos);
  EXPECT_EQ(slurp(dir_ / "messy.dun"), kMessy);
}

TEST_F(FmtCli, CheckPassesOnFormattedFiles) {
  const auto run = run_dun(dir_, "fmt --check clean.dun");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
}

TEST_F(FmtCli, RewritesFilesInPlace) {
  const auto run = run_dun(dir_, "fmt messy.dun clean.dun");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(slurp(dir_ / "messy.dun"), kFormatted);
  EXPECT_EQ(slurp(dir_ / "clean.dun"), kFormatted);
  EXPECT_FALSE(fs::exists(dir_ / "messy.dun.dun-fmt.tmp"));
}

TEST_F(FmtCli, ReadsStdinAndWritesStdout) {
  const auto run = run_dun(dir_, "fmt - < messy.dun");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, kFormatted);
}

TEST_F(FmtCli, LeavesAFileWithASyntaxErrorAlone) {
  const std::string broken = "scenario s \"T\"\n  stpe a\nend\n";
  write("broken.dun", broken);
  const auto run = run_dun(dir_, "fmt broken.dun messy.dun");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("broken.dun:2:3: error: unexpected 'stpe'; did you mean 'step'?"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("broken.dun was not formatted: fix its syntax errors first"),
            std::string::npos);
  EXPECT_EQ(slurp(dir_ / "broken.dun"), broken);
  EXPECT_EQ(slurp(dir_ / "messy.dun"), kFormatted);  // the other files are still formatted
}

TEST_F(FmtCli, UsageErrors) {
  const auto none = run_dun(dir_, "fmt");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no scenario file given"), std::string::npos);
  const auto missing = run_dun(dir_, "fmt nowhere.dun");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read 'nowhere.dun'"), std::string::npos);
  const auto help = run_dun(dir_, "fmt --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("usage: dun fmt [--check] FILES"), std::string::npos);
}

}  // namespace

// `dun check` as users run it: exit codes (0 clean, 1 errors, 2 usage), help, JSON output and
// how the templates folder is found (flag, configuration, beside the file, or a warning).
#include <gtest/gtest.h>

#include "tests/cli_folder_test_base.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

using dun::testing::CommandResult;
using dun::testing::slurp;

class CheckCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override { make_folder("dun_check_cli_"); }
};

constexpr const char* kClean = "scenario s \"S\"\n  step a\n    at today\n    email \"x\"\nend\n";
constexpr const char* kBroken = "scenario s \"S\"\n  stpe a\nend\n";

TEST_F(CheckCli, HelpHasAnExample) {
  const CommandResult run = dun("check --help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("usage: dun check"), std::string::npos);
  EXPECT_NE(run.out.find("example:"), std::string::npos);
}

TEST_F(CheckCli, UsageErrorsExitWithTwoAndSayWhatToDo) {
  CommandResult run = dun("check");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no scenario file given"), std::string::npos);
  run = dun("check --bogus a.dun");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown option '--bogus'"), std::string::npos);
  EXPECT_NE(run.err.find("dun check --help"), std::string::npos);
  run = dun("check missing.dun");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("cannot read 'missing.dun'"), std::string::npos);
  run = dun("check --templates");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--templates needs a value"), std::string::npos);
  write("a.dun", kClean);
  run = dun("check --templates nowhere a.dun");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("'nowhere' does not exist"), std::string::npos);
  run = dun("check --config nowhere.toml a.dun");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("nowhere.toml"), std::string::npos);
  write("bad.toml", "[engine\n");
  run = dun("check --config bad.toml a.dun");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.toml:1:"), std::string::npos);
}

TEST_F(CheckCli, ExitCodeSaysWhetherThereAreErrors) {
  write("clean.dun", kClean);
  write("broken.dun", kBroken);
  CommandResult run = dun("check clean.dun");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "");
  run = dun("check clean.dun broken.dun");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out,
            "broken.dun:2:3: error: unexpected 'stpe'; did you mean 'step'?\n"
            " 2 |   stpe a\n"
            "   |   ^\n"
            "1 error, 0 warnings\n");
}

TEST_F(CheckCli, JsonOutput) {
  write("broken.dun", kBroken);
  const CommandResult run = dun("check --json broken.dun");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out,
            "[\n  {\"file\": \"broken.dun\", \"line\": 2, \"column\": 3, \"severity\": \"error\", "
            "\"message\": \"unexpected 'stpe'; did you mean 'step'?\"}\n]\n");
}

TEST_F(CheckCli, TemplatesFolderIsFoundOrTheUserIsWarned) {
  write("alone/a.dun", kClean);
  CommandResult run = dun("check alone/a.dun");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.err.find("templates were not checked for alone/a.dun"), std::string::npos);
  EXPECT_NE(run.err.find("--templates DIR"), std::string::npos);

  write("beside/a.dun", kClean);
  write("beside/templates/x.en.txt", "Hello\n");
  run = dun("check beside/a.dun");
  EXPECT_EQ(run.err, "");

  write("tpl/x.en.txt", "Hello\n");
  run = dun("check --templates tpl alone/a.dun");
  EXPECT_EQ(run.err, "");

  write("conf/dun.toml", "[engine]\ntemplates = \"../tpl\"\n");
  run = dun("check --config conf/dun.toml alone/a.dun");
  EXPECT_EQ(run.err, "");

  write("dun.toml", "[engine]\ntemplates = \"tpl\"\n");
  run = dun("check alone/a.dun");
  EXPECT_EQ(run.err, "");
}

}  // namespace

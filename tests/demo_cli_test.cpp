// `dun demo` end to end on a small portfolio: it generates, checks, runs each day, leaves a
// configuration the other verbs can use, and refuses to wipe a folder that is not a demo.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/cli_process.hpp"

namespace {

namespace fs = std::filesystem;

TEST(DemoCli, RunsEveryDayAndLeavesAUsableConfig) {
  const fs::path dir =
      fs::temp_directory_path() / ("dun_demo_cli_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto demo = dun::testing::run_dun(dir, "demo --dir out --invoices 200 --days 2");
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  EXPECT_NE(demo.out.find("== dun run --date 2026-03-03"), std::string::npos) << demo.out;
  EXPECT_TRUE(fs::exists(dir / "out" / "dun.db"));
  EXPECT_TRUE(fs::exists(dir / "out" / "actions.jsonl"));
  // The demo's emails and letters go to the outbox adapters' folders, and it says how many.
  const std::string config = dun::testing::slurp(dir / "out" / "dun.toml");
  EXPECT_NE(config.find("[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\""),
            std::string::npos)
      << config;
  EXPECT_NE(config.find("[adapters.letter]\nkind = \"outbox\"\ndir = \"out/letters\""),
            std::string::npos)
      << config;
  EXPECT_NE(demo.out.find("emails as .eml files in " + (dir / "out/out/emails").string()),
            std::string::npos)
      << demo.out;
  // The custom fields the demo generates are declared, so the with_fields scenarios check.
  EXPECT_NE(config.find("\"invoice.payment_url\" = { type = \"string\", default = \"\" }"),
            std::string::npos)
      << config;
  const auto status = dun::testing::run_dun(dir, "status --config out/dun.toml --json");
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("\"scenario\": \"standard_b2b\""), std::string::npos);

  // The config names its files relative to itself: the demo folder still works once moved.
  EXPECT_NE(config.find("scenarios = \"scenarios\"\ntemplates = \"scenarios/templates\""),
            std::string::npos)
      << config;
  fs::rename(dir / "out", dir / "moved");
  const auto moved = dun::testing::run_dun(dir,
                                           "check --config moved/dun.toml "
                                           "moved/scenarios/standard_b2b.dun");
  EXPECT_EQ(moved.exit_code, 0) << moved.err;
  // Clean: no error, and no warning either (every shipped template exists in every language
  // the demo's template folder has, with_fields' es, it and nl included).
  EXPECT_EQ(moved.out + moved.err, "");
  fs::rename(dir / "moved", dir / "out");
  // Again: a previous demo is replaced.
  EXPECT_EQ(dun::testing::run_dun(dir, "demo --dir out --invoices 200 --days 1").exit_code, 0);
  // Anything else is left alone.
  fs::create_directories(dir / "mine");
  std::ofstream(dir / "mine" / "notes.txt") << "keep me\n";
  const auto refused = dun::testing::run_dun(dir, "demo --dir mine --invoices 200 --days 1");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("is not a previous demo"), std::string::npos) << refused.err;
  EXPECT_TRUE(fs::exists(dir / "mine" / "notes.txt"));
  fs::remove_all(dir);
}

}  // namespace

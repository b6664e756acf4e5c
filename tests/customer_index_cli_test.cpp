// `dun explain` and `dun status --customer` keep a customer index beside the state store
// (customer_index.hpp, docs/analyst-tools.md): on a snapshot big enough to be worth one (16 MiB
// of CSV) whose files have settled, the first of them writes "<db>.customer-index" and the next
// ones read it, with outputs byte for byte those of a walk of the files; a snapshot written a
// moment ago is walked and gets no index.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "cli_process.hpp"

namespace dun {
namespace {

namespace fs = std::filesystem;
using testing::run_dun;

class CustomerIndexCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("dun_customer_index_cli_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    {
      std::FILE* toml = std::fopen((*dir_ / "dun.toml").c_str(), "w");
      ASSERT_NE(toml, nullptr);
      std::fputs(
          "[company]\nname = \"Our Company SAS\"\nlanguage = \"en\"\ncurrency = \"EUR\"\n"
          "[rates]\nUSD = 0.92\nGBP = 1.17\nPLN = 0.23\n",
          toml);
      std::fclose(toml);
    }
    // 160,000 invoices: about 19 MB of CSV, over the 16 MiB an index is kept for.
    const auto gen = run_dun(*dir_, "gen --invoices 160000 --start 2026-03-02 --out snap");
    ASSERT_EQ(gen.exit_code, 0) << gen.err;
    const auto run = run_dun(*dir_, "run " + common() + " --date 2026-03-02 --jsonl run.jsonl");
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  void SetUp() override { fs::remove(index(), error_); }

  static std::string common() {
    const std::string scenarios = std::string(DUN_SOURCE_DIR) + "/scenarios";
    return "--config dun.toml --snapshot snap --scenarios " + scenarios + " --templates " +
           scenarios + "/templates --db state.db";
  }
  static fs::path index() { return *dir_ / "state.db.customer-index"; }

  // The snapshot's files as if written an hour ago: settled.
  static void settle_files() {
    for (const char* name : {"customers.csv", "contacts.csv", "invoices.csv"}) {
      fs::last_write_time(*dir_ / "snap" / name,
                          fs::file_time_type::clock::now() - std::chrono::hours(1));
    }
  }
  static void touch_invoices() {
    fs::last_write_time(*dir_ / "snap" / "invoices.csv", fs::file_time_type::clock::now());
  }

  static std::string explain(const std::string& invoice) {
    const auto result =
        run_dun(*dir_, "explain " + invoice + " " + common() + " --date 2026-03-03 --json");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
  static std::string status(const std::string& customer) {
    const auto result = run_dun(
        *dir_, "status --customer " + customer + " " + common() + " --date 2026-03-03 --json");
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  static inline fs::path* dir_ = nullptr;
  std::error_code error_;
};

TEST_F(CustomerIndexCli, ExplainWritesTheIndexOnceAndReadsItAfterWithTheSameOutput) {
  touch_invoices();
  const std::string walked = explain("I0100003");  // a file written a moment ago: walked
  EXPECT_FALSE(fs::exists(index()));
  ASSERT_NE(walked.find("\"customer\""), std::string::npos) << walked;

  settle_files();
  EXPECT_EQ(explain("I0100003"), walked);
  ASSERT_TRUE(fs::exists(index()));
  const auto written = fs::last_write_time(index());
  EXPECT_EQ(explain("I0100003"), walked);
  EXPECT_EQ(explain("I0000001"), explain("I0000001"));
  EXPECT_EQ(fs::last_write_time(index()), written);  // read, not written again
}

TEST_F(CustomerIndexCli, StatusOfACustomerUsesTheSameIndex) {
  touch_invoices();
  const std::string walked = status("C01000");
  EXPECT_FALSE(fs::exists(index()));
  ASSERT_NE(walked.find("C01000"), std::string::npos) << walked;
  settle_files();
  EXPECT_EQ(status("C01000"), walked);
  ASSERT_TRUE(fs::exists(index()));
  const auto written = fs::last_write_time(index());
  EXPECT_EQ(status("C01000"), walked);
  EXPECT_EQ(fs::last_write_time(index()), written);
  // A changed file: the index is written again for it.
  touch_invoices();
  settle_files();
  EXPECT_EQ(status("C01000"), walked);
  EXPECT_NE(fs::last_write_time(index()), written);
}

}  // namespace
}  // namespace dun

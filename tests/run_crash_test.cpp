// Crash safety of the daily run (data-model.md: "A crash at any point loses nothing and sends
// nothing twice on the next run"): the process is killed at each commit point in turn, the day is
// run again, and the jsonl file and the state store must equal those of a run that never crashed —
// with the shipped scenarios, and with them cut to a repeating last step (grouped by customer,
// limited and repeated, language.md §3.2).
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "engine/base/fault_hook.hpp"
#include "run_test_support.hpp"
#include "sqlite_rows.hpp"

namespace dun {
namespace {

constexpr int kCrashExitCode = 77;
std::string_view armed_point;

void crash_at_armed_point(std::string_view point) {
  if (point == armed_point) ::_exit(kCrashExitCode);
}

class RunCrashTest
    : public ::testing::TestWithParam<std::tuple<std::string_view, bool /* repeating */>> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(testing::fresh_directory("run-crash"));
    dates_ =
        new std::vector<Date>(testing::generate_days(*dir_, 400, 30, Date::from_ymd(2026, 3, 2)));
    config_ = new Config(testing::demo_config());
    repeating_ = new std::filesystem::path(testing::repeating_scenarios(*dir_));
    // The references: the same days, never interrupted.
    for (const bool repeating : {false, true}) {
      for (Date date : *dates_) {
        auto run =
            testing::run_one_day(*dir_, date, reference(repeating, ".db"),
                                 reference(repeating, ".jsonl"), *config_, scenarios(repeating));
        ASSERT_TRUE(run.ok()) << run.error().message;
      }
    }
  }
  static std::filesystem::path reference(bool repeating, const char* extension) {
    return *dir_ / (std::string(repeating ? "reference-repeat" : "reference") + extension);
  }
  static std::filesystem::path scenarios(bool repeating) {
    return repeating ? *repeating_ : testing::shipped_scenarios();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete dates_;
    delete config_;
    delete repeating_;
  }
  static std::filesystem::path* dir_;
  static std::filesystem::path* repeating_;
  static std::vector<Date>* dates_;
  static Config* config_;
};
std::filesystem::path* RunCrashTest::dir_ = nullptr;
std::filesystem::path* RunCrashTest::repeating_ = nullptr;
std::vector<Date>* RunCrashTest::dates_ = nullptr;
Config* RunCrashTest::config_ = nullptr;

TEST_P(RunCrashTest, ARerunAfterACrashEqualsARunThatNeverCrashed) {
  const std::string point(std::get<0>(GetParam()));
  const bool repeating = std::get<1>(GetParam());
  const std::string name = point.substr(point.find(':') + 1) + (repeating ? "-repeat" : "");
  const auto database = *dir_ / (name + ".db");
  const auto jsonl = *dir_ / (name + ".jsonl");
  std::filesystem::remove(database);
  std::filesystem::remove(jsonl);
  int crashes = 0;
  for (Date date : *dates_) {
    // Every fifth day crashes at the point under test, then the day is run again.
    if ((date.days() % 5) == 0) {
      const pid_t child = ::fork();
      ASSERT_GE(child, 0);
      if (child == 0) {
        armed_point = point;
        set_fault_hook(crash_at_armed_point);
        auto run =
            testing::run_one_day(*dir_, date, database, jsonl, *config_, scenarios(repeating));
        ::_exit(run.ok() ? 0 : 1);
      }
      int status = 0;
      ASSERT_EQ(::waitpid(child, &status, 0), child);
      ASSERT_TRUE(WIFEXITED(status));
      ASSERT_TRUE(WEXITSTATUS(status) == kCrashExitCode || WEXITSTATUS(status) == 0)
          << "the crashing run failed instead on " << date.to_string();
      crashes += WEXITSTATUS(status) == kCrashExitCode;
    }
    auto run = testing::run_one_day(*dir_, date, database, jsonl, *config_, scenarios(repeating));
    ASSERT_TRUE(run.ok()) << run.error().message;
  }
  EXPECT_GT(crashes, 0) << "the point " << point << " was never reached";
  if (repeating) {
    EXPECT_NE(
        testing::table_rows(database, "SELECT count(*) > 0 FROM step_events WHERE repetition > 0"),
        std::vector<std::string>{"0|"})
        << "the repeating steps repeated";
  }
  EXPECT_EQ(testing::read_lines(jsonl), testing::read_lines(reference(repeating, ".jsonl")));
  for (const char* query :
       {"SELECT id, status, status_on, invoices FROM actions ORDER BY id",
        "SELECT invoice_id, scenario, state, last_step FROM sequences ORDER BY invoice_id",
        "SELECT invoice_id, scenario, step, status, reason, event_date, repetition FROM "
        "step_events "
        "ORDER BY 1, 2, 3",
        "SELECT id, kind, status, action_id FROM tasks ORDER BY id",
        "SELECT invoice_id, event_date, kind, detail FROM events ORDER BY id",
        "SELECT count(*) FROM jsonl_outbox"}) {
    EXPECT_EQ(testing::table_rows(database, query),
              testing::table_rows(reference(repeating, ".db"), query))
        << query;
  }
}

INSTANTIATE_TEST_SUITE_P(EveryCommitPoint, RunCrashTest,
                         ::testing::Combine(::testing::ValuesIn(kFaultPoints), ::testing::Bool()),
                         [](const auto& point_info) {
                           std::string name(std::get<0>(point_info.param));
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name + (std::get<1>(point_info.param) ? "_repeating" : "");
                         });

}  // namespace
}  // namespace dun

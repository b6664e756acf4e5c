// The daily run's two loads side by side (docs/state-store.md, "The two loads side by side"): the
// state store's sequences read on a second thread while the snapshot loads. The same days run
// with the loads overlapped and one after the other (RunOptions::overlap_loads) must leave the
// same store, write the same actions and fail with the same errors, the snapshot's first when
// both fail; the timings report each load's own time and that they overlapped.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "cli_process.hpp"
#include "engine/store/state_store.hpp"
#include "run_test_support.hpp"
#include "sqlite_rows.hpp"

namespace dun {
namespace {

constexpr std::uint64_t kInvoices = 3000;
constexpr std::uint32_t kDays = 6;

class RunLoadsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(testing::fresh_directory("run-loads"));
    dates_ = new std::vector<Date>(
        testing::generate_days(*dir_, kInvoices, kDays, *Date::parse("2026-03-02")));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
    delete dates_;
  }

  // One day into `name`.db and `name`.jsonl, the loads overlapped or not.
  Result<RunSummary> run(const std::string& name, Date date, bool overlap, Shard shard = {},
                         std::filesystem::path snapshot = {}, bool strict = false) {
    RunOptions options(config_);
    options.date = date;
    options.snapshot = snapshot.empty() ? *dir_ / "days" / date.to_string() : snapshot;
    options.scenarios = testing::shipped_scenarios();
    options.templates = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "templates";
    options.database = *dir_ / (name + ".db");
    options.jsonl = *dir_ / (name + ".jsonl");
    options.shard = shard;
    options.strict = strict;
    options.overlap_loads = overlap;
    dsl::Diagnostics diagnostics;
    return run_day(options, diagnostics);
  }

  // A folder with a dun.toml for `dun run` from the command line, and the run's arguments for
  // `date` into that folder's dun.db, logging each phase (--verbose).
  static std::filesystem::path cli_folder(const std::string& name) {
    const auto folder = *dir_ / name;
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "dun.toml") << "[engine]\ndefault_scenario = \"standard_b2b\"\n"
                                          "[rates]\nUSD = 0.92\nGBP = 1.17\nPLN = 0.23\n";
    return folder;
  }
  static std::string verbose_run_arguments(Date date) {
    const std::string source = DUN_SOURCE_DIR;
    return "run --config dun.toml --snapshot " + (*dir_ / "days" / date.to_string()).string() +
           " --scenarios " + source + "/scenarios --templates " + source +
           "/scenarios/templates --db dun.db --date " + date.to_string() + " --verbose";
  }

  // Runs `date` into a fresh pair of stores, one each way, with what `prepare` did to both
  // stores after the first day; returns both results.
  std::pair<Result<RunSummary>, Result<RunSummary>> both_ways(
      const std::string& name, const std::function<void(const std::filesystem::path&)>& prepare,
      std::filesystem::path snapshot = {}, bool strict = false) {
    for (const char* way : {"-overlapped", "-sequential"}) {
      auto first = run(name + way, dates_->at(0), std::string(way) == "-overlapped");
      EXPECT_TRUE(first) << first.error().message;
      prepare(*dir_ / (name + way + ".db"));
    }
    auto overlapped = run(name + "-overlapped", dates_->at(1), true, {}, snapshot, strict);
    auto sequential = run(name + "-sequential", dates_->at(1), false, {}, snapshot, strict);
    return {std::move(overlapped), std::move(sequential)};
  }

  // Both runs failed with the same message (but for the store each names), which has `fragment`.
  static void expect_same_failure(const Result<RunSummary>& overlapped,
                                  const Result<RunSummary>& sequential,
                                  const std::string& fragment) {
    ASSERT_FALSE(overlapped);
    ASSERT_FALSE(sequential);
    EXPECT_NE(overlapped.error().message.find(fragment), std::string::npos)
        << overlapped.error().message;
    std::string message = sequential.error().message;
    const std::string store = "-sequential.db";
    if (const auto at = message.find(store); at != std::string::npos)
      message.replace(at, store.size(), "-overlapped.db");
    EXPECT_EQ(overlapped.error().message, message);
  }

  // The store's content a run decides, without the times it was made at.
  static std::vector<std::string> content(const std::filesystem::path& database) {
    std::vector<std::string> rows;
    for (const char* query :
         {"SELECT * FROM sequences ORDER BY invoice_id",
          "SELECT * FROM step_events ORDER BY invoice_id, scenario, step",
          "SELECT id, run_date, outcome, invoices, actions, events, tasks, quarantined, "
          "evaluation_errors, shard FROM runs ORDER BY id",
          "SELECT id, customer_id, scenario, step, channel, status, created_on FROM actions "
          "ORDER BY id",
          "SELECT action_id, kind, status FROM tasks ORDER BY id"}) {
      for (std::string& row : testing::table_rows(database, query)) rows.push_back(std::move(row));
    }
    return rows;
  }

  static std::size_t completed_runs(const std::filesystem::path& database) {
    return testing::table_rows(database, "SELECT id FROM runs WHERE outcome = 'completed'").size();
  }

  // A snapshot folder like day 2's whose invoices file ends with a row whose amount is not a
  // number: with --strict its load fails.
  static std::filesystem::path bad_snapshot() {
    const auto folder = *dir_ / "bad-snapshot";
    std::filesystem::remove_all(folder);
    std::filesystem::copy(*dir_ / "days" / dates_->at(1).to_string(), folder);
    const auto invoices = folder / "invoices.csv";
    EXPECT_EQ(testing::read_lines(invoices).at(0).rfind("id,customer_id,number,kind,issue_date,"
                                                        "due_date,currency,amount,",
                                                        0),
              0u);
    std::string broken = testing::read_lines(invoices).at(1);
    std::vector<std::string> fields;
    for (std::size_t start = 0;;) {
      const auto comma = broken.find(',', start);
      fields.push_back(broken.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    fields[7] = "x";  // the amount
    std::string row;
    for (const std::string& value : fields) row += (row.empty() ? "" : ",") + value;
    std::ofstream(invoices, std::ios::app) << row << "\n";
    return folder;
  }

  static void execute(const std::filesystem::path& database, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(database.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error != nullptr ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  static void damage_a_sequence(const std::filesystem::path& database) {
    execute(database,
            "UPDATE sequences SET started_on = '2026-13-45' WHERE invoice_id = "
            "(SELECT min(invoice_id) FROM sequences)");
  }

  static inline std::filesystem::path* dir_ = nullptr;
  static inline std::vector<Date>* dates_ = nullptr;
  Config config_ = testing::demo_config();
};

TEST_F(RunLoadsTest, OverlappedLoadsGiveTheSameDaysAsLoadsOneAfterTheOther) {
  for (const Date date : *dates_) {
    auto overlapped = run("same-overlapped", date, true);
    auto sequential = run("same-sequential", date, false);
    ASSERT_TRUE(overlapped) << overlapped.error().message;
    ASSERT_TRUE(sequential) << sequential.error().message;
    EXPECT_EQ(overlapped->actions_created, sequential->actions_created) << date.to_string();
    EXPECT_EQ(overlapped->handled, sequential->handled);
    EXPECT_EQ(overlapped->closed, sequential->closed);
    EXPECT_EQ(overlapped->tasks_cancelled, sequential->tasks_cancelled);
    EXPECT_EQ(overlapped->warnings, sequential->warnings);
  }
  // The same date again: nothing new either way.
  auto again = run("same-overlapped", dates_->back(), true);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->repeated_date);
  EXPECT_EQ(again->actions_created, 0u);
  ASSERT_TRUE(run("same-sequential", dates_->back(), false));

  const auto overlapped = content(*dir_ / "same-overlapped.db");
  EXPECT_GT(overlapped.size(), kInvoices) << "the days started sequences and created actions";
  EXPECT_EQ(overlapped, content(*dir_ / "same-sequential.db"));
  const auto lines = testing::read_lines(*dir_ / "same-overlapped.jsonl");
  EXPECT_FALSE(lines.empty());
  EXPECT_EQ(lines, testing::read_lines(*dir_ / "same-sequential.jsonl"));
}

TEST_F(RunLoadsTest, AShardsDaysAreTheSameEitherWay) {
  const Shard shard{1, 3};
  for (const Date date : *dates_) {
    auto overlapped = run("shard-overlapped", date, true, shard);
    auto sequential = run("shard-sequential", date, false, shard);
    ASSERT_TRUE(overlapped) << overlapped.error().message;
    ASSERT_TRUE(sequential) << sequential.error().message;
    EXPECT_LT(overlapped->invoices, kInvoices);
    EXPECT_EQ(overlapped->invoices, sequential->invoices);
  }
  const auto overlapped = content(*dir_ / "shard-overlapped.db");
  EXPECT_EQ(overlapped, content(*dir_ / "shard-sequential.db"));
  EXPECT_EQ(testing::read_lines(*dir_ / "shard-overlapped.jsonl"),
            testing::read_lines(*dir_ / "shard-sequential.jsonl"));
}

TEST_F(RunLoadsTest, TheTimingsGiveEachLoadItsOwnTimeAndSayTheyOverlapped) {
  auto overlapped = run("timings-overlapped", dates_->at(0), true);
  ASSERT_TRUE(overlapped) << overlapped.error().message;
  std::vector<std::string> phases;
  for (const PhaseTiming& timing : overlapped->timings) {
    phases.push_back(timing.phase + (timing.beside_previous ? " (beside)" : ""));
  }
  const std::vector<std::string> expected = {"scenarios", "load snapshot", "load state (beside)",
                                             "day plan",  "evaluate",      "contact limits",
                                             "record",    "commit",        "jsonl"};
  EXPECT_EQ(phases, expected);
  EXPECT_GT(overlapped->total_seconds, 0);

  auto sequential = run("timings-sequential", dates_->at(0), false);
  ASSERT_TRUE(sequential) << sequential.error().message;
  phases.clear();
  double sum = 0;
  for (const PhaseTiming& timing : sequential->timings) {
    phases.push_back(timing.phase + (timing.beside_previous ? " (beside)" : ""));
    sum += timing.seconds;
  }
  EXPECT_EQ(phases[2], "load state");
  // One after the other, the phases add up to the run (the same clock readings, summed).
  EXPECT_NEAR(sum, sequential->total_seconds, 1e-6);
}

// `dun run --verbose` logs each load's own times, then both as one section, in the form
// bench/run.sh reads ("run DATE: PHASE took W s (cpu C s)"); the summary's `timings:` line joins
// them with "‖".
TEST_F(RunLoadsTest, DunRunReportsTheOverlappingLoadsInItsLogAndItsSummary) {
  const auto folder = cli_folder("cli");
  for (const Date date : {dates_->at(0), dates_->at(1)}) {
    const auto run = testing::run_dun(folder, verbose_run_arguments(date));
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const std::string day = "run " + date.to_string() + ": ";
    for (const std::string phase : {"load snapshot", "load state", "load snapshot ‖ load state"}) {
      const std::regex logged(day + phase + R"( took [0-9]+\.[0-9]{3}s \(cpu [0-9]+\.[0-9]{3}s\))");
      EXPECT_TRUE(std::regex_search(run.err, logged)) << phase << "\n" << run.err;
    }
    const std::regex timings(
        R"(  timings: scenarios [0-9.]+s; load snapshot [0-9.]+s ‖ load state [0-9.]+s; )"
        R"(day plan [0-9.]+s; .* commit [0-9.]+s; total [0-9.]+s\n)");
    EXPECT_TRUE(std::regex_search(run.out, timings)) << run.out;
  }
}

// On one CPU (taskset, a container's cpuset) a second thread would only take turns with the first
// while holding both loads' memory: `dun run` loads one after the other, and its log says so.
TEST_F(RunLoadsTest, OnOneCpuTheLoadsRunOneAfterTheOther) {
  const auto folder = cli_folder("one-cpu");
  for (const Date date : {dates_->at(0), dates_->at(1)}) {
    const auto run =
        testing::run_command("cd \"" + folder.string() + "\" && taskset -c 0 \"" + DUN_BINARY +
                             "\" " + verbose_run_arguments(date) + " 2>&1");
    ASSERT_EQ(run.exit_code, 0) << run.out;
    const std::string day = "run " + date.to_string() + ": ";
    for (const std::string phase : {"load snapshot", "load state"}) {
      const std::regex logged(day + phase + R"( took [0-9]+\.[0-9]{3}s \(cpu [0-9]+\.[0-9]{3}s\))");
      EXPECT_TRUE(std::regex_search(run.out, logged)) << phase << "\n" << run.out;
    }
    EXPECT_EQ(run.out.find("‖"), std::string::npos) << run.out;
    const std::regex timings(R"(  timings: scenarios [0-9.]+s; load snapshot [0-9.]+s; )"
                             R"(load state [0-9.]+s; day plan [0-9.]+s; )");
    EXPECT_TRUE(std::regex_search(run.out, timings)) << run.out;
  }
}

TEST_F(RunLoadsTest, AStateStoreThatCannotBeReadFailsTheRunWhileTheSnapshotLoadsFine) {
  auto [overlapped, sequential] = both_ways("damaged", damage_a_sequence);
  expect_same_failure(overlapped, sequential, "the date '2026-13-45', which dun never writes");
  EXPECT_EQ(completed_runs(*dir_ / "damaged-overlapped.db"), 1u) << "only the first day";

  // The connection the loading thread used is the run's again: once repaired, the day runs.
  execute(*dir_ / "damaged-overlapped.db",
          "UPDATE sequences SET started_on = '2026-03-02' WHERE started_on = '2026-13-45'");
  auto repaired = run("damaged-overlapped", dates_->at(1), true);
  ASSERT_TRUE(repaired) << repaired.error().message;
  EXPECT_EQ(completed_runs(*dir_ / "damaged-overlapped.db"), 2u);
}

TEST_F(RunLoadsTest, AnAssignmentToAMissingScenarioFailsTheRunEitherWay) {
  const auto assign_to_a_missing_scenario = [](const std::filesystem::path& database) {
    auto store = StateStore::open(database);
    ASSERT_TRUE(store) << store.error().message;
    Override assignment;
    assignment.subject = "C-GONE";
    assignment.scenario = "standard_b2x";
    assignment.set_on = *Date::parse("2026-03-02");
    assignment.set_by = "test";
    ASSERT_TRUE(store.value().put_override(assignment).ok());
  };
  auto [overlapped, sequential] = both_ways("assigned", assign_to_a_missing_scenario);
  expect_same_failure(overlapped, sequential, "the assignment of customer C-GONE (dun assign)");
}

TEST_F(RunLoadsTest, ASnapshotThatCannotBeLoadedFailsTheRunWhileTheStateLoadsFine) {
  auto [overlapped, sequential] = both_ways(
      "bad-snapshot", [](const std::filesystem::path&) {}, bad_snapshot(), true);
  expect_same_failure(overlapped, sequential, "amount: 'x' is not a decimal amount");
  EXPECT_EQ(completed_runs(*dir_ / "bad-snapshot-overlapped.db"), 1u);
}

TEST_F(RunLoadsTest, WhenBothLoadsFailTheSnapshotsErrorIsTheRunsEitherWay) {
  auto [overlapped, sequential] = both_ways("both", damage_a_sequence, bad_snapshot(), true);
  expect_same_failure(overlapped, sequential, "amount: 'x' is not a decimal amount");
  EXPECT_EQ(overlapped.error().message.find("2026-13-45"), std::string::npos)
      << overlapped.error().message;
}

}  // namespace
}  // namespace dun

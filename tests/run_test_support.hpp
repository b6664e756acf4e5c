// Shared by the end-to-end tests of the daily run: a generated portfolio of daily snapshots, the
// shipped scenarios, and a run of a given day into a given state store and jsonl file.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/generate/generate.hpp"
#include "engine/run/run.hpp"

namespace dun::testing {

inline std::filesystem::path fresh_directory(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("dun-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// `days` daily snapshots of a generated portfolio under dir/days/YYYY-MM-DD/.
inline std::vector<Date> generate_days(const std::filesystem::path& dir, std::uint64_t invoices,
                                       std::uint32_t days, Date start) {
  GenerateOptions options;
  options.invoices = invoices;
  options.days = days;
  options.start = start;
  options.seed = 11;
  options.out_dir = dir / "days";
  const auto generated = generate_portfolio(options);
  EXPECT_TRUE(generated.ok()) << (generated.ok() ? "" : generated.error().message);
  std::vector<Date> dates;
  for (std::uint32_t d = 0; d < days; ++d) dates.push_back(start + static_cast<std::int32_t>(d));
  return dates;
}

inline Config demo_config() {
  Config config;
  config.engine.default_scenario = "standard_b2b";
  for (const auto& [code, rate] : {std::pair{"USD", "0.92"}, {"GBP", "1.17"}, {"PLN", "0.23"}}) {
    EXPECT_TRUE(config.rates.set(*Currency::from_code(code), rate).ok());
  }
  return config;
}

inline std::filesystem::path shipped_scenarios() {
  return std::filesystem::path(DUN_SOURCE_DIR) / "scenarios";
}

// The shipped scenarios (which group by customer and limit emails and letters), each cut after
// its leading email steps, the last of which then repeats: `repeat every 14 days at most 3
// times` (language.md §3.2). Written as dir/scenarios-repeat/NAME.dun, their tests left out;
// returns the folder.
inline std::filesystem::path repeating_scenarios(const std::filesystem::path& dir) {
  const auto folder = dir / "scenarios-repeat";
  std::filesystem::create_directories(folder);
  for (const auto& entry : std::filesystem::directory_iterator(shipped_scenarios())) {
    if (entry.path().extension() != ".dun") continue;
    std::ifstream in(entry.path());
    std::string text, line, step;
    bool in_steps = false;
    const auto keep_step = [&] {
      if (step.find("\n    email ") == std::string::npos) return false;
      text += step;
      step.clear();
      return true;
    };
    while (std::getline(in, line)) {
      if (line.rfind("  step ", 0) == 0 || line == "end") {
        if (in_steps && !keep_step()) break;
        in_steps = true;
        if (line == "end") break;
      }
      (in_steps ? step : text) += line + "\n";
    }
    while (text.size() > 1 && text.ends_with("\n\n")) text.pop_back();
    std::ofstream(folder / entry.path().filename())
        << text << "    repeat every 14 days at most 3 times\nend\n";
  }
  return folder;
}

inline Result<RunSummary> run_one_day(
    const std::filesystem::path& dir, Date date, const std::filesystem::path& database,
    const std::filesystem::path& jsonl, const Config& config,
    const std::filesystem::path& scenarios = shipped_scenarios()) {
  RunOptions options(config);
  options.date = date;
  options.snapshot = dir / "days" / date.to_string();
  options.scenarios = scenarios;
  options.templates = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "templates";
  options.database = database;
  options.jsonl = jsonl;
  dsl::Diagnostics diagnostics;
  return run_day(options, diagnostics);
}

// Generates `days` daily snapshots of `invoices` invoices from `start` into `dir` and runs each
// into `dir`/dun.db and `dir`/run.jsonl with the shipped scenarios: the store of a portfolio
// followed for a while. Returns the last day (a failed run is a test failure).
inline Date run_generated_days(const std::filesystem::path& dir, std::uint64_t invoices,
                               std::uint32_t days, Date start, const Config& config) {
  const auto dates = generate_days(dir, invoices, days, start);
  for (Date date : dates) {
    auto run = run_one_day(dir, date, dir / "dun.db", dir / "run.jsonl", config);
    EXPECT_TRUE(run.ok()) << run.error().message;
  }
  return dates.back();
}

// A suite over one store: `kInvoices` invoices generated and followed for `kDays` days from
// 2026-01-05 with the demo's configuration, once for the whole suite, in a folder named after
// it. The tests read dir_ (days/DATE snapshots, dun.db, run.jsonl), config_ and last_ (the last
// day run).
template <std::uint64_t kInvoices, std::uint32_t kDays>
class FollowedPortfolioTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string suite = ::testing::UnitTest::GetInstance()->current_test_suite()->name();
    dir_ = new std::filesystem::path(fresh_directory(suite));
    config_ = new Config(demo_config());
    last_ = run_generated_days(*dir_, kInvoices, kDays, Date::from_ymd(2026, 1, 5), *config_);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete config_;
    delete dir_;
  }

  static inline std::filesystem::path* dir_ = nullptr;
  static inline Config* config_ = nullptr;
  static inline Date last_;
};

inline std::vector<std::string> read_lines(const std::filesystem::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace dun::testing

// A GoogleTest fixture for suites that run the real `dun` in a folder of their own: the folder
// (removed after a passing test, kept for a look after a failing one), writing files into it,
// running dun there, and comparing its output with a golden file.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli_process.hpp"
#include "tests/golden_file.hpp"

namespace dun::testing {

class CliFolderTest : public ::testing::Test {
 protected:
  // A folder named after `prefix` and the test.
  void make_folder(const std::string& prefix) {
    const auto* unit = ::testing::UnitTest::GetInstance();
    dir_ = std::filesystem::temp_directory_path() /
           (prefix + std::to_string(unit->random_seed()) + "_" + unit->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  void write(const std::filesystem::path& relative, const std::string& text) {
    std::filesystem::create_directories((dir_ / relative).parent_path());
    std::ofstream(dir_ / relative) << text;
  }

  CommandResult dun(const std::string& args) { return run_dun(dir_, args); }

  // Exit 0, or the test fails with what dun said.
  std::string ok(const std::string& args) {
    const CommandResult result = dun(args);
    EXPECT_EQ(result.exit_code, 0) << "dun " << args << "\n" << result.out << result.err;
    return result.out;
  }

  // The output with the test's folder written DIR (goldens must not depend on where the test
  // ran), compared with the golden file `golden`.
  void expect_golden(const std::filesystem::path& golden, std::string actual) {
    const std::string folder = dir_.string();
    for (std::size_t at; (at = actual.find(folder)) != std::string::npos;) {
      actual.replace(at, folder.size(), "DIR");
    }
    expect_golden_file(golden, actual);
  }

  std::filesystem::path dir_;
};

}  // namespace dun::testing

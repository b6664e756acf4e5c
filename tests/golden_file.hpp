// Comparing a test's output with its golden file, or rewriting the file under DUN_UPDATE_GOLDEN=1
// after a deliberate change (review the diff before committing it).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli_process.hpp"

namespace dun::testing {

inline void expect_golden_file(const std::filesystem::path& golden, const std::string& actual) {
  if (std::getenv("DUN_UPDATE_GOLDEN") != nullptr) {
    if (golden.has_parent_path()) std::filesystem::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  EXPECT_EQ(actual, slurp(golden))
      << "golden file " << golden << " (DUN_UPDATE_GOLDEN=1 rewrites it after a review)";
}

}  // namespace dun::testing

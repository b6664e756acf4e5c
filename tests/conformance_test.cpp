// The scenario conformance suite: every tests/conformance/*.test case (format in
// tests/conformance/README.md) on every back end of backends.hpp, driving the real `dun` binary.
//   DUN_CONFORMANCE_FILTER=NAME   run only the cases whose name contains NAME
//   DUN_CONFORMANCE_KEEP=1        keep each case's scratch directory and print where it is
//   DUN_CONFORMANCE_BINARY=PATH   drive another `dun` than the one this build made
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "engine/base/temp_folder.hpp"
#include "tests/conformance_runner/backends.hpp"
#include "tests/conformance_runner/case_file.hpp"
#include "tests/conformance_runner/case_replay.hpp"

namespace dun::conformance {
namespace {

namespace fs = std::filesystem;

struct CaseOnBackend {
  fs::path file;
  std::string backend;
};

// How ctest and gtest name a parameter in their reports.
void PrintTo(const CaseOnBackend& param, std::ostream* out) {
  *out << param.file.filename().string() << " on " << param.backend;
}

std::vector<CaseOnBackend> all_cases() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DUN_SOURCE_DIR) / "tests/conformance")) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  const char* filter = std::getenv("DUN_CONFORMANCE_FILTER");
  std::vector<CaseOnBackend> cases;
  for (const fs::path& file : files) {
    if (filter != nullptr && file.stem().string().find(filter) == std::string::npos) continue;
    for (const std::string_view backend : kBackends) cases.push_back({file, std::string(backend)});
  }
  return cases;
}

std::string test_name(const testing::TestParamInfo<CaseOnBackend>& info) {
  std::string name = info.param.file.stem().string() + "_" + info.param.backend;
  std::replace_if(
      name.begin(), name.end(),
      [](char c) { return std::isalnum(static_cast<unsigned char>(c)) == 0; }, '_');
  return name;
}

fs::path make_scratch_dir(const std::string& name) {
  auto folder = dun::make_temp_folder("dun-conformance-" + name);
  return folder.ok() ? *folder : fs::path();
}

class Conformance : public testing::TestWithParam<CaseOnBackend> {};

TEST_P(Conformance, Case) {
  const CaseOnBackend& param = GetParam();
  const std::string name = param.file.stem().string();
  Case test_case;
  try {
    test_case = read_case_file(param.file);
  } catch (const std::exception& error) {
    FAIL() << error.what();
  }
  const fs::path scratch = make_scratch_dir(name);
  ASSERT_FALSE(scratch.empty()) << "cannot create a scratch directory";
  const char* binary_override = std::getenv("DUN_CONFORMANCE_BINARY");
  const fs::path binary = binary_override != nullptr ? binary_override : DUN_BINARY;
  const ReplayOutcome outcome = replay_case(test_case, binary, param.backend, scratch);
  const bool keep = std::getenv("DUN_CONFORMANCE_KEEP") != nullptr;
  if (keep) {
    std::printf("%s: scratch directory kept in %s\n", name.c_str(), scratch.c_str());
  } else {
    fs::remove_all(scratch);
  }
  EXPECT_TRUE(outcome.passed) << param.file.string() << " on back end " << param.backend << ":\n"
                              << outcome.report;
}

// Cases are found when the test starts, so a new .test file needs no rebuild.
INSTANTIATE_TEST_SUITE_P(Scenario, Conformance, testing::ValuesIn(all_cases()), test_name);
// A filter matching no case leaves the suite empty; that is not an error.
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Conformance);

}  // namespace
}  // namespace dun::conformance

// Golden diagnostics: every tests/golden/*.dun file states, in `# expect-error: LINE:COL: message`
// (and `# expect-warning:`) comments, exactly what the real `dun check` must report for it. The
// runner compares both ways: a missing diagnostic and an unexpected one both fail.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kGoldenDir = fs::path(DUN_SOURCE_DIR) / "tests" / "golden";

std::vector<std::string> golden_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kGoldenDir)) {
    if (entry.path().extension() == ".dun") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "error 12:27: message" for every expectation comment of the file.
std::multiset<std::string> expectations(const fs::path& file) {
  static const std::regex kExpect(R"(^\s*# expect-(error|warning): (\d+:\d+: .*)$)");
  std::multiset<std::string> expected;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::smatch match;
    if (std::regex_match(line, match, kExpect))
      expected.insert(match[1].str() + " " + match[2].str());
  }
  return expected;
}

struct CheckRun {
  std::string output;
  int exit_code = -1;
};

CheckRun run_check(const fs::path& file) {
  const std::string command =
      std::string("\"") + DUN_BINARY + "\" check \"" + file.string() + "\" 2>/dev/null";
  CheckRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    run.output.append(buffer, n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// "error 12:27: message" for every diagnostic `dun check` printed about `file`.
std::multiset<std::string> reported(const std::string& output, const fs::path& file) {
  const std::string prefix = file.string() + ":";
  static const std::regex kDiagnostic(R"(^(\d+:\d+): (error|warning): (.*)$)");
  std::multiset<std::string> found;
  std::size_t start = 0;
  while (start < output.size()) {
    const std::size_t end = std::min(output.find('\n', start), output.size());
    const std::string line = output.substr(start, end - start);
    start = end + 1;
    if (!line.starts_with(prefix)) continue;
    const std::string rest = line.substr(prefix.size());
    std::smatch match;
    if (std::regex_match(rest, match, kDiagnostic)) {
      found.insert(match[2].str() + " " + match[1].str() + ": " + match[3].str());
    }
  }
  return found;
}

std::string listing(const std::multiset<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += "\n  " + item;
  return out;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, DiagnosticsMatchExpectations) {
  const fs::path file = kGoldenDir / GetParam();
  const std::multiset<std::string> expected = expectations(file);
  const CheckRun run = run_check(file);
  const std::multiset<std::string> found = reported(run.output, file);

  std::multiset<std::string> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), found.begin(), found.end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(found.begin(), found.end(), expected.begin(), expected.end(),
                      std::inserter(unexpected, unexpected.end()));
  EXPECT_TRUE(missing.empty()) << "expected but not reported:" << listing(missing)
                               << "\n--- dun check printed:\n"
                               << run.output;
  EXPECT_TRUE(unexpected.empty()) << "reported but not expected:" << listing(unexpected)
                                  << "\n--- dun check printed:\n"
                                  << run.output;
  const bool expects_errors =
      std::any_of(expected.begin(), expected.end(),
                  [](const std::string& e) { return e.starts_with("error "); });
  EXPECT_EQ(run.exit_code, expects_errors ? 1 : 0);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, Golden, ::testing::ValuesIn(golden_files()), test_name);

}  // namespace

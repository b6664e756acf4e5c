// architecture.md: "Every verb has `--help`". Every verb `dun --help` lists — whoever added it —
// must print a usage line naming it and at least one example, and exit 0.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli_process.hpp"

namespace {

std::vector<std::string> listed_verbs() {
  const auto result = dun::testing::run_dun(std::filesystem::temp_directory_path(), "--help");
  EXPECT_EQ(result.exit_code, 0);
  std::vector<std::string> verbs;
  std::istringstream lines(result.out);
  bool in_list = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "verbs:") {
      in_list = true;
    } else if (in_list && line.rfind("  ", 0) == 0) {
      std::istringstream words(line);
      std::string verb;
      words >> verb;
      verbs.push_back(verb);
    } else if (in_list) {
      break;
    }
  }
  return verbs;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

TEST(VerbHelp, TheVerbListNamesTheKnownVerbs) {
  const std::vector<std::string> verbs = listed_verbs();
  for (const char* verb :
       {"adapters", "agenda", "assign", "check",  "deliver", "fmt",    "gen",
        "history",  "lsp",    "optin",  "optout", "pause",   "report", "resume",
        "run",      "runs",   "send",   "serve",  "status",  "users",  "version"}) {
    EXPECT_NE(std::find(verbs.begin(), verbs.end(), verb), verbs.end()) << verb;
  }
}

TEST(VerbHelp, EveryVerbHasUsageAndAnExample) {
  const std::vector<std::string> verbs = listed_verbs();
  ASSERT_FALSE(verbs.empty());
  for (const std::string& verb : verbs) {
    const auto result =
        dun::testing::run_dun(std::filesystem::temp_directory_path(), verb + " --help");
    EXPECT_EQ(result.exit_code, 0) << verb << ": " << result.err;
    EXPECT_NE(result.out.find("usage: dun " + verb), std::string::npos) << verb;
    EXPECT_NE(lower(result.out).find("example"), std::string::npos) << verb;
  }
}

}  // namespace

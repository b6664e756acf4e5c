// The customer's view on the bundled demo (language.md §3.2): with the shipped scenarios (which
// group by customer and limit emails and letters), no customer gets more than one email or one
// letter on one day, nor two emails within the shipped email window (3 days), over the demo's
// 20 days of 5,000 invoices — read from the demo's actions.jsonl, the file a user would look at.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "stdlib/date.hpp"
#include "tests/cli_process.hpp"

namespace {

namespace fs = std::filesystem;

struct Created {
  std::string customer;
  std::string channel;
  std::string date;    // the date of its first line: when it was created
  std::string status;  // its latest status
};

// Every action of the jsonl by id: its first line's date, its last line's status.
std::map<std::string, Created> actions_of(const fs::path& jsonl) {
  std::map<std::string, Created> actions;
  std::ifstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    const auto json = nlohmann::json::parse(line);
    const std::string id = json.at("id");
    auto [entry, inserted] = actions.try_emplace(
        id, Created{json.at("customer"), json.at("channel"), json.at("date"), ""});
    entry->second.status = json.at("status");
  }
  return actions;
}

TEST(DemoContacts, OneEmailAndOneLetterPerCustomerDayAndNoTwoEmailsInTheWindow) {
  const fs::path dir =
      fs::temp_directory_path() / ("dun_demo_contacts_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // What ./dun.sh demo runs: 5,000 invoices, 20 days, seed 42, the shipped scenarios.
  const auto demo = dun::testing::run_dun(dir, "demo --dir out --invoices 5000 --days 20");
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  const auto actions = actions_of(dir / "out" / "actions.jsonl");
  ASSERT_GT(actions.size(), 1000u);

  std::map<std::tuple<std::string, std::string, std::string>, int> per_customer_day;
  std::map<std::string, std::set<std::string>> email_days;  // customer -> creation dates
  std::size_t customer_days = 0;
  for (const auto& [id, action] : actions) {
    if (action.channel == "task") continue;
    const auto key = std::make_tuple(action.customer, action.date, action.channel);
    const int count = ++per_customer_day[key];
    if (count == 1) ++customer_days;
    EXPECT_EQ(count, 1) << action.customer << " got more than one " << action.channel << " on "
                        << action.date;
    // A cancelled action is no contact: the limit lets another one through in its window.
    if (action.channel == "email" && action.status != "cancelled") {
      email_days[action.customer].insert(action.date);
    }
  }
  EXPECT_GT(customer_days, 500u);
  for (const auto& [customer, days] : email_days) {
    std::optional<dun::Date> previous;
    for (const std::string& text : days) {
      const dun::Date day = *dun::Date::parse(text);
      if (previous) {
        EXPECT_GE(day - *previous, 3) << customer << ": emails on " << previous->to_string()
                                      << " and " << text << ", inside the 3-day window";
      }
      previous = day;
    }
  }
  fs::remove_all(dir);
}

}  // namespace

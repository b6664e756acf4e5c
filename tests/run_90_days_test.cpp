// Ninety daily runs over a generated 20,000-invoice portfolio (`dun gen --days 90`), checking the
// guarantees of language.md §3 and §3.2 on everything the runs emitted, and that the same days
// run twice into fresh state stores give the same actions: once with the shipped scenarios
// (grouped by customer, limited), once with them cut after their email steps, the last of which
// repeats (grouped, limited and repeated).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "engine/snapshot/load_csv.hpp"
#include "run_test_support.hpp"

namespace dun {
namespace {

struct EmittedAction {
  std::string id, date, customer, status;
  std::vector<std::string> invoices;
};

// Reads the fields the invariants need from a jsonl line of data-model.md's fixed shape.
std::string field(const std::string& line, const std::string& name) {
  const std::string key = "\"" + name + "\":\"";
  const auto begin = line.find(key);
  if (begin == std::string::npos) return {};
  const auto start = begin + key.size();
  return line.substr(start, line.find('"', start) - start);
}

std::vector<std::string> invoice_list(const std::string& line) {
  const auto begin = line.find("\"invoices\":[") + 12;
  const auto end = line.find(']', begin);
  std::vector<std::string> invoices;
  for (auto pos = line.find('"', begin); pos < end; pos = line.find('"', pos)) {
    const auto close = line.find('"', pos + 1);
    invoices.push_back(line.substr(pos + 1, close - pos - 1));
    pos = close + 1;
  }
  return invoices;
}

// What language.md §3.2 options a scenario file states, read from its text (not by dun's parser).
struct ScenarioOptions {
  std::map<std::string, std::pair<int, int>> limits;  // channel -> (N, D days)
  std::string repeated_step;                          // the last step, when it repeats
  int repeat_days = 0;
  int repeat_times = 0;
};

std::map<std::string, ScenarioOptions> read_options(const std::filesystem::path& folder) {
  std::map<std::string, ScenarioOptions> options;
  const std::regex scenario(R"(^scenario (\w+) )");
  const std::regex limit(R"(^  at most (\d+) (email|letter) every (\d+) days)");
  const std::regex step(R"(^  step (\w+))");
  const std::regex repeat(R"(^    repeat every (\d+) days at most (\d+) times)");
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".dun") continue;
    std::ifstream in(entry.path());
    std::string name, last_step;
    std::smatch match;
    for (std::string line; std::getline(in, line);) {
      if (std::regex_search(line, match, scenario)) name = match[1];
      if (std::regex_search(line, match, limit)) {
        options[name].limits[match[2]] = {std::stoi(match[1]), std::stoi(match[3])};
      }
      if (std::regex_search(line, match, step)) last_step = match[1];
      if (std::regex_search(line, match, repeat)) {
        options[name].repeated_step = last_step;
        options[name].repeat_days = std::stoi(match[1]);
        options[name].repeat_times = std::stoi(match[2]);
      }
    }
  }
  return options;
}

std::vector<std::vector<std::string>> select_rows(sqlite3* db, const char* sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK) << sql;
  while (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
    std::vector<std::string>& row = rows.emplace_back();
    for (int c = 0; c < sqlite3_column_count(statement); ++c) {
      const auto* text = sqlite3_column_text(statement, c);
      row.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "");
    }
  }
  sqlite3_finalize(statement);
  return rows;
}

// §3.2 on the store after the days: no customer has more contacts of a channel in a window than
// its scenario's limit allows; a repeating step repeats no more often and no more times than it
// says. Returns how many repetitions fired.
std::size_t check_customer_view(sqlite3* db,
                                const std::map<std::string, ScenarioOptions>& options) {
  // Contacts that stood: actions not cancelled, by customer and channel, in date order.
  std::map<std::pair<std::string, std::string>, std::vector<Date>> contacts;
  struct Created {
    std::string scenario, customer, channel;
    Date date;
  };
  std::vector<Created> created;
  for (const auto& row :
       select_rows(db,
                   "SELECT scenario, customer_id, channel, created_on FROM actions "
                   "WHERE status <> 'cancelled' AND channel <> 'task' ORDER BY created_on")) {
    const Date date = *Date::parse(row[3]);
    contacts[{row[1], row[2]}].push_back(date);
    created.push_back({row[0], row[1], row[2], date});
  }
  std::size_t limited = 0;
  for (const Created& action : created) {
    const auto scenario = options.find(action.scenario);
    if (scenario == options.end()) continue;
    const auto limit = scenario->second.limits.find(action.channel);
    if (limit == scenario->second.limits.end()) continue;
    const auto [most, days] = limit->second;
    const Date first = action.date - (days - 1);
    int in_window = 0;
    for (Date date : contacts[{action.customer, action.channel}]) {
      in_window += first <= date && date <= action.date;
    }
    ++limited;
    EXPECT_LE(in_window, most) << action.customer << " got " << in_window << " " << action.channel
                               << "s in the " << days << " days to " << action.date.to_string()
                               << " (" << action.scenario << ": at most " << most << ")";
  }
  EXPECT_GT(limited, 0U) << "no action was under a contact limit";

  // Repetitions: "STEP" then "STEP #1", "STEP #2", … in the history of each invoice.
  std::size_t repetitions = 0;
  std::map<std::string, std::vector<std::pair<Date, int>>> fired;  // invoice -> (date, repetition)
  const auto rows = select_rows(db,
                                "SELECT e.invoice_id, e.event_date, e.detail, s.scenario FROM "
                                "events e JOIN sequences s USING (invoice_id) "
                                "WHERE e.kind = 'step_fired' ORDER BY e.id");
  for (const auto& row : rows) {
    const auto scenario = options.find(row[3]);
    if (scenario == options.end() || scenario->second.repeated_step.empty()) continue;
    const std::string& step = scenario->second.repeated_step;
    if (row[2].rfind(step + " ", 0) != 0) continue;
    const bool numbered = row[2].compare(step.size(), 2, " #") == 0;
    const int repetition = numbered ? std::stoi(row[2].substr(step.size() + 2)) : 0;
    fired[row[0]].emplace_back(*Date::parse(row[1]), repetition);
  }
  for (const auto& [invoice, firings] : fired) {
    const std::string scenario = select_rows(
        db, ("SELECT scenario FROM sequences WHERE invoice_id = '" + invoice + "'").c_str())[0][0];
    const ScenarioOptions& option = options.at(scenario);
    for (std::size_t i = 0; i < firings.size(); ++i) {
      EXPECT_LE(firings[i].second, option.repeat_times) << invoice;
      if (i == 0) continue;
      repetitions += firings[i].second > 0;
      EXPECT_EQ(firings[i].second, firings[i - 1].second + 1)
          << invoice << " on " << firings[i].first.to_string() << ": repetitions in order";
      EXPECT_GE(firings[i].first - firings[i - 1].first, option.repeat_days)
          << invoice << " repeated on " << firings[i].first.to_string() << ", "
          << (firings[i].first - firings[i - 1].first) << " days after "
          << firings[i - 1].first.to_string();
    }
  }
  return repetitions;
}

void check_ninety_days(const std::string& name, bool repeating) {
  const auto dir = testing::fresh_directory(name);
  const auto dates = testing::generate_days(dir, 20'000, 90, Date::from_ymd(2026, 1, 5));
  const Config config = testing::demo_config();
  const auto scenarios =
      repeating ? testing::repeating_scenarios(dir) : testing::shipped_scenarios();
  const auto options = read_options(scenarios);

  std::size_t fired = 0;
  for (const char* attempt : {"first", "second"}) {
    for (Date date : dates) {
      auto run = testing::run_one_day(dir, date, dir / (std::string(attempt) + ".db"),
                                      dir / (std::string(attempt) + ".jsonl"), config, scenarios);
      ASSERT_TRUE(run.ok()) << date.to_string() << ": " << run.error().message;
      EXPECT_TRUE(run->errors.empty()) << date.to_string() << ": " << run->errors.front().message;
      if (std::string(attempt) == "first") fired += run->fired;
    }
  }
  const auto lines = testing::read_lines(dir / "first.jsonl");
  EXPECT_EQ(lines, testing::read_lines(dir / "second.jsonl"));
  EXPECT_GT(fired, 1000u) << "the portfolio should keep the scenarios busy";

  std::map<std::string, EmittedAction> created;  // id -> the line that created it
  std::map<std::string, std::string> lines_by_id;
  for (const std::string& line : lines) {
    EmittedAction action{field(line, "id"), field(line, "date"), field(line, "customer"),
                         field(line, "status"), invoice_list(line)};
    if (action.status == "queued" || action.status == "pending_confirmation" ||
        action.status == "open") {
      if (created.count(action.id) && created[action.id].status != "pending_confirmation") {
        ADD_FAILURE() << "action " << action.id << " created twice";
      }
      if (!created.count(action.id)) {
        created[action.id] = action;
        lines_by_id[action.id] = line;
      }
    }
  }

  // The shipped scenarios group by customer (language.md §3.2): one email and one letter per
  // customer and day at most.
  std::map<std::tuple<std::string, std::string, std::string>, int> per_customer_day;
  for (const auto& [id, action] : created) {
    const std::string channel = field(lines_by_id.at(id), "channel");
    if (channel == "task") continue;
    const int count = ++per_customer_day[std::make_tuple(action.customer, action.date, channel)];
    EXPECT_EQ(count, 1) << action.customer << " got two " << channel << "s on " << action.date;
  }

  // Check every created action against the snapshot of its day.
  std::map<std::string, std::vector<const EmittedAction*>> by_date;
  for (const auto& [id, action] : created) by_date[action.date].push_back(&action);
  std::set<std::pair<std::string, std::string>> fired_invoice_days;
  for (const auto& [date, actions] : by_date) {
    auto snapshot = load_csv_snapshot(dir / "days" / date);
    ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
    const Portfolio& portfolio = snapshot->portfolio;
    for (const EmittedAction* action : actions) {
      for (const std::string& invoice : action->invoices) {
        const auto row = portfolio.find_invoice(invoice);
        ASSERT_TRUE(row) << "action " << action->id << " names invoice " << invoice
                         << ", absent from the snapshot of " << date;
        EXPECT_GT(portfolio.invoices.balance[*row], 0)
            << "action " << action->id << " on " << date << " for settled invoice " << invoice;
        EXPECT_EQ(portfolio.customers.id[portfolio.invoices.customer[*row]], action->customer)
            << "action " << action->id << " groups invoices of another customer";
      }
    }
  }
  // At most one step per invoice per day, from the history in the state store.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir / "first.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT invoice_id, event_date, count(*) FROM events "
                               "WHERE kind = 'step_fired' GROUP BY 1, 2 HAVING count(*) > 1",
                               -1, &statement, nullptr),
            SQLITE_OK);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    ADD_FAILURE() << "invoice " << sqlite3_column_text(statement, 0) << " fired "
                  << sqlite3_column_int(statement, 2) << " steps on "
                  << sqlite3_column_text(statement, 1);
  }
  sqlite3_finalize(statement);
  const std::size_t repetitions = check_customer_view(db, options);
  if (repeating) {
    EXPECT_GT(repetitions, 100U) << "the repeating steps should repeat";
  } else {
    EXPECT_EQ(repetitions, 0U) << "the shipped scenarios do not repeat";
  }
  sqlite3_close(db);
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(dir);
}

TEST(Run90Days, GuaranteesHoldAndTheRunsAreReproducible) {
  check_ninety_days("run-90-days", false);
}

TEST(Run90Days, GroupedLimitedAndRepeatedScenariosKeepTheirGuarantees) {
  check_ninety_days("run-90-days-repeat", true);
}

}  // namespace
}  // namespace dun

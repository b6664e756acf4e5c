// Ninety daily runs over a generated 20,000-invoice portfolio (`dun gen --days 90`), checking the
// guarantees of language.md §3 on everything the runs emitted, and that the same days run twice
// into fresh state stores give the same actions.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
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

TEST(Run90Days, GuaranteesHoldAndTheRunsAreReproducible) {
  const auto dir = testing::fresh_directory("run-90-days");
  const auto dates = testing::generate_days(dir, 20'000, 90, Date::from_ymd(2026, 1, 5));
  const Config config = testing::demo_config();

  std::size_t fired = 0;
  for (const char* attempt : {"first", "second"}) {
    for (Date date : dates) {
      auto run = testing::run_one_day(dir, date, dir / (std::string(attempt) + ".db"),
                                      dir / (std::string(attempt) + ".jsonl"), config);
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
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dun

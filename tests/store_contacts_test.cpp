// The contact limit's count (language.md §3.2) from the state store: a customer's actions of one
// channel created in the window, not cancelled, any mode or scenario (a manual `dun send` action
// included); the repetition count of a step event, kept when a later write does not name it.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "tests/store_test_support.hpp"

namespace dun::testing {
namespace {

class StoreContactsTest : public StoreTest {};

std::vector<Date> sorted(std::vector<Date> dates) {
  std::sort(dates.begin(), dates.end());
  return dates;
}

TEST_F(StoreContactsTest, CountsTheCustomersActionsOfTheChannelInTheWindowNotCancelled) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.actions = {email_action("a1", {"INV-1"}, "2026-01-16"),   // before the window
                   email_action("a2", {"INV-1"}, "2026-01-17"),   // first day of the window
                   email_action("a3", {"INV-2"}, "2026-01-19")};  // last day
  Action cancelled = email_action("a4", {"INV-3"}, "2026-01-18");
  cancelled.status = ActionStatus::cancelled;
  Action letter = email_action("a5", {"INV-1"}, "2026-01-18");
  letter.channel = Channel::letter;
  letter.letter_type = LetterType::registered;
  Action other_customer = email_action("a6", {"INV-9"}, "2026-01-18");
  other_customer.customer = "C2";
  Action manual = email_action("a7", {"INV-4"}, "2026-01-18");
  manual.scenario = manual.step = "manual";  // what `dun send` stores
  manual.status = ActionStatus::sent;
  batch.actions.insert(batch.actions.end(), {cancelled, letter, other_customer, manual});
  ASSERT_TRUE(store.commit_run(run_on("2026-01-19"), batch));

  const std::array<std::string_view, 3> customers = {"C1", "C2", "C3"};
  auto emails =
      store.contact_dates(customers, Channel::email, day("2026-01-17"), day("2026-01-19"));
  ASSERT_TRUE(emails) << emails.error().message;
  ASSERT_EQ(emails->size(), 3u);
  EXPECT_EQ(sorted((*emails)[0]),
            (std::vector<Date>{day("2026-01-17"), day("2026-01-18"), day("2026-01-19")}));
  EXPECT_EQ((*emails)[1], std::vector<Date>{day("2026-01-18")});
  EXPECT_TRUE((*emails)[2].empty());
  auto letters =
      store.contact_dates(customers, Channel::letter, day("2026-01-17"), day("2026-01-19"));
  ASSERT_TRUE(letters);
  EXPECT_EQ((*letters)[0], std::vector<Date>{day("2026-01-18")});
}

TEST_F(StoreContactsTest, TheCountIsAnIndexedLookup) {
  open_store();
  auto database = sqlite::Database::open(db_path());
  ASSERT_TRUE(database);
  auto plan = database.value().prepare(
      "EXPLAIN QUERY PLAN SELECT created_on FROM actions WHERE customer_id = 'C1' AND "
      "channel = 'email' AND created_on >= '2026-01-17' AND created_on <= '2026-01-19' AND "
      "status <> 'cancelled'");
  ASSERT_TRUE(plan);
  std::string detail;
  while (true) {
    auto row = plan.value().step();
    ASSERT_TRUE(row);
    if (!*row) break;
    detail += std::string(plan.value().column_text(3)) + "\n";
  }
  EXPECT_NE(detail.find("USING INDEX actions_contacts"), std::string::npos) << detail;
}

TEST_F(StoreContactsTest, AStepEventKeepsItsRepetitionUnlessAWriteNamesIt) {
  StateStore store = open_store();
  ChangeBatch batch;
  batch.sequences = {sequence("INV-1", "final", "2026-01-19")};
  StepEvent fired{"INV-1", "standard_b2b",    "final", StepStatus::fired,
                  "",      day("2026-01-19"), "a1",    2};
  batch.step_events = {fired};
  ASSERT_TRUE(store.commit_run(run_on("2026-01-19"), batch));
  ChangeBatch skip;
  skip.step_events = {
      {"INV-1", "standard_b2b", "final", StepStatus::skipped, "late", day("2026-02-05"), ""}};
  ASSERT_TRUE(store.commit_run(run_on("2026-02-05"), skip));
  auto table = store.load_sequences();
  ASSERT_TRUE(table);
  const auto event = table->find_event(0, "final");
  ASSERT_TRUE(event);
  EXPECT_EQ(table->event_status[*event], StepStatus::skipped);
  EXPECT_EQ(table->event_repetition[*event], 2);
}

}  // namespace
}  // namespace dun::testing

// The state store's agenda, outbox, history and overrides.
#include <gtest/gtest.h>

#include "engine/store/schema.hpp"
#include "engine/store/state_store.hpp"
#include "store_test_support.hpp"

namespace dun {
namespace {

using testing::day;
using testing::email_action;
using testing::run_on;

class AgendaTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store_.emplace(open_store());
    ChangeBatch batch;
    testing::add_task(batch, "confirm-1", TaskKind::confirm, {"INV-1", "INV-2"}, "2026-11-20");
    testing::add_task(batch, "manual-1", TaskKind::task, {"INV-3"}, "2026-11-20");
    auto report = store().commit_run(run_on("2026-11-20"), batch);
    ASSERT_TRUE(report) << report.error().message;
    ASSERT_EQ(report->tasks_created.size(), 2U);
    confirm_id_ = report->tasks_created[0].id;
    manual_id_ = report->tasks_created[1].id;
  }

  StateStore& store() { return *store_; }

  TaskClosing closing(std::int64_t id, TaskStatus to, const char* date) {
    TaskClosing result;
    result.task_id = id;
    result.to = to;
    result.date = day(date);
    result.by = "anna";
    return result;
  }

  std::optional<StateStore> store_;
  std::int64_t confirm_id_ = 0;
  std::int64_t manual_id_ = 0;
};

TEST_F(AgendaTest, ListsOpenTasksAndAllTasks) {
  auto open = store().list_tasks(true);
  ASSERT_TRUE(open) << open.error().message;
  ASSERT_EQ(open->size(), 2U);
  EXPECT_EQ((*open)[0].kind, TaskKind::confirm);
  EXPECT_EQ((*open)[0].invoices, (std::vector<std::string>{"INV-1", "INV-2"}));
  EXPECT_EQ((*open)[1].action_id, "manual-1");
  ASSERT_TRUE(store().close_task(closing(manual_id_, TaskStatus::completed, "2026-11-21")));
  EXPECT_EQ(store().list_tasks(true)->size(), 1U);
  EXPECT_EQ(store().list_tasks(false)->size(), 2U);
}

TEST_F(AgendaTest, ConfirmQueuesTheActionWithTheSameIdAndRecordsHistory) {
  auto closed = store().close_task(closing(confirm_id_, TaskStatus::confirmed, "2026-11-22"));
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->task.status, TaskStatus::confirmed);
  EXPECT_EQ(closed->task.closed_on, day("2026-11-22"));
  EXPECT_EQ(closed->action.id, "confirm-1");
  EXPECT_EQ(closed->action.status, ActionStatus::queued);
  EXPECT_EQ(closed->action.status_on, day("2026-11-22"));

  auto stored_task = store().find_task(confirm_id_);
  ASSERT_TRUE(stored_task && *stored_task);
  EXPECT_EQ((*stored_task)->closed_by, "anna");
  auto to_deliver = store().actions_to_deliver();
  ASSERT_TRUE(to_deliver);
  ASSERT_EQ(to_deliver->size(), 1U) << "the confirmed action is now in the outbox";
  EXPECT_EQ(to_deliver->front().id, "confirm-1");

  auto history = store().invoice_history("INV-2");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1U);
  EXPECT_EQ(history->front().kind, EventKind::task_confirmed);
  EXPECT_EQ(history->front().detail, "task " + std::to_string(confirm_id_) + " by anna");
}

TEST_F(AgendaTest, ConfirmCanNarrowTheInvoicesAndWritesTheEngineChangesWithIt) {
  TaskClosing confirm = closing(confirm_id_, TaskStatus::confirmed, "2026-11-22");
  confirm.remaining_invoices = {"INV-2"};
  ChangeBatch also;  // INV-1 was paid meanwhile: the engine skips its step in the same transaction
  also.sequences = {testing::sequence("INV-1", "formal", "2026-11-20")};
  also.step_events = {{"INV-1", "standard_b2b", "formal", StepStatus::skipped, "settled",
                       day("2026-11-22"), "confirm-1"}};
  auto closed = store().close_task(confirm, also);
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(closed->action.invoices, std::vector<std::string>{"INV-2"});
  EXPECT_EQ(closed->task.invoices, (std::vector<std::string>{"INV-1", "INV-2"}))
      << "the task keeps what was asked";
  EXPECT_TRUE(store().actions_of_invoice("INV-1")->empty());
  EXPECT_EQ(store().actions_of_invoice("INV-2")->size(), 1U);
  auto loaded = store().load_sequences();
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->size(), 1U);
  EXPECT_EQ(loaded->event_status[0], StepStatus::skipped);

  TaskClosing outsider = closing(manual_id_, TaskStatus::completed, "2026-11-22");
  outsider.remaining_invoices = {"INV-3"};
  EXPECT_FALSE(store().close_task(outsider)) << "only a confirmation narrows invoices";
}

TEST_F(AgendaTest, CompleteAndCancel) {
  auto completed = store().close_task(closing(manual_id_, TaskStatus::completed, "2026-11-21"));
  ASSERT_TRUE(completed) << completed.error().message;
  EXPECT_EQ(completed->action.status, ActionStatus::completed);
  TaskClosing cancel = closing(confirm_id_, TaskStatus::cancelled, "2026-11-21");
  cancel.note = "settled";
  auto cancelled = store().close_task(cancel);
  ASSERT_TRUE(cancelled) << cancelled.error().message;
  EXPECT_EQ(cancelled->action.status, ActionStatus::cancelled);
  EXPECT_EQ(cancelled->task.note, "settled");
  EXPECT_TRUE(store().actions_to_deliver()->empty());
  auto history = store().customer_history("C1");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3U);
  EXPECT_EQ(history->at(0).kind, EventKind::task_completed);
  EXPECT_EQ(history->at(2).kind, EventKind::task_cancelled);
  EXPECT_EQ(history->at(2).detail, "task " + std::to_string(confirm_id_) + " by anna: settled");
}

TEST_F(AgendaTest, RefusesInvalidTransitionsWithAMessage) {
  const auto refusal = [&](std::int64_t id, TaskStatus to, const char* date) {
    auto result = store().close_task(closing(id, to, date));
    return result ? std::string("accepted") : result.error().message;
  };
  const std::string confirm = "task " + std::to_string(confirm_id_);
  const std::string manual = "task " + std::to_string(manual_id_);
  EXPECT_EQ(refusal(manual_id_, TaskStatus::confirmed, "2026-11-21"),
            manual + " is a manual task: complete or cancel it; confirm is for confirm-tasks");
  EXPECT_EQ(refusal(confirm_id_, TaskStatus::completed, "2026-11-21"),
            confirm + " is a confirm-task: confirm or cancel it; complete is for manual tasks");
  EXPECT_EQ(refusal(confirm_id_, TaskStatus::confirmed, "2026-11-19"),
            confirm +
                " was created on 2026-11-20; it cannot be confirmed on an earlier date "
                "(2026-11-19)");
  EXPECT_EQ(refusal(999, TaskStatus::cancelled, "2026-11-21"),
            "there is no task 999 in the agenda: `dun agenda list --all` shows every task");
  EXPECT_EQ(refusal(confirm_id_, TaskStatus::open, "2026-11-21"),
            confirm + ": a task can be confirmed, completed or cancelled, not reopened");

  ASSERT_EQ(refusal(confirm_id_, TaskStatus::confirmed, "2026-11-21"), "accepted");
  EXPECT_EQ(refusal(confirm_id_, TaskStatus::cancelled, "2026-11-22"),
            confirm +
                " is already confirmed (2026-11-21 by anna); only an open task can be "
                "cancelled: `dun agenda list` shows the open ones");
  EXPECT_EQ(store().customer_history("C1")->size(), 2U) << "refusals write nothing";
}

TEST_F(AgendaTest, AFailureInTheEngineChangesUndoesTheTransition) {
  ChangeBatch also;
  also.step_events = {{"INV-NONE", "standard_b2b", "formal", StepStatus::completed, "",
                       day("2026-11-21"), ""}};  // no such sequence: refused by the foreign key
  ASSERT_FALSE(store().close_task(closing(manual_id_, TaskStatus::completed, "2026-11-21"), also));
  auto task = store().find_task(manual_id_);
  ASSERT_TRUE(task && *task);
  EXPECT_EQ((*task)->status, TaskStatus::open);
  EXPECT_EQ((*store().find_action("manual-1"))->status, ActionStatus::open);
  EXPECT_TRUE(store().invoice_history("INV-3")->empty());
}

class HistoryTest : public testing::StoreTest {};

TEST_F(HistoryTest, EventsComeInDateOrderThenInWritingOrder) {
  StateStore store = open_store();
  ChangeBatch first;
  first.events = {{"INV-1", "C1", day("2026-11-20"), EventKind::step_fired, "first"},
                  {"INV-1", "C1", day("2026-11-20"), EventKind::task_created, "task 1"},
                  {"INV-2", "C1", day("2026-11-20"), EventKind::paused, ""}};
  ASSERT_TRUE(store.commit_run(run_on("2026-11-20"), first));
  ChangeBatch second;  // a late-dated event written after, and one for another customer
  second.events = {{"INV-1", "C1", day("2026-11-25"), EventKind::closed, "paid"},
                   {"INV-1", "C1", day("2026-11-19"), EventKind::quarantined, "bad row"},
                   {"INV-9", "C2", day("2026-11-21"), EventKind::step_fired, ""},
                   {"", "C1", day("2026-11-21"), EventKind::delivery, "customer-level"}};
  ASSERT_TRUE(store.commit_run(run_on("2026-11-25"), second));

  auto invoice = store.invoice_history("INV-1");
  ASSERT_TRUE(invoice) << invoice.error().message;
  std::vector<EventKind> kinds;
  for (const HistoryEvent& event : *invoice) kinds.push_back(event.kind);
  EXPECT_EQ(kinds, (std::vector<EventKind>{EventKind::quarantined, EventKind::step_fired,
                                           EventKind::task_created, EventKind::closed}));
  auto customer = store.customer_history("C1");
  ASSERT_TRUE(customer);
  std::vector<std::string> dates;
  for (const HistoryEvent& event : *customer) dates.push_back(event.date.to_string());
  EXPECT_EQ(dates, (std::vector<std::string>{"2026-11-19", "2026-11-20", "2026-11-20", "2026-11-20",
                                             "2026-11-21", "2026-11-25"}));
  EXPECT_EQ(customer->at(4).invoice_id, "");
  EXPECT_TRUE(store.invoice_history("INV-404")->empty());
}

class OverrideTest : public testing::StoreTest {};

TEST_F(OverrideTest, PutReplaceRemoveAndLoad) {
  StateStore store = open_store();
  ASSERT_TRUE(store.put_override(
      {OverrideKind::assign, "C1", "gentle", std::nullopt, day("2026-11-20"), "anna"}));
  ASSERT_TRUE(store.put_override(
      {OverrideKind::assign, "C1", "none", std::nullopt, day("2026-11-21"), "bob"}));
  ASSERT_TRUE(store.put_override(
      {OverrideKind::pause, "INV-1", "", day("2026-12-31"), day("2026-11-21"), "bob"}));
  ASSERT_TRUE(
      store.put_override({OverrideKind::optout, "INV-2", "", std::nullopt, day("2026-11-21"), ""}));
  EXPECT_FALSE(
      store.put_override({OverrideKind::pause, "INV-1", "", std::nullopt, day("2026-11-21"), ""}))
      << "a pause needs an end date";
  EXPECT_FALSE(
      store.put_override({OverrideKind::assign, "C1", "", std::nullopt, day("2026-11-21"), ""}))
      << "an assignment needs a scenario";

  auto overrides = store.load_overrides();
  ASSERT_TRUE(overrides) << overrides.error().message;
  ASSERT_EQ(overrides->size(), 3U);
  EXPECT_EQ(overrides->at(0).scenario, "none") << "replaced, not added";
  EXPECT_EQ(overrides->at(0).set_by, "bob");
  EXPECT_EQ(overrides->at(2).until, day("2026-12-31"));

  EXPECT_TRUE(*store.remove_override(OverrideKind::optout, "INV-2"));
  EXPECT_FALSE(*store.remove_override(OverrideKind::optout, "INV-2"));
  EXPECT_EQ(store.load_overrides()->size(), 2U);
}

TEST_F(OverrideTest, AChangeAndItsEventAreOneTransaction) {
  StateStore store = open_store();
  const HistoryEvent paused{"INV-1", "C1", day("2026-11-21"), EventKind::override_set,
                            "pause until 2026-12-31 by bob (dun pause)"};
  ASSERT_TRUE(store.put_override(
      {OverrideKind::pause, "INV-1", "", day("2026-12-31"), day("2026-11-21"), "bob"}, paused));
  // Nothing to remove: no event either.
  const HistoryEvent optin{"INV-1", "C1", day("2026-11-22"), EventKind::override_set, "optin"};
  EXPECT_FALSE(*store.remove_override(OverrideKind::optout, "INV-1", optin));
  const HistoryEvent resumed{"INV-1", "C1", day("2026-11-22"), EventKind::override_set, "resume"};
  EXPECT_TRUE(*store.remove_override(OverrideKind::pause, "INV-1", resumed));

  auto history = store.invoice_history("INV-1");
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_EQ(history->size(), 2U);
  EXPECT_EQ(history->at(0).kind, EventKind::override_set);
  EXPECT_EQ(to_string(history->at(0).kind), "override");
  EXPECT_EQ(history->at(0).detail, paused.detail);
  EXPECT_EQ(history->at(1).detail, "resume");
  EXPECT_EQ(*store.invoices_with_history(), std::vector<std::string>{"INV-1"});
  EXPECT_EQ(*store.customers_with_history(), std::vector<std::string>{"C1"});
}

// Schema v3 rebuilds `events` to allow the kind `override`: a v2 file keeps its history.
TEST_F(OverrideTest, AVersionTwoFileKeepsItsHistory) {
  {
    auto database = sqlite::Database::open(db_path());
    ASSERT_TRUE(database);
    ASSERT_TRUE(migrate_schema(database.value(), schema_migrations().first(2)));
    ASSERT_TRUE(database.value().execute(
        "INSERT INTO events (invoice_id, customer_id, event_date, kind, detail) "
        "VALUES ('INV-1', 'C1', '2026-11-20', 'paused', 'pause holds')"));
  }
  StateStore store = open_store();
  ASSERT_TRUE(store.put_override(
      {OverrideKind::optout, "INV-1", "", std::nullopt, day("2026-11-21"), "bob"},
      HistoryEvent{"INV-1", "C1", day("2026-11-21"), EventKind::override_set, "optout"}));
  auto history = store.invoice_history("INV-1");
  ASSERT_TRUE(history) << history.error().message;
  ASSERT_EQ(history->size(), 2U);
  EXPECT_EQ(history->at(0).detail, "pause holds");
  EXPECT_EQ(history->at(1).detail, "optout");
}

}  // namespace
}  // namespace dun

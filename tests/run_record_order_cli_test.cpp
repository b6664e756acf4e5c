// The order of what a run records (engine/run/record.hpp): the recorder builds the day's actions
// before it records the invoices' rows (so that the day's plan is freed first), yet the summary
// lists the evaluation errors before the actions' errors, and an invoice's history has its step
// fired before the task the step created, and a step with several actions is left in the status
// of the one that waits longest (a confirm).
#include <gtest/gtest.h>

#include <string>

#include "engine/store/state_store.hpp"
#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

constexpr const char* kScenario =
    "scenario s \"an evaluation error and an action's error\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    when invoice.balance >= 50 EUR\n"
    "    task \"Call about the promise of {invoice.promise_date}\"\n"
    "end\n"
    "\n"
    "scenario t \"two actions, the second to confirm\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"notice\"\n"
    "    email \"notice\" confirm\n"
    "end\n";

class RunRecordOrderCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_run_record_order_");
    write("dun.toml",
          "[company]\nname = \"Our Company\"\nlanguage = \"en\"\n\n"
          "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
          "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
          "[adapters.email]\nkind = \"outbox\"\ndir = \"out/emails\"\n\n"
          "[adapters.task]\nkind = \"agenda\"\n");
    write("templates/notice.en.txt", "Subject: Notice\n\n{items_list}\n");
    write("scenarios/s.dun", kScenario);
    write("snapshot/collectors.csv", dun::testing::kCollectorsCsv);
    // I1 fires, and its task's text reads a promise date it does not have (the action's error);
    // I2 is in dollars without a rate (the evaluation's error), after I1 in the batch.
    write("snapshot/customers.csv",
          dun::testing::kCustomersCsvHeader +
              "C1,Acme,en,FR,EUR,sme,,ap@acme.example,1 Rue,K1,\n"
              "C2,Globex,en,US,USD,sme,,ap@globex.example,2 St,K1,\n"
              "C3,Initech,en,FR,EUR,sme,t,ap@initech.example,3 Rue,K1,\n");
    write("snapshot/invoices.csv",
          dun::testing::kInvoicesCsvHeader +
              "I1,C1,F-1,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
              "I2,C2,F-2,invoice,2026-01-01,2026-01-12,USD,110.00,110.00,false,true,,\n"
              "I3,C3,F-3,invoice,2026-01-01,2026-01-12,EUR,130.00,130.00,false,true,,\n");
  }
};

TEST_F(RunRecordOrderCli, TheEvaluationErrorsComeBeforeTheActionsErrors) {
  const std::string summary = ok("run --date 2026-01-19");
  const std::string evaluation =
      "    invoice I2 (s, when of step first): no exchange rate for the currencies involved\n";
  const std::string action =
      "    invoice I1 (s, action 1 of step first): a value the invoice does not have was read\n";
  const auto at_evaluation = summary.find(evaluation);
  const auto at_action = summary.find(action);
  ASSERT_NE(at_evaluation, std::string::npos) << summary;
  ASSERT_NE(at_action, std::string::npos) << summary;
  EXPECT_LT(at_evaluation, at_action) << summary;
  EXPECT_NE(summary.find("  evaluation errors: 2\n"), std::string::npos) << summary;
}

TEST_F(RunRecordOrderCli, TheStepFiresBeforeItsTaskIsCreated) {
  ok("run --date 2026-01-19");
  const std::string history = ok("history I1");
  const auto fired = history.find("step_fired      first (action ");
  const auto task = history.find("task_created    task task for action ");
  ASSERT_NE(fired, std::string::npos) << history;
  ASSERT_NE(task, std::string::npos) << history;
  EXPECT_LT(fired, task) << history;
}

// The email goes out, the second waits for the collector: the step waits with it.
TEST_F(RunRecordOrderCli, AStepWithAnActionToConfirmWaitsForTheConfirmation) {
  ok("run --date 2026-01-19");
  auto opened = dun::StateStore::open_read_only(dir_ / "dun.db");
  ASSERT_TRUE(opened) << opened.error().message;
  dun::StateStore store = std::move(opened).value();
  auto sequences = store.load_sequences();
  ASSERT_TRUE(sequences) << sequences.error().message;
  const auto i3 = sequences->find("I3");
  ASSERT_TRUE(i3.has_value());
  const auto event = sequences->find_event(*i3, "first");
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(sequences->event_status[*event], dun::StepStatus::pending_confirmation);
  const auto i1 = sequences->find("I1");
  ASSERT_TRUE(i1.has_value());
  EXPECT_EQ(sequences->event_status[*sequences->find_event(*i1, "first")],
            dun::StepStatus::waiting_task);
}

}  // namespace

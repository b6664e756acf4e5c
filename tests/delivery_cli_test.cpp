// The delivery verbs through the real `dun` binary and a real state store (docs/delivery.md):
// `dun adapters check`, the run's delivery lines and its refusal of a bad adapter table,
// `dun deliver`, and `dun send` with its refusals.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/store/state_store.hpp"
#include "tests/cli_folder_test_base.hpp"
#include "tests/snapshot_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

constexpr const char* kScenario =
    "scenario s \"standard\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "end\n";

const std::string kInvoices =
    dun::testing::kInvoicesCsvHeader +
    "I1,C1,F-001,invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n"
    "I2,C1,F-002,invoice,2026-01-01,2026-01-10,EUR,80.00,80.00,false,true,,\n"
    "I3,C2,F-003,invoice,2026-01-01,2026-01-05,EUR,300.00,300.00,false,true,,\n";

constexpr const char* kConfig =
    "[company]\nname = \"Our Company\"\nemail = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
    "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
    "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
    "[adapters.task]\nkind = \"agenda\"\n";

class DeliveryCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_delivery_cli_");
    write("dun.toml", kConfig);
    write("scenarios/standard.dun", kScenario);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n");
    write("snapshot/customers.csv", dun::testing::kTwoCustomersCsv);
    write("snapshot/invoices.csv", kInvoices);
  }
};

TEST_F(DeliveryCli, AdaptersCheckPrintsOneLinePerTable) {
  EXPECT_EQ(ok("adapters check"),
            "task    agenda      connected (tasks are kept in the state store's agenda (dun "
            "agenda list))\n");
}

TEST_F(DeliveryCli, ABadAdapterTableNamesItsLineAndStopsTheRunBeforeAnyWrite) {
  write("dun.toml", std::string(kConfig) + "\n[adapters.email]\nkind = \"smpt\"\n");
  const CommandResult check = dun("adapters check");
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.err.find("dun.toml:17:8: [adapters.email] kind: unknown kind \"smpt\""),
            std::string::npos)
      << check.err;
  const CommandResult run = dun("run --date 2026-01-20");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("dun run: "), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "dun.db")) << "nothing written";
}

TEST_F(DeliveryCli, WithoutAnEmailAdapterTheRunsEmailsStayQueuedAndTheSummarySaysSo) {
  const std::string run = ok("run --date 2026-01-20");
  EXPECT_NE(run.find("  queued: "), std::string::npos) << run;
  EXPECT_NE(run.find(" email action"), std::string::npos) << run;
  EXPECT_NE(run.find(", no [adapters.email] in dun.toml to deliver "), std::string::npos) << run;
  const std::string deliver = ok("deliver --date 2026-01-21");
  EXPECT_NE(deliver.find("dun deliver 2026-01-21\n  delivery: 0 sent"), std::string::npos)
      << deliver;
  EXPECT_NE(deliver.find(", no [adapters.email] in dun.toml"), std::string::npos) << deliver;
  EXPECT_NE(ok("history I1").find("queued"), std::string::npos);
  EXPECT_EQ(ok("run --date 2026-01-20 --dry-run").find("queued:"), std::string::npos)
      << "a dry run delivers nothing";
}

TEST_F(DeliveryCli, SendRecordsAManualReminderAsTheLastFollowUp) {
  ok("run --date 2026-01-13");  // nothing due yet: the store exists
  const std::string sent =
      ok("send --customer C1 --invoice I1 --invoice I2 --template first_reminder --channel email "
         "--date 2026-01-14");
  EXPECT_NE(sent.find("dun send 2026-01-14: action "), std::string::npos) << sent;
  EXPECT_NE(sent.find(" recorded\n"), std::string::npos) << sent;
  EXPECT_NE(sent.find("queued: 1 email action, no [adapters.email]"), std::string::npos) << sent;

  const std::string history = ok("history I2");
  EXPECT_NE(history.find("step_fired      manual reminder by "), std::string::npos) << history;
  EXPECT_NE(history.find("manual          email    auto     queued"), std::string::npos) << history;
  const std::string status = ok("status --customer C1");
  EXPECT_NE(status.find("manual"), std::string::npos) << status;

  const std::string again =
      ok("send --customer C1 --invoice I2,I1 --template first_reminder --channel email "
         "--date 2026-01-14");
  EXPECT_NE(again.find("already recorded (the same reminder today)"), std::string::npos) << again;
}

TEST_F(DeliveryCli, SendRefusesInvoicesOfTwoCustomersAndUnknownIds) {
  ok("run --date 2026-01-13");
  const CommandResult two =
      dun("send --customer C1 --invoice I1 --invoice I3 --template first_reminder --channel email");
  EXPECT_EQ(two.exit_code, 1);
  EXPECT_NE(two.err.find("invoice I3 belongs to customer C2, not C1: a manual reminder is for "
                         "the invoices of one customer"),
            std::string::npos)
      << two.err;
  const CommandResult unknown =
      dun("send --customer C1 --invoice I11 --template first_reminder --channel email");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("I11"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("I1"), std::string::npos) << unknown.err;
  const CommandResult template_missing =
      dun("send --customer C1 --invoice I1 --template final_notice --channel email");
  EXPECT_EQ(template_missing.exit_code, 1);
  EXPECT_EQ(dun("history I1").out.find("manual"), std::string::npos) << "nothing recorded";
  EXPECT_EQ(dun("send --customer C1 --invoice I1 --template first_reminder --channel email "
                "--letter-type registered")
                .exit_code,
            2);
  EXPECT_EQ(
      dun("send --customer C1 --invoice I1 --template first_reminder --channel sms").exit_code, 2);
}

// The store as the delivery loop leaves it (a failure, then a sent letter with tracking and a
// proof), shown by `dun history` in time order.
TEST_F(DeliveryCli, HistoryShowsAttemptsTrackingAndTheProof) {
  ok("run --date 2026-01-19");
  std::string action_id;
  {
    auto store = dun::StateStore::open(dir_ / "dun.db");
    ASSERT_TRUE(store) << store.error().message;
    auto actions = store.value().actions_of_invoice("I1");
    ASSERT_TRUE(actions);
    ASSERT_FALSE(actions->empty());
    action_id = actions->front().id;
    dun::AttemptResult failed{dun::DeliveryOutcome::failed, *dun::Date::parse("2026-01-20"), "",
                              "421 try later", "2026-01-20T10:01:00Z"};
    ASSERT_TRUE(store.value().finish_attempt(action_id, failed));
    dun::AttemptResult sent{dun::DeliveryOutcome::sent, *dun::Date::parse("2026-01-21"), "smtp-7",
                            "", ""};
    ASSERT_TRUE(store.value().finish_attempt(action_id, sent));
    const dun::Date day = *dun::Date::parse("2026-01-23");
    ASSERT_TRUE(store.value().record_tracking_event(
        action_id, {"delivered", "2026-01-22T09:00:00Z", "DELIVERED", day}));
    ASSERT_TRUE(store.value().record_tracking_event(action_id,
                                                    {"accepted", "2026-01-21T10:00:00Z", "", day}));
    ASSERT_TRUE(store.value().set_proof_path(action_id, "proofs/" + action_id + ".pdf"));
  }
  const std::string history = ok("history I1");
  const std::string indent(13, ' ');
  const std::string expected_tail = indent + "provider ref: smtp-7\n" + indent +
                                    "tracking: accepted    2026-01-21T10:00:00Z\n" + indent +
                                    "tracking: delivered   2026-01-22T09:00:00Z  (DELIVERED)\n" +
                                    indent + "proof: proofs/" + action_id + ".pdf\n";
  EXPECT_NE(history.find(expected_tail), std::string::npos) << history;
  EXPECT_NE(history.find("delivery        email failed (attempt 1): 421 try later; next attempt "
                         "2026-01-20T10:01:00Z"),
            std::string::npos)
      << history;
  EXPECT_LT(history.find("email failed (attempt 1)"), history.find("email sent (attempt 2)"));
  const std::string json = ok("history I1 --json");
  EXPECT_NE(json.find("\"tracking_events\": [\n        {\n          \"status\": \"accepted\""),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"provider_ref\": \"smtp-7\""), std::string::npos) << json;
}

}  // namespace

// The state store's delivery records (engine/store/store_delivery.cpp, docs/delivery.md): an
// attempt keeps the first document and is marked in flight in one transaction; its outcome counts
// the attempt and is a `delivery` event per invoice; tracking events are recorded once.
#include <string>

#include "store_test_support.hpp"

namespace dun {
namespace {

using testing::day;
using testing::email_action;
using testing::run_on;

class StoreDeliveryTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store_.emplace(open_store());
    ChangeBatch batch;
    batch.actions = {email_action("a1", {"INV-1", "INV-2"}, "2026-11-20"),
                     email_action("a2", {"INV-3"}, "2026-11-21")};
    ASSERT_TRUE(store_->commit_run(run_on("2026-11-21"), batch));
  }
  StateStore& store() { return *store_; }

  AttemptResult result(DeliveryOutcome outcome, const char* date, std::string error = "",
                       std::string next = "") {
    AttemptResult r;
    r.outcome = outcome;
    r.date = day(date);
    r.error = std::move(error);
    r.next_attempt_at = std::move(next);
    return r;
  }

  std::optional<StateStore> store_;
};

TEST_F(StoreDeliveryTest, TheFirstAttemptsDocumentIsKeptForEveryRetry) {
  const StoredDocument first{"application/pdf", std::string("%PDF\0one", 8), R"({"to":[]})"};
  auto started = store().begin_attempt("a1", first);
  ASSERT_TRUE(started) << started.error().message;
  EXPECT_EQ(started->bytes, first.bytes) << "bytes with a NUL survive as a BLOB";
  EXPECT_TRUE((*store().find_action("a1"))->in_flight);

  auto again = store().begin_attempt("a1", first);
  ASSERT_FALSE(again) << "an attempt is already in flight";
  EXPECT_EQ(again.error().message,
            "action a1 is queued with an attempt in flight: only a queued or failed action can "
            "be delivered");

  auto failed = store().finish_attempt("a1", result(DeliveryOutcome::uncertain, "2026-11-21",
                                                    "connection lost", "2026-11-21T10:01:00Z"));
  ASSERT_TRUE(failed) << failed.error().message;
  EXPECT_EQ(failed->status, ActionStatus::failed);
  EXPECT_FALSE(failed->in_flight);
  EXPECT_TRUE(failed->uncertain);
  EXPECT_EQ(failed->attempts, 1);
  EXPECT_EQ(failed->next_attempt_at, "2026-11-21T10:01:00Z");

  const StoredDocument second{"application/pdf", "%PDF two", "{}"};
  auto retried = store().begin_attempt("a1", second);
  ASSERT_TRUE(retried) << retried.error().message;
  EXPECT_EQ(retried->bytes, first.bytes) << "a retry delivers the first document again";
  EXPECT_EQ((*store().stored_document("a1"))->envelope, first.envelope);
  EXPECT_FALSE(*store().stored_document("a2")) << "nothing rendered yet";
}

TEST_F(StoreDeliveryTest, OutcomesCountAttemptsAndAreHistoryEvents) {
  auto failed = store().finish_attempt(
      "a1", result(DeliveryOutcome::failed, "2026-11-21", "421 try later", "2026-11-21T10:01:00Z"));
  ASSERT_TRUE(failed) << failed.error().message;
  EXPECT_EQ(failed->attempts, 1);
  EXPECT_EQ(failed->last_error, "421 try later");

  AttemptResult sent = result(DeliveryOutcome::sent, "2026-11-22");
  sent.provider_ref = "smtp-42";
  sent.next_attempt_at = "ignored when sent";
  auto delivered = store().finish_attempt("a1", sent);
  ASSERT_TRUE(delivered) << delivered.error().message;
  EXPECT_EQ(delivered->status, ActionStatus::sent);
  EXPECT_EQ(delivered->attempts, 2);
  EXPECT_EQ(delivered->provider_ref, "smtp-42");
  EXPECT_EQ(delivered->last_error, "");
  EXPECT_EQ(delivered->next_attempt_at, "");
  EXPECT_EQ(delivered->status_on, day("2026-11-22"));

  auto twice = store().finish_attempt("a1", sent);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().message,
            "action a1 is sent: only a queued or failed action can be delivered");
  EXPECT_FALSE(store().finish_attempt("zz", sent));

  auto rejected =
      store().finish_attempt("a2", result(DeliveryOutcome::rejected, "2026-11-22", "550 no user"));
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, ActionStatus::failed);
  EXPECT_EQ(rejected->next_attempt_at, "") << "failed for good";

  auto history = store().invoice_history("INV-2");
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2U);
  EXPECT_EQ(history->at(0).detail,
            "email failed (attempt 1): 421 try later; next attempt 2026-11-21T10:01:00Z");
  EXPECT_EQ(history->at(1).detail, "email sent (attempt 2), ref smtp-42");
  EXPECT_EQ(store().invoice_history("INV-3")->at(0).detail,
            "email rejected (attempt 1): 550 no user; failed for good");
}

TEST_F(StoreDeliveryTest, TrackingEventsAreRecordedOnceAndOnlyForSentActions) {
  TrackingRecord mailed{"mailed", "2026-11-23T08:00:00Z", "POSTED", day("2026-11-23")};
  auto refused = store().record_tracking_event("a1", mailed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "action a1 is queued: only a sent action has tracking statuses");

  AttemptResult sent = result(DeliveryOutcome::sent, "2026-11-22");
  sent.provider_ref = "ltr_1";
  ASSERT_TRUE(store().finish_attempt("a1", sent));
  auto first = store().record_tracking_event("a1", mailed);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(*first);
  auto repeated = store().record_tracking_event("a1", mailed);
  ASSERT_TRUE(repeated);
  EXPECT_FALSE(*repeated) << "polled twice, recorded once";
  TrackingRecord printed{"printed", "2026-11-22T18:00:00Z", "", day("2026-11-23")};
  ASSERT_TRUE(store().record_tracking_event("a1", printed));

  auto events = store().tracking_events("a1");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ(events->at(0).status, "printed") << "in the order they occurred";
  EXPECT_EQ(events->at(1).provider_status, "POSTED");
  EXPECT_EQ((*store().find_action("a1"))->tracking, "printed") << "the latest recorded";
  auto history = store().invoice_history("INV-1");
  EXPECT_EQ(history->back().detail, "email tracking: printed at 2026-11-22T18:00:00Z");
  EXPECT_EQ(history->at(history->size() - 2).detail,
            "email tracking: mailed at 2026-11-23T08:00:00Z (provider: POSTED)");
  EXPECT_EQ(store().sent_actions()->size(), 1U);

  ASSERT_TRUE(store().set_proof_path("a1", "/tmp/proofs/a1.pdf"));
  EXPECT_EQ((*store().find_action("a1"))->proof_path, "/tmp/proofs/a1.pdf");
  EXPECT_FALSE(store().set_proof_path("zz", "x"));
}

}  // namespace
}  // namespace dun

namespace dun {
namespace {

// What a scenario reads of delivery (docs/delivery.md): each invoice's latest letter status, an
// electronic letter's `accepted` only once its recipient's, and the addresses that bounced.
class DeliveryFactsTest : public testing::StoreTest {
 protected:
  static Action letter(const std::string& id, const char* invoice, const char* date,
                       LetterType type) {
    Action action = testing::email_action(id, {invoice}, date);
    action.channel = Channel::letter;
    action.letter_type = type;
    action.to = "Acme\n1 rue X";
    return action;
  }
  void send(StateStore& store, const std::string& id) {
    AttemptResult sent;
    sent.outcome = DeliveryOutcome::sent;
    sent.date = testing::day("2026-11-21");
    ASSERT_TRUE(store.finish_attempt(id, sent));
  }
  void track(StateStore& store, const std::string& id, const char* status, const char* at,
             const char* provider_status = "") {
    ASSERT_TRUE(
        store.record_tracking_event(id, {status, at, provider_status, testing::day("2026-11-22")}));
  }
};

TEST_F(DeliveryFactsTest, TheLatestLetterOfEachInvoiceAndTheBouncedAddresses) {
  StateStore store = open_store();
  ChangeBatch batch;
  Action cancelled = letter("l4", "INV-2", "2026-11-21", LetterType::standard);
  cancelled.status = ActionStatus::cancelled;
  Action bounced = testing::email_action("e1", {"INV-4"}, "2026-11-20");
  bounced.to = "AP@C1.example";
  Action copy_bounced = testing::email_action("e2", {"INV-5"}, "2026-11-20");
  copy_bounced.customer = "C2";
  copy_bounced.to = "ap@c2.example";
  batch.actions = {letter("l1", "INV-1", "2026-11-19", LetterType::standard),
                   letter("l2", "INV-1", "2026-11-20", LetterType::electronic),
                   letter("l3", "INV-2", "2026-11-20", LetterType::electronic),
                   cancelled,
                   letter("l5", "INV-3", "2026-11-20", LetterType::registered),
                   bounced,
                   copy_bounced};
  ASSERT_TRUE(store.commit_run(testing::run_on("2026-11-21"), batch));
  for (const char* id : {"l1", "l2", "l3", "l5", "e1", "e2"}) send(store, id);
  track(store, "l1", "delivered", "2026-11-20T10:00:00Z");
  // l2: the recipient refused it; l3: only the provider's acceptance so far.
  for (const char* status : {"accepted", "sent", "awaiting_signature", "refused"}) {
    track(store, "l2", status, status);
  }
  track(store, "l3", "accepted", "a");
  track(store, "e1", "bounced", "b", "ap@c1.EXAMPLE: 5.1.1 smtp; 550 5.1.1 user unknown");
  track(store, "e2", "bounced", "b", "collector@ourco.example: 5.2.2 mailbox full");  // a Cc

  auto facts = store.load_delivery_facts();
  ASSERT_TRUE(facts) << facts.error().message;
  EXPECT_EQ(facts->last_letter_status.at("INV-1"), "refused") << "the later letter wins";
  EXPECT_EQ(facts->last_letter_status.at("INV-2"), "sent")
      << "the provider's acceptance of an electronic letter is not the recipient's; the "
         "cancelled letter does not count";
  EXPECT_EQ(facts->last_letter_status.at("INV-3"), "sent") << "no tracking: the delivery status";
  EXPECT_EQ(facts->last_letter_status.count("INV-4"), 0u) << "an email is not a letter";
  ASSERT_EQ(facts->bounced_addresses.count("C1"), 1u);
  EXPECT_EQ(facts->bounced_addresses.at("C1"), std::vector<std::string>{"ap@c1.example"});
  EXPECT_EQ(facts->bounced_addresses.count("C2"), 0u) << "a copy bounced, not C2's address";

  track(store, "l3", "sent", "b");
  track(store, "l3", "awaiting_signature", "c");
  track(store, "l3", "accepted", "d");
  EXPECT_EQ(store.load_delivery_facts()->last_letter_status.at("INV-2"), "accepted");
}

}  // namespace
}  // namespace dun

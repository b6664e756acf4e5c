// The delivery loop's policy (adapters/deliver.hpp, docs/delivery.md) against a real state store,
// with a test adapter that plays back scripted outcomes and keeps what it was handed. The clock is
// a parameter: backoffs elapse without sleeping.
#include "adapters/deliver.hpp"

#include <deque>
#include <fstream>
#include <sstream>

#include "store_test_support.hpp"

namespace dun::adapters {
namespace {

using dun::testing::day;
using dun::testing::email_action;
using dun::testing::run_on;

class ScriptedAdapter : public Adapter {
 public:
  std::string_view kind() const override { return "scripted"; }
  DeliveryReport deliver(const Action& action, const OutgoingDocument& document) override {
    received.push_back(action.id + ":" + document.bytes);
    envelopes.push_back(document.envelope_to);
    if (script.empty()) return {DeliveryOutcome::sent, "ref-" + action.id, ""};
    DeliveryReport next = script.front();
    script.pop_front();
    return next;
  }
  Status finish_pass() override {
    ++passes;
    return Status::Ok();
  }
  CheckReport check() override { return {true, "scripted"}; }
  bool tracks() const override { return tracking; }
  bool deduplicates_retries() const override { return deduplicates; }

  std::string describe(const Action& /*action*/) const override { return description; }
  Result<TrackingUpdate> track(const Action& /*action*/) override { return update; }

  std::deque<DeliveryReport> script;
  std::vector<std::string> received;
  std::vector<std::vector<std::string>> envelopes;
  int passes = 0;
  bool tracking = false;
  bool deduplicates = false;
  TrackingUpdate update;
  std::string description;
};

// Renders "render N of ID" so that a second rendering would be told apart from the first.
class CountingDocuments : public DocumentSource {
 public:
  Status ready() override {
    if (!loadable) return Error{"cannot render documents: no snapshot at /nowhere"};
    return Status::Ok();
  }
  Result<OutgoingDocument> render(const Action& action) override {
    ++renders;
    if (action.customer == "GONE") return Error{"customer GONE is not in the snapshot"};
    OutgoingDocument document;
    document.content_type = std::string(kEmailContentType);
    document.bytes = "render " + std::to_string(renders) + " of " + action.id;
    document.envelope_from = "ar@ourco.example";
    document.envelope_to = {action.to};
    return document;
  }
  int renders = 0;
  bool loadable = true;
};

TimePoint at(const char* iso_day, int seconds) {
  return at_date(day(iso_day), TimePoint{}) + std::chrono::seconds(seconds);
}

class DeliverTest : public dun::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    store_.emplace(open_store());
    auto adapter = std::make_unique<ScriptedAdapter>();
    email_ = adapter.get();
    adapters_.add({"email", "scripted", Channel::email, std::move(adapter)});
  }

  void add(std::vector<Action> actions) {
    ChangeBatch batch;
    batch.actions = std::move(actions);
    ASSERT_TRUE(store_->commit_run(run_on("2026-11-21"), batch));
  }

  DeliverySummary pass(TimePoint now, DeliveryMode mode = DeliveryMode::after_run,
                       bool retry_exhausted = false, bool retry_unknown = false) {
    DeliveryOptions options;
    options.mode = mode;
    options.now = now;
    options.retry_exhausted = retry_exhausted;
    options.retry_unknown = retry_unknown;
    options.policy = policy_;
    options.deadline = deadline_;
    auto summary = deliver_pending(*store_, adapters_, documents_, options);
    EXPECT_TRUE(summary) << summary.error().message;
    return summary ? *summary : DeliverySummary{};
  }

  Action action(const std::string& id) { return **store_->find_action(id); }

  std::optional<StateStore> store_;
  AdapterSet adapters_;
  ScriptedAdapter* email_ = nullptr;
  CountingDocuments documents_;
  DeliveryConfig policy_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

TEST_F(DeliverTest, AQueuedActionIsSentAndItsDocumentKept) {
  add({email_action("a1", {"INV-1"}, "2026-11-21")});
  const DeliverySummary summary = pass(at("2026-11-21", 36000));
  EXPECT_EQ(summary.sent, 1U);
  EXPECT_EQ(email_->received, (std::vector<std::string>{"a1:render 1 of a1"}));
  EXPECT_EQ(email_->envelopes[0], (std::vector<std::string>{"ap@c1.example"}))
      << "the envelope went through the store";
  EXPECT_EQ(email_->passes, 1) << "finish_pass once per pass";
  const Action sent = action("a1");
  EXPECT_EQ(sent.status, ActionStatus::sent);
  EXPECT_EQ(sent.attempts, 1);
  EXPECT_EQ(sent.provider_ref, "ref-a1");
  EXPECT_FALSE(sent.in_flight);
  EXPECT_EQ((*store_->stored_document("a1"))->bytes, "render 1 of a1");
  EXPECT_EQ(pass(at("2026-11-21", 36010)).sent, 0U) << "sent once";
  EXPECT_EQ(email_->passes, 1) << "no delivery, no finish_pass";
}

TEST_F(DeliverTest, AFailureIsRetriedAfterItsBackoffWithTheSameDocument) {
  add({email_action("a1", {"INV-1"}, "2026-11-21")});
  email_->script = {{DeliveryOutcome::failed, "", "421 try later"}};
  const DeliverySummary first = pass(at("2026-11-21", 36000));
  EXPECT_EQ(first.failed, 1U);
  EXPECT_EQ(action("a1").next_attempt_at, "2026-11-21T10:01:00Z") << "60 s after";
  EXPECT_EQ(action("a1").last_error, "421 try later");

  const DeliverySummary early = pass(at("2026-11-21", 36059));
  EXPECT_EQ(early.waiting, 1U);
  EXPECT_EQ(email_->received.size(), 1U) << "not before its time";

  const DeliverySummary due = pass(at("2026-11-21", 36060));
  EXPECT_EQ(due.sent, 1U);
  EXPECT_EQ(email_->received, (std::vector<std::string>{"a1:render 1 of a1", "a1:render 1 of a1"}));
  EXPECT_EQ(documents_.renders, 1) << "rendered once, at the first attempt";
  EXPECT_EQ(action("a1").attempts, 2);
  EXPECT_EQ(action("a1").next_attempt_at, "");
}

TEST_F(DeliverTest, AnUnknownOutcomeIsHeldUntilRetryUnknownThenSentWithTheSameBytes) {
  add({email_action("a1", {"INV-1"}, "2026-11-21")});
  email_->script = {{DeliveryOutcome::uncertain, "", "connection lost after DATA"}};
  const DeliverySummary first = pass(at("2026-11-21", 0));
  EXPECT_EQ(first.uncertain, 1U);
  EXPECT_TRUE(action("a1").uncertain);
  EXPECT_EQ(action("a1").status, ActionStatus::failed);

  const DeliverySummary held = pass(at("2026-11-22", 0), DeliveryMode::at_once);
  EXPECT_EQ(held.held_unknown, 1U) << "the receiver may have it: not sent again by itself";
  EXPECT_EQ(held.sent, 0U);
  EXPECT_EQ(email_->received.size(), 1U);

  const DeliverySummary retry =
      pass(at("2026-11-22", 1), DeliveryMode::at_once, false, /*retry_unknown=*/true);
  EXPECT_EQ(retry.sent, 1U) << "dun deliver --retry-unknown";
  ASSERT_EQ(email_->received.size(), 2U);
  EXPECT_EQ(email_->received[1], email_->received[0]);
  EXPECT_FALSE(action("a1").uncertain);
}

TEST_F(DeliverTest, BackoffDoublesUpToADay) {
  const TimePoint now = at("2026-11-21", 0);
  EXPECT_EQ(next_attempt_time(now, 1, policy_), "2026-11-21T00:01:00Z");
  EXPECT_EQ(next_attempt_time(now, 3, policy_), "2026-11-21T00:04:00Z");
  EXPECT_EQ(next_attempt_time(now, 5, policy_), "") << "the fifth attempt was the last";
  DeliveryConfig patient{40, 3600};
  EXPECT_EQ(next_attempt_time(now, 6, patient), "2026-11-22T00:00:00Z") << "capped at 24 h";
  EXPECT_EQ(next_attempt_time(now, 39, patient), "2026-11-22T00:00:00Z");
}

TEST_F(DeliverTest, MaxAttemptsFailsAnActionForGoodUntilRetriedExplicitly) {
  policy_.max_attempts = 3;
  add({email_action("a1", {"INV-1"}, "2026-11-21")});
  for (int i = 0; i < 4; ++i) email_->script.push_back({DeliveryOutcome::failed, "", "421 busy"});
  EXPECT_EQ(pass(at("2026-11-21", 0)).failed, 1U);
  EXPECT_EQ(pass(at("2026-11-21", 1), DeliveryMode::at_once).failed, 1U);
  const DeliverySummary third = pass(at("2026-11-21", 2), DeliveryMode::at_once);
  EXPECT_EQ(third.exhausted, 1U);
  ASSERT_EQ(third.gave_up.size(), 1U);
  EXPECT_EQ(third.gave_up[0], (std::pair<std::string, std::string>{"a1", "421 busy"}));
  EXPECT_EQ(action("a1").status, ActionStatus::failed);
  EXPECT_EQ(action("a1").next_attempt_at, "");

  const DeliverySummary later = pass(at("2026-11-25", 0), DeliveryMode::at_once);
  EXPECT_EQ(email_->received.size(), 3U) << "failed for good: not attempted again";
  EXPECT_EQ(later.waiting, 0U);

  const DeliverySummary again = pass(at("2026-11-25", 1), DeliveryMode::at_once, true);
  EXPECT_EQ(again.exhausted, 1U) << "--retry-exhausted: one more round";
  EXPECT_EQ(action("a1").attempts, 4);
  EXPECT_EQ(pass(at("2026-11-25", 2), DeliveryMode::at_once, true).sent, 1U);
}

TEST_F(DeliverTest, ARejectedActionIsNotRetried) {
  add({email_action("a1", {"INV-1"}, "2026-11-21")});
  email_->script = {{DeliveryOutcome::rejected, "", "550 no such user"}};
  const DeliverySummary summary = pass(at("2026-11-21", 0));
  EXPECT_EQ(summary.exhausted, 1U);
  EXPECT_EQ(pass(at("2026-12-21", 0), DeliveryMode::at_once).sent, 0U);
  EXPECT_EQ(action("a1").attempts, 1);
  EXPECT_EQ(action("a1").last_error, "550 no such user");
}

TEST_F(DeliverTest, AnAttemptLeftInFlightByACrashCountsAsUncertain) {
  add({email_action("a1", {"INV-1"}, "2026-11-21")});
  // The crash: the attempt started (document kept, in flight) and dun stopped.
  ASSERT_TRUE(store_->begin_attempt(
      "a1", {"message/rfc822", "the bytes sent before the crash", R"({"to":["ap@c1.example"]})"}));
  email_->deduplicates = true;  // a provider with an Idempotency-Key: retried like a failure
  const DeliverySummary after_run = pass(at("2026-11-21", 0));
  EXPECT_EQ(after_run.interrupted, 1U);
  EXPECT_EQ(after_run.uncertain, 1U);
  EXPECT_EQ(after_run.waiting, 1U) << "then waits for its backoff like any failure";
  EXPECT_TRUE(email_->received.empty());
  const Action uncertain = action("a1");
  EXPECT_EQ(uncertain.attempts, 1);
  EXPECT_TRUE(uncertain.uncertain);
  EXPECT_FALSE(uncertain.in_flight);

  EXPECT_EQ(pass(at("2026-11-21", 60)).sent, 1U);
  EXPECT_EQ(email_->received, (std::vector<std::string>{"a1:the bytes sent before the crash"}));
  EXPECT_EQ(documents_.renders, 0) << "never rendered again";
}

TEST_F(DeliverTest, AChannelWithoutAnAdapterStaysQueued) {
  Action letter = email_action("l1", {"INV-2"}, "2026-11-21");
  letter.channel = Channel::letter;
  letter.letter_type = LetterType::registered;
  add({letter, email_action("a1", {"INV-1"}, "2026-11-21")});
  const DeliverySummary summary = pass(at("2026-11-21", 0));
  EXPECT_EQ(summary.sent, 1U);
  EXPECT_EQ(summary.no_adapter.at(Channel::letter), 1U);
  EXPECT_EQ(action("l1").status, ActionStatus::queued);
  EXPECT_EQ(action("l1").attempts, 0);
}

TEST_F(DeliverTest, WithoutAnyAdapterWaitingActionsAreCountedNotRead) {
  Action letter = email_action("l1", {"INV-2"}, "2026-11-21");
  letter.channel = Channel::letter;
  letter.letter_type = LetterType::standard;
  add({letter, email_action("a1", {"INV-1"}, "2026-11-21"),
       email_action("a2", {"INV-3"}, "2026-11-21")});
  ChangeBatch tasks;
  dun::testing::add_task(tasks, "t1", TaskKind::task, {"INV-4"}, "2026-11-21");
  ASSERT_TRUE(store_->commit_run(run_on("2026-11-21"), tasks));
  const AdapterSet none;
  DeliveryOptions options;
  options.now = at("2026-11-21", 0);
  auto summary = deliver_pending(*store_, none, documents_, options);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->no_adapter,
            (std::map<Channel, std::size_t>{{Channel::email, 2}, {Channel::letter, 1}}));
  EXPECT_EQ(documents_.renders, 0);
}

TEST_F(DeliverTest, TasksAndUnconfirmedActionsAreNeverDelivered) {
  ChangeBatch batch;
  dun::testing::add_task(batch, "c1", TaskKind::confirm, {"INV-1"}, "2026-11-21");
  dun::testing::add_task(batch, "t1", TaskKind::task, {"INV-2"}, "2026-11-21");
  ASSERT_TRUE(store_->commit_run(run_on("2026-11-21"), batch));
  const DeliverySummary summary = pass(at("2026-11-21", 0), DeliveryMode::at_once, true);
  EXPECT_EQ(summary.sent, 0U);
  EXPECT_TRUE(email_->received.empty());
  EXPECT_EQ(action("c1").status, ActionStatus::pending_confirmation);
}

TEST_F(DeliverTest, ADocumentThatCannotBeRenderedIsAFailedAttempt) {
  Action gone = email_action("a1", {"INV-1"}, "2026-11-21");
  gone.customer = "GONE";
  add({gone});
  const DeliverySummary summary = pass(at("2026-11-21", 0));
  EXPECT_EQ(summary.failed, 1U);
  EXPECT_EQ(action("a1").last_error,
            "cannot render the document: customer GONE is not in the snapshot");
  EXPECT_TRUE(email_->received.empty());
  EXPECT_EQ(email_->passes, 0);
}

TEST_F(DeliverTest, NoSnapshotLeavesActionsAsTheyWereButRetriesGoOn) {
  add({email_action("a1", {"INV-1"}, "2026-11-21"), email_action("a2", {"INV-2"}, "2026-11-21")});
  email_->script = {{DeliveryOutcome::failed, "", "421"}};
  ASSERT_EQ(pass(at("2026-11-21", 0), DeliveryMode::at_once, false).failed, 1U);
  ASSERT_EQ(action("a2").status, ActionStatus::sent);
  documents_.loadable = false;  // a1's document is kept: no snapshot needed
  Action fresh = email_action("a3", {"INV-3"}, "2026-11-22");
  add({fresh});
  const DeliverySummary summary = pass(at("2026-11-22", 0), DeliveryMode::at_once);
  EXPECT_EQ(summary.sent, 1U) << "a1, from its kept document";
  EXPECT_EQ(summary.not_rendered, 1U);
  EXPECT_EQ(summary.problems,
            (std::vector<std::string>{"cannot render documents: no snapshot at /nowhere"}));
  EXPECT_EQ(action("a3").status, ActionStatus::queued);
  EXPECT_EQ(action("a3").attempts, 0);
}

TEST_F(DeliverTest, OnlyTheGivenActionsWhenAsked) {
  add({email_action("a1", {"INV-1"}, "2026-11-21"), email_action("a2", {"INV-2"}, "2026-11-21")});
  DeliveryOptions options;
  options.mode = DeliveryMode::at_once;
  options.now = at("2026-11-21", 0);
  options.only_actions = {"a2"};
  auto summary = deliver_pending(*store_, adapters_, documents_, options);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->sent, 1U);
  EXPECT_EQ(action("a1").status, ActionStatus::queued);
}

TEST_F(DeliverTest, SyncRecordsNewTrackingEventsOnceAndKeepsTheProof) {
  Action letter = email_action("l1", {"INV-2"}, "2026-11-21");
  letter.channel = Channel::letter;
  letter.letter_type = LetterType::registered;
  add({letter});
  auto adapter = std::make_unique<ScriptedAdapter>();
  ScriptedAdapter* post = adapter.get();
  adapters_.add({"letter", "scripted", Channel::letter, std::move(adapter)});
  ASSERT_EQ(pass(at("2026-11-21", 0)).sent, 1U);

  post->tracking = true;
  post->update.events = {{TrackingStatus::printed, "2026-11-21T18:00:00Z", "PRINTED"},
                         {TrackingStatus::mailed, "2026-11-22T08:00:00Z", "POSTED"}};
  const auto proofs = directory_ / "proofs";
  auto first = sync_tracking(*store_, adapters_, proofs, day("2026-11-22"));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->new_events, 2U);
  EXPECT_EQ(first->proofs, 0U);

  post->update.events.push_back({TrackingStatus::signed_for, "2026-11-24T09:00:00Z", "AR"});
  post->update.proof_pdf = std::string("%PDF-1.4 signed\0AR", 18);
  auto second = sync_tracking(*store_, adapters_, proofs, day("2026-11-24"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->new_events, 1U) << "only what is new";
  EXPECT_EQ(second->proofs, 1U);
  const Action signed_for = action("l1");
  EXPECT_EQ(signed_for.tracking, "signed");
  EXPECT_EQ(signed_for.proof_path, (proofs / "l1.pdf").string());
  std::ifstream file(proofs / "l1.pdf", std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  EXPECT_EQ(bytes.str(), *post->update.proof_pdf);
  EXPECT_FALSE(std::filesystem::exists(proofs / "l1.pdf.tmp"));

  auto third = sync_tracking(*store_, adapters_, proofs, day("2026-11-25"));
  ASSERT_TRUE(third);
  EXPECT_EQ(third->tracked, 0U) << "signed with its proof: settled";
  EXPECT_EQ(store_->tracking_events("l1")->size(), 3U);
}

// Each attempt records the adapter that made it; --sync asks that adapter and no other. When
// [adapters.letter] names another kind now, the old letters are counted as unreachable (one
// summary line), not asked of the new adapter and not a problem.
TEST_F(DeliverTest, SyncAsksOnlyTheAdapterThatDeliveredTheAction) {
  Action letter = email_action("l1", {"INV-2"}, "2026-11-21");
  letter.channel = Channel::letter;
  letter.letter_type = LetterType::standard;
  add({letter});
  auto first = std::make_unique<ScriptedAdapter>();
  first->tracking = true;
  ScriptedAdapter* outbox = first.get();
  adapters_.add({"letter", "outbox", Channel::letter, std::move(first)});
  ASSERT_EQ(pass(at("2026-11-21", 0)).sent, 1U);
  EXPECT_EQ(action("l1").adapter_kind, "outbox");
  EXPECT_EQ(action("l1").adapter_name, "letter");

  // The same [adapters.letter], now of another kind.
  AdapterSet switched;
  switched.add({"email", "scripted", Channel::email, std::make_unique<ScriptedAdapter>()});
  auto second = std::make_unique<ScriptedAdapter>();
  second->tracking = true;
  second->update.events = {{TrackingStatus::printed, "2026-11-22T08:00:00Z", "PRINTED"}};
  ScriptedAdapter* provider = second.get();
  switched.add({"letter", "print_mail", Channel::letter, std::move(second)});
  auto synced = sync_tracking(*store_, switched, directory_ / "proofs", day("2026-11-22"));
  ASSERT_TRUE(synced) << synced.error().message;
  EXPECT_EQ(synced->tracked, 0U) << "never asked of another adapter";
  EXPECT_EQ(synced->new_events, 0U);
  EXPECT_TRUE(synced->problems.empty());
  EXPECT_EQ(synced->unreachable, (std::map<std::string, std::size_t>{{"letter (outbox)", 1U}}));
  EXPECT_TRUE(store_->tracking_events("l1")->empty());
  (void)provider;

  // Its own adapter is asked.
  outbox->update.events = {{TrackingStatus::printed, "2026-11-22T08:00:00Z", "PRINTED"}};
  auto own = sync_tracking(*store_, adapters_, directory_ / "proofs", day("2026-11-22"));
  ASSERT_TRUE(own);
  EXPECT_EQ(own->tracked, 1U);
  EXPECT_EQ(own->new_events, 1U);
  EXPECT_TRUE(own->unreachable.empty());
}

TEST_F(DeliverTest, TheAdapterDescribesWhatItDidAndAFailedRenderingKeepsTheLastAdapter) {
  Action gone = email_action("a2", {"INV-2"}, "2026-11-21");
  gone.customer = "GONE";
  add({email_action("a1", {"INV-1"}, "2026-11-21"), gone});
  email_->description = "sent by the test";
  pass(at("2026-11-21", 0), DeliveryMode::at_once);
  const Action sent = action("a1");
  EXPECT_EQ(sent.adapter_kind, "scripted");
  EXPECT_EQ(sent.adapter_name, "email");
  EXPECT_EQ(sent.delivery_settings, "sent by the test");
  EXPECT_EQ(action("a2").status, ActionStatus::failed);
  EXPECT_EQ(action("a2").adapter_kind, "") << "no adapter was asked: its document is missing";
}

}  // namespace
}  // namespace dun::adapters

namespace dun::adapters {
namespace {

TEST_F(DeliverTest, AnInterruptedAttemptAtAnAdapterThatCannotDeduplicateIsHeld) {
  add({email_action("a1", {"INV-1"}, "2026-11-21")});
  ASSERT_TRUE(store_->begin_attempt(
      "a1", {"message/rfc822", "the bytes sent before the crash", R"({"to":["ap@c1.example"]})"}));
  const DeliverySummary after = pass(at("2026-11-22", 0), DeliveryMode::at_once);
  EXPECT_EQ(after.interrupted, 1U);
  EXPECT_EQ(after.held_unknown, 1U);
  EXPECT_TRUE(email_->received.empty()) << "SMTP would deliver a second copy";
}

TEST_F(DeliverTest, TheCircuitBreakerStopsUsingAnAdapterThatCannotBeReached) {
  policy_.circuit_breaker_failures = 2;
  add({email_action("a1", {"INV-1"}, "2026-11-21"), email_action("a2", {"INV-2"}, "2026-11-21"),
       email_action("a3", {"INV-3"}, "2026-11-21"), email_action("a4", {"INV-4"}, "2026-11-21")});
  DeliveryReport down{DeliveryOutcome::failed, "", "cannot connect"};
  down.unreachable = true;
  email_->script = {down, down, down};
  const DeliverySummary summary = pass(at("2026-11-21", 0));
  EXPECT_EQ(summary.failed, 2U);
  EXPECT_EQ(summary.postponed, 2U);
  EXPECT_EQ(email_->received.size(), 2U);
  ASSERT_EQ(summary.problems.size(), 1U);
  EXPECT_EQ(summary.problems[0],
            "scripted: 2 attempts in a row could not reach the server (last: cannot connect); its "
            "other actions wait for the next pass ([delivery] circuit_breaker_failures)");
  EXPECT_EQ(action("a4").attempts, 0);
  EXPECT_EQ(action("a4").status, ActionStatus::queued);
}

TEST_F(DeliverTest, AReachableServersRefusalDoesNotCountTowardsTheBreaker) {
  policy_.circuit_breaker_failures = 2;
  add({email_action("a1", {"INV-1"}, "2026-11-21"), email_action("a2", {"INV-2"}, "2026-11-21"),
       email_action("a3", {"INV-3"}, "2026-11-21")});
  DeliveryReport down{DeliveryOutcome::failed, "", "cannot connect"};
  down.unreachable = true;
  email_->script = {down, {DeliveryOutcome::failed, "", "451 try later"}, down};
  const DeliverySummary summary = pass(at("2026-11-21", 0));
  EXPECT_EQ(summary.failed, 3U);
  EXPECT_EQ(summary.postponed, 0U);
}

TEST_F(DeliverTest, NoAttemptStartsAfterThePassDeadline) {
  add({email_action("a1", {"INV-1"}, "2026-11-21"), email_action("a2", {"INV-2"}, "2026-11-21")});
  policy_.pass_timeout_seconds = 30;
  deadline_ = std::chrono::steady_clock::now();  // already passed
  const DeliverySummary summary = pass(at("2026-11-21", 0));
  EXPECT_EQ(summary.postponed, 2U);
  EXPECT_TRUE(email_->received.empty());
  ASSERT_EQ(summary.problems.size(), 1U);
  EXPECT_EQ(summary.problems[0],
            "the pass reached its time limit ([delivery] pass_timeout_seconds = 30): the actions "
            "not attempted wait for the next pass (dun deliver)");
}

}  // namespace
}  // namespace dun::adapters

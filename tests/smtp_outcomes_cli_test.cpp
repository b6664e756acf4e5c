// `dun deliver` against a real SMTP server on loopback that misbehaves (tests/smtp_server.py,
// aiosmtpd), docs/delivery.md: a 550 or 552 to the message is rejected and never retried (unless
// --retry-exhausted); a server that takes the message and closes, or never answers the final dot,
// leaves the outcome unknown and the action held; a server that cannot be reached opens the
// circuit breaker; a pass stops starting attempts at [delivery] pass_timeout_seconds. `dun
// deliver` exits 1 after each. Every assertion is on counts and states, never on durations.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/queued_emails_fixture.hpp"

namespace {

using dun::testing::CommandResult;
using dun::testing::kCustomers;

class SmtpOutcomesCli : public dun::testing::QueuedEmailsCli {
 protected:
  std::string folder_prefix() const override { return "dun_smtp_outcomes_"; }

  std::string count(const std::string& where) {
    const auto found = rows("SELECT count(*) FROM actions WHERE channel = 'email' AND " + where);
    return found.empty() ? "" : found.front().substr(0, found.front().size() - 1);
  }
};

class PermanentReplies : public SmtpOutcomesCli,
                         public ::testing::WithParamInterface<std::string> {};

TEST_P(PermanentReplies, APermanentReplyToTheMessageIsRejectedAndNotRetried) {
  const std::string reply = GetParam();
  auto server = queue_emails_then_start_smtp(0, {"--data-reply", reply});
  const CommandResult first = dun("deliver --date 2026-01-20");
  EXPECT_EQ(first.exit_code, 1) << "a failed attempt";
  EXPECT_NE(first.out.find("0 sent, 0 failed (retried later), 0 with an unknown outcome, " +
                           std::to_string(kCustomers) + " failed for good"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("refused the message: \"" + reply + "\""), std::string::npos)
      << first.out;
  EXPECT_EQ(count("status = 'failed' AND attempts = 1 AND next_attempt_at IS NULL"),
            std::to_string(kCustomers));

  const CommandResult again = dun("deliver --date 2026-01-21");
  EXPECT_EQ(again.exit_code, 0) << "nothing attempted, nothing failed";
  EXPECT_EQ(count("attempts = 1"), std::to_string(kCustomers)) << "not retried";

  const CommandResult forced = dun("deliver --retry-exhausted --date 2026-01-21");
  EXPECT_EQ(forced.exit_code, 1);
  EXPECT_EQ(count("attempts = 2 AND next_attempt_at IS NULL"), std::to_string(kCustomers))
      << "--retry-exhausted: one more attempt each";
  EXPECT_NE(ok("history I1").find(reply.substr(0, 3)), std::string::npos);
}

TEST_F(SmtpOutcomesCli, SendExitsOneAfterAFailedAttempt) {
  auto server = queue_emails_then_start_smtp(0, {"--data-reply", "550 5.1.1 Mailbox unavailable"});
  const CommandResult sent =
      dun("send --customer C1 --invoice I1 --template first_reminder --channel email --date "
          "2026-01-21");
  EXPECT_EQ(sent.exit_code, 1) << sent.out << sent.err;
  EXPECT_NE(sent.out.find("0 sent, 0 failed (retried later), 0 with an unknown outcome, 1 failed "
                          "for good"),
            std::string::npos)
      << sent.out;
  EXPECT_EQ(count("scenario = 'manual' AND status = 'failed' AND attempts = 1"), "1");
  EXPECT_EQ(count("scenario <> 'manual' AND attempts = 0"), std::to_string(kCustomers))
      << "dun send delivers its own reminder only";
}

INSTANTIATE_TEST_SUITE_P(Rfc5321, PermanentReplies,
                         ::testing::Values("550 5.1.1 Mailbox unavailable",
                                           "552 5.3.4 Message size exceeds fixed limit"),
                         [](const auto& reply_info) {
                           return "Code" + reply_info.param.substr(0, 3);
                         });

TEST_F(SmtpOutcomesCli, AConnectionClosedAfterTheMessageIsUnknownAndHeld) {
  auto server = queue_emails_then_start_smtp(0, {"--drop-after-data"},
                                             "\n[delivery]\ncircuit_breaker_failures = 100\n");
  const CommandResult first = dun("deliver --date 2026-01-20");
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_NE(first.out.find("0 sent, 0 failed (retried later), " + std::to_string(kCustomers) +
                           " with an unknown outcome"),
            std::string::npos)
      << first.out;
  ASSERT_EQ(server->received().size(), static_cast<std::size_t>(kCustomers));
  EXPECT_EQ(count("status = 'failed' AND uncertain = 1"), std::to_string(kCustomers));

  const CommandResult again = dun("deliver --date 2026-01-21");
  EXPECT_NE(again.out.find("held: " + std::to_string(kCustomers) +
                           " actions whose last attempt has an unknown outcome"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(server->received().size(), static_cast<std::size_t>(kCustomers))
      << "not sent again without --retry-unknown";
  EXPECT_EQ(count("attempts = 1"), std::to_string(kCustomers));
}

TEST_F(SmtpOutcomesCli, NoReplyToTheFinalDotIsUnknown) {
  auto server = queue_emails_then_start_smtp(0, {"--hang-after-data"},
                                             "\n[delivery]\ncircuit_breaker_failures = 1\n");
  const CommandResult first = dun("deliver --date 2026-01-20");
  EXPECT_EQ(first.exit_code, 1);
  EXPECT_NE(first.out.find("1 with an unknown outcome"), std::string::npos) << first.out;
  EXPECT_EQ(count("uncertain = 1"), "1");
}

TEST_F(SmtpOutcomesCli, AnUnreachableServerOpensTheCircuitBreaker) {
  auto server =
      queue_emails_then_start_smtp(0, {"--silent"}, "\n[delivery]\ncircuit_breaker_failures = 2\n");
  const CommandResult pass = dun("deliver --date 2026-01-20");
  EXPECT_EQ(pass.exit_code, 1);
  EXPECT_NE(pass.out.find("0 sent, 2 failed (retried later)"), std::string::npos) << pass.out;
  EXPECT_NE(pass.out.find("postponed: " + std::to_string(kCustomers - 2) +
                          " actions not attempted in this pass"),
            std::string::npos)
      << pass.out;
  EXPECT_NE(pass.out.find("delivery problem: smtp: 2 attempts in a row could not reach the "
                          "server"),
            std::string::npos)
      << pass.out;
  EXPECT_EQ(count("attempts = 0 AND status = 'queued'"), std::to_string(kCustomers - 2))
      << "postponed actions are untouched";
}

TEST_F(SmtpOutcomesCli, APassStartsNoAttemptAfterItsTimeLimit) {
  // Each attempt waits the 2 s timeout for a reply that never comes: after the first, the pass
  // has run more than its 1 s.
  auto server = queue_emails_then_start_smtp(
      0, {"--hang-after-data"},
      "\n[delivery]\npass_timeout_seconds = 1\ncircuit_breaker_failures = 100\n");
  const CommandResult pass = dun("deliver --date 2026-01-20");
  EXPECT_EQ(pass.exit_code, 1);
  EXPECT_NE(pass.out.find("delivery problem: the pass reached its time limit ([delivery] "
                          "pass_timeout_seconds = 1)"),
            std::string::npos)
      << pass.out;
  // At most the first attempt started (none, on a machine slow enough to spend the second
  // before it): every other action is postponed, untouched.
  EXPECT_LE(server->received().size(), 1U);
  EXPECT_EQ(count("attempts = 0 AND status = 'queued'"),
            std::to_string(kCustomers - server->received().size()));
}

}  // namespace

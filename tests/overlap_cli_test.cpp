// Overlapping processes on one state store (docs/reliability.md), with the real `dun` binary and
// a real SMTP server on loopback (tests/smtp_server.py, aiosmtpd): two `dun deliver` at once send
// every message once; a writer that cannot wait names the holder while readers go on; a delivery
// killed after handing over a message leaves it `unknown`, held until --retry-unknown; two
// `dun run` of one date at once record each event once; two confirmations of one task at once
// confirm it once.
//
// The first process is paused at a commit point (DUN_TEST_PAUSE_AT, cli/args/test_pause.hpp)
// while it holds the store; the test waits for its marker file, then starts the second. No
// assertion depends on how long anything takes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/background_dun.hpp"
#include "tests/queued_emails_fixture.hpp"

namespace {

using dun::testing::BackgroundDun;
using dun::testing::CommandResult;
using dun::testing::kCustomers;

class OverlapCli : public dun::testing::QueuedEmailsCli {
 protected:
  std::string folder_prefix() const override { return "dun_overlap_"; }
};

TEST_F(OverlapCli, TwoDeliveriesAtOnceSendEveryMessageOnce) {
  auto server = queue_emails_then_start_smtp(600);
  // The first hands a message to the server and pauses before recording it: the moment a second
  // process used to take for a crash's leftover and send again.
  BackgroundDun first(dir_, {"deliver", "--date", "2026-01-20"}, "delivery:after-deliver", 2);
  ASSERT_TRUE(first.wait_until_paused());
  const CommandResult second = dun("deliver --date 2026-01-20");
  EXPECT_EQ(first.wait(), 0) << dun::testing::slurp(dir_ / "background.err");
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("delivery: 0 sent"), std::string::npos) << second.out;
  EXPECT_NE(dun::testing::slurp(dir_ / "background.out")
                .find("delivery: " + std::to_string(kCustomers) + " sent"),
            std::string::npos);

  const std::vector<std::string> ids = message_ids(*server);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kCustomers));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(),
            static_cast<std::size_t>(kCustomers))
      << "a Message-ID received twice";
  EXPECT_EQ(rows("SELECT count(*) FROM actions WHERE status = 'sent' AND attempts = 1"),
            std::vector<std::string>{std::to_string(kCustomers) + "|"});
}

TEST_F(OverlapCli, AWriterThatCannotWaitNamesTheHolderAndReadersGoOn) {
  auto server = queue_emails_then_start_smtp(0);
  BackgroundDun first(dir_, {"deliver", "--date", "2026-01-20"}, "delivery:after-deliver", 300);
  ASSERT_TRUE(first.wait_until_paused());

  for (const std::string writer :
       {"deliver --date 2026-01-20", "optout I1 --date 2026-01-20",
        "send --customer C1 --invoice I1 --template first_reminder --channel email "
        "--date 2026-01-20",
        "run --date 2026-01-21"}) {
    const CommandResult refused = dun(writer);
    EXPECT_EQ(refused.exit_code, 1) << writer;
    EXPECT_NE(refused.err.find("dun.db is being changed by another dun process (pid " +
                               std::to_string(first.pid()) + ", `dun deliver`, since 20"),
              std::string::npos)
        << writer << ": " << refused.err;
    EXPECT_NE(refused.err.find("waited 0 s for it to finish ([store] lock_wait_seconds"),
              std::string::npos)
        << refused.err;
  }
  // Readers take no lock.
  EXPECT_NE(ok("history I1").find("I1"), std::string::npos);
  ok("status");
  ok("agenda list");

  // kill -9 after the first message reached the server, before its outcome was recorded.
  first.kill();
  ASSERT_EQ(server->received().size(), 1U);
  const CommandResult after = dun("deliver --date 2026-01-20");
  EXPECT_EQ(after.exit_code, 1) << "an unknown outcome needs attention: " << after.out << after.err;
  EXPECT_NE(after.out.find("delivery: " + std::to_string(kCustomers - 1) +
                           " sent, 0 failed (retried later), 1 with an unknown outcome (1 "
                           "interrupted by an earlier crash)"),
            std::string::npos)
      << after.out;
  EXPECT_NE(after.out.find("held: 1 action whose last attempt has an unknown outcome"),
            std::string::npos)
      << after.out;
  std::vector<std::string> ids = message_ids(*server);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size())
      << "nothing sent twice without --retry-unknown";
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kCustomers));
  EXPECT_NE(ok("deliver --date 2026-01-21").find("delivery: 0 sent"), std::string::npos)
      << "still held";

  // The operator asks for it: the same message again, with the same Message-ID.
  const std::string retried = ok("deliver --retry-unknown --date 2026-01-21");
  EXPECT_NE(retried.find("delivery: 1 sent"), std::string::npos) << retried;
  ids = message_ids(*server);
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kCustomers) + 1);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), ids.front()), 2) << "the same Message-ID";
}

TEST_F(OverlapCli, TwoRunsOfOneDateAtOnceRecordEachEventOnce) {
  BackgroundDun first(dir_, {"run", "--date", "2026-01-20"}, "run:before-commit", 2);
  ASSERT_TRUE(first.wait_until_paused());
  const CommandResult second = dun("run --date 2026-01-20");
  EXPECT_EQ(first.wait(), 0) << dun::testing::slurp(dir_ / "background.err");
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("this date was already run"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("actions: 0 new"), std::string::npos) << second.out;
  EXPECT_EQ(rows("SELECT count(*) FROM events WHERE kind = 'step_fired'"),
            std::vector<std::string>{std::to_string(kCustomers) + "|"});
  EXPECT_EQ(rows("SELECT count(*) FROM actions"),
            std::vector<std::string>{std::to_string(kCustomers) + "|"});
}

TEST_F(OverlapCli, TwoConfirmationsOfOneTaskAtOnceConfirmItOnce) {
  ok("run --date 2026-01-20");
  ok("run --date 2026-01-27");  // the confirm step: one task per customer
  ASSERT_EQ(rows("SELECT count(*) FROM tasks WHERE status = 'open'"),
            std::vector<std::string>{std::to_string(kCustomers) + "|"});
  const std::string task = rows("SELECT min(id) FROM tasks").front();
  const std::string id = task.substr(0, task.size() - 1);
  BackgroundDun first(dir_, {"agenda", "confirm", id, "--date", "2026-01-27"},
                      "agenda:before-commit", 2);
  ASSERT_TRUE(first.wait_until_paused());
  const CommandResult second = dun("agenda confirm " + id + " --date 2026-01-27");
  EXPECT_EQ(first.wait(), 0) << dun::testing::slurp(dir_ / "background.err");
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("is already confirmed"), std::string::npos) << second.err;
  EXPECT_EQ(rows("SELECT count(*) FROM events WHERE kind = 'task_confirmed'"),
            std::vector<std::string>{"1|"});
  EXPECT_EQ(rows("SELECT count(*) FROM tasks WHERE status = 'confirmed'"),
            std::vector<std::string>{"1|"});
  EXPECT_EQ(rows("SELECT count(*) FROM actions WHERE status = 'queued' AND channel = 'email'"),
            std::vector<std::string>{std::to_string(kCustomers + 1) + "|"})
      << "the day's emails, and the one confirmed action queued once";
}

}  // namespace

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

#include "tests/cli_folder_test_base.hpp"
#include "tests/smtp_test_server.hpp"
#include "tests/snapshot_fixture.hpp"
#include "tests/sqlite_rows.hpp"

namespace {

namespace fs = std::filesystem;
using dun::testing::CommandResult;

constexpr int kCustomers = 12;

constexpr const char* kScenario =
    "scenario s \"standard\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "  step confirmed\n"
    "    at first + 7 days\n"
    "    email \"first_reminder\" confirm\n"
    "end\n";

std::string customers_csv() {
  std::string csv = dun::testing::kCustomersCsvHeader;
  for (int n = 1; n <= kCustomers; ++n) {
    const std::string id = "C" + std::to_string(n);
    csv += id + ",Customer " + id + ",en,FR,EUR,sme,,ap@" + id + ".example,\"1 rue " + id +
           "\n75002 Paris\",,\n";
  }
  return csv;
}

std::string invoices_csv() {
  std::string csv = dun::testing::kInvoicesCsvHeader;
  for (int n = 1; n <= kCustomers; ++n) {
    csv += "I" + std::to_string(n) + ",C" + std::to_string(n) + ",F-" + std::to_string(n) +
           ",invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n";
  }
  return csv;
}

std::string config(int smtp_port, int lock_wait_seconds) {
  std::string text =
      "[company]\nname = \"Our Company\"\nemail = \"ar@ourco.example\"\nlanguage = \"en\"\n\n"
      "[engine]\ndatabase = \"dun.db\"\nsnapshot = \"snapshot\"\nscenarios = \"scenarios\"\n"
      "templates = \"templates\"\ndefault_scenario = \"s\"\n\n"
      "[adapters.task]\nkind = \"agenda\"\n\n"
      "[safety]\nmax_date_skew_days = 36500\n\n"
      "[store]\nlock_wait_seconds = " +
      std::to_string(lock_wait_seconds) + "\n";
  if (smtp_port > 0) {
    text += "\n[adapters.email]\nkind = \"smtp\"\nhost = \"127.0.0.1\"\nport = " +
            std::to_string(smtp_port) +
            "\ntls = \"none\"\nfrom = \"ar@ourco.example\"\ntimeout_seconds = 5\n";
  }
  return text;
}

// A `dun` started in the background, paused at `point` for `pause_seconds` once it gets there.
class BackgroundDun {
 public:
  BackgroundDun(const fs::path& dir, const std::vector<std::string>& args, const std::string& point,
                int pause_seconds)
      : marker_(dir / ("paused-" + point.substr(0, point.find(':')))) {
    fs::remove(marker_);
    pid_ = ::fork();
    if (pid_ == 0) {
      if (::chdir(dir.c_str()) != 0) ::_exit(126);
      ::setenv("DUN_TEST_PAUSE_AT", point.c_str(), 1);
      ::setenv("DUN_TEST_PAUSE_MARKER", marker_.c_str(), 1);
      ::setenv("DUN_TEST_PAUSE_SECONDS", std::to_string(pause_seconds).c_str(), 1);
      const int out = ::open("background.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open("background.err", O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      std::vector<std::string> argv_text = {DUN_BINARY};
      argv_text.insert(argv_text.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (std::string& arg : argv_text) argv.push_back(arg.data());
      argv.push_back(nullptr);
      ::execv(DUN_BINARY, argv.data());
      ::_exit(127);
    }
  }
  ~BackgroundDun() {
    if (pid_ > 0) kill();
  }

  // Until the process reached its pause point (true) or ended without reaching it (false).
  bool wait_until_paused() {
    while (!fs::exists(marker_)) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }
  int wait() {
    if (pid_ > 0) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      pid_ = -1;
    }
    return exit_code_;
  }
  void kill() {
    ::kill(pid_, SIGKILL);
    wait();
  }
  pid_t pid() const { return pid_; }

 private:
  fs::path marker_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

class OverlapCli : public dun::testing::CliFolderTest {
 protected:
  void SetUp() override {
    make_folder("dun_overlap_");
    write("dun.toml", config(0, 600));
    write("scenarios/standard.dun", kScenario);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n");
    write("snapshot/customers.csv", customers_csv());
    write("snapshot/invoices.csv", invoices_csv());
  }

  // The Message-ID of each message the server received, in order.
  static std::vector<std::string> message_ids(const dun::testing::SmtpTestServer& server) {
    std::vector<std::string> ids;
    for (const auto& message : server.received()) {
      const auto at = message.bytes.find("\r\nMessage-ID: ");
      ids.push_back(at == std::string::npos
                        ? ""
                        : message.bytes.substr(at + 14, message.bytes.find("\r\n", at + 14) -
                                                            (at + 14)));
    }
    return ids;
  }

  std::vector<std::string> rows(const std::string& query) {
    return dun::testing::table_rows(dir_ / "dun.db", query);
  }

  // The day's emails queued (no email adapter yet), then the SMTP server in dun.toml.
  std::unique_ptr<dun::testing::SmtpTestServer> queue_emails_then_start_smtp(
      int lock_wait_seconds) {
    ok("run --date 2026-01-20");
    EXPECT_EQ(rows("SELECT count(*) FROM actions WHERE status = 'queued'"),
              std::vector<std::string>{std::to_string(kCustomers) + "|"});
    const int port = dun::testing::free_loopback_port();
    auto server =
        std::make_unique<dun::testing::SmtpTestServer>(port, dir_ / "smtp", std::vector<std::string>{});
    EXPECT_TRUE(server->ready());
    write("dun.toml", config(port, lock_wait_seconds));
    return server;
  }
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
  EXPECT_EQ(after.exit_code, 0) << after.out << after.err;
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

// The CLI suites about delivery and overlapping processes share this folder: a scenario whose
// first step emails each of a dozen customers (and a confirm step a week later), a dun.toml with a
// lock wait and, when given, an SMTP adapter on loopback, and the day's emails queued before the
// SMTP server (tests/smtp_server.py, aiosmtpd) is started with the options a test chooses.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/cli_folder_test_base.hpp"
#include "tests/smtp_test_server.hpp"
#include "tests/snapshot_fixture.hpp"
#include "tests/sqlite_rows.hpp"

namespace dun::testing {

inline constexpr int kCustomers = 12;

inline constexpr const char* kQueuedEmailsScenario =
    "scenario s \"standard\"\n"
    "  step first\n"
    "    at invoice.due_date + 7 days\n"
    "    email \"first_reminder\"\n"
    "  step confirmed\n"
    "    at first + 7 days\n"
    "    email \"first_reminder\" confirm\n"
    "end\n";

inline std::string customers_csv() {
  std::string csv = dun::testing::kCustomersCsvHeader;
  for (int n = 1; n <= kCustomers; ++n) {
    const std::string id = "C" + std::to_string(n);
    csv += id + ",Customer " + id + ",en,FR,EUR,sme,,ap@" + id + ".example,\"1 rue " + id +
           "\n75002 Paris\",,\n";
  }
  return csv;
}

inline std::string invoices_csv() {
  std::string csv = dun::testing::kInvoicesCsvHeader;
  for (int n = 1; n <= kCustomers; ++n) {
    csv += "I" + std::to_string(n) + ",C" + std::to_string(n) + ",F-" + std::to_string(n) +
           ",invoice,2026-01-01,2026-01-12,EUR,120.00,120.00,false,true,,\n";
  }
  return csv;
}

// `extra` is appended (e.g. a [delivery] table); smtp_port 0: no [adapters.email].
inline std::string queued_emails_config(int smtp_port, int lock_wait_seconds,
                                        const std::string& extra = "") {
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
            "\ntls = \"none\"\nfrom = \"ar@ourco.example\"\ntimeout_seconds = 2\n";
  }
  return text + extra;
}

class QueuedEmailsCli : public dun::testing::CliFolderTest {
 protected:
  virtual std::string folder_prefix() const = 0;

  void SetUp() override {
    make_folder(folder_prefix());
    write("dun.toml", queued_emails_config(0, 600));
    write("scenarios/standard.dun", kQueuedEmailsScenario);
    write("templates/first_reminder.en.txt", "Subject: Reminder\n\nPlease pay.\n");
    write("snapshot/customers.csv", customers_csv());
    write("snapshot/invoices.csv", invoices_csv());
  }

  // The Message-ID of each message the server received, in order.
  static std::vector<std::string> message_ids(const dun::testing::SmtpTestServer& server) {
    std::vector<std::string> ids;
    for (const auto& message : server.received()) {
      const auto at = message.bytes.find("\r\nMessage-ID: ");
      ids.push_back(
          at == std::string::npos
              ? ""
              : message.bytes.substr(at + 14, message.bytes.find("\r\n", at + 14) - (at + 14)));
    }
    return ids;
  }

  std::vector<std::string> rows(const std::string& query) {
    return dun::testing::table_rows(dir_ / "dun.db", query);
  }

  // The day's emails queued (no email adapter yet), then an SMTP server started with
  // `server_options` (tests/smtp_server.py) in dun.toml, with `extra` settings.
  std::unique_ptr<dun::testing::SmtpTestServer> queue_emails_then_start_smtp(
      int lock_wait_seconds, const std::vector<std::string>& server_options = {},
      const std::string& extra = "") {
    ok("run --date 2026-01-20");
    EXPECT_EQ(rows("SELECT count(*) FROM actions WHERE status = 'queued'"),
              std::vector<std::string>{std::to_string(kCustomers) + "|"});
    const int port = dun::testing::free_loopback_port();
    auto server =
        std::make_unique<dun::testing::SmtpTestServer>(port, dir_ / "smtp", server_options);
    EXPECT_TRUE(server->ready());
    write("dun.toml", queued_emails_config(port, lock_wait_seconds, extra));
    return server;
  }
};

}  // namespace dun::testing

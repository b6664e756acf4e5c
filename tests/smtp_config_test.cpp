// The smtp adapter's settings from a real dun.toml: defaults, and every mistake an error that
// names the file, line and column and says what to write. Also the reading of the server's
// replies (queue ids, multi-line replies) and of the message's Message-ID.
#include <gtest/gtest.h>

#include <cstdlib>

#include "adapters/smtp/smtp_adapter.hpp"
#include "adapters/smtp/smtp_outcome.hpp"
#include "adapters/smtp/smtp_settings.hpp"
#include "engine/base/temp_folder.hpp"
#include "tests/adapter_config_fixture.hpp"

namespace dun::adapters {
namespace {

class SmtpConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = make_temp_folder("dun-smtp-config");
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    folder_ = *folder;
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  // The settings of "[company]…[adapters.email] kind = smtp" followed by `lines` (line 5 on).
  Result<SmtpSettings> settings(const std::string& lines) {
    const std::string toml =
        "[company]\nname = \"Our Company\"\n\n[adapters.email]\nkind = "
        "\"smtp\"\n" +
        lines;
    return testing::adapter_from_toml(folder_, toml, "email", read_smtp_settings);
  }

  // The error, with the folder cut so that it reads "dun.toml:LINE:COL: …".
  std::string error(const std::string& lines) {
    const std::string toml =
        "[company]\nname = \"Our Company\"\n\n[adapters.email]\nkind = "
        "\"smtp\"\n" +
        lines;
    auto made = testing::adapter_from_toml(folder_, toml, "email", make_smtp_adapter);
    if (made.ok()) return "(no error)";
    std::string message = made.error().message;
    const std::string prefix = (folder_ / "").string();
    if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
    return message;
  }

  std::filesystem::path folder_;
};

TEST_F(SmtpConfigTest, Defaults) {
  const auto smtp = settings("host = \"smtp.example.com\"\n");
  ASSERT_TRUE(smtp.ok()) << smtp.error().message;
  EXPECT_EQ(smtp->host, "smtp.example.com");
  EXPECT_EQ(smtp->port, 587);
  EXPECT_EQ(smtp->tls, SmtpTls::starttls);
  EXPECT_EQ(smtp->username, "");
  EXPECT_EQ(smtp->password_variable, "DUN_SMTP_PASSWORD");
  EXPECT_TRUE(smtp->ca_file.empty());
  EXPECT_EQ(smtp->timeout_seconds, 30);
  EXPECT_EQ(smtp->helo, "");
}

// data-model.md's example (host = "localhost", port = 2525, no tls) must reach a plain local
// server; an explicit tls = "starttls" on loopback still requires it.
TEST_F(SmtpConfigTest, LoopbackWithoutTlsUsesStartTlsWhenOffered) {
  const auto example = settings("host = \"localhost\"\nport = 2525\n");
  ASSERT_TRUE(example.ok()) << example.error().message;
  EXPECT_EQ(example->tls, SmtpTls::opportunistic);
  EXPECT_EQ(example->port, 2525);
  const auto required = settings("host = \"127.0.0.1\"\ntls = \"starttls\"\n");
  ASSERT_TRUE(required.ok()) << required.error().message;
  EXPECT_EQ(required->tls, SmtpTls::starttls);
}

TEST_F(SmtpConfigTest, ImplicitTlsDefaultsToPort465) {
  const auto smtp = settings("host = \"smtp.example.com\"\ntls = \"implicit\"\n");
  ASSERT_TRUE(smtp.ok()) << smtp.error().message;
  EXPECT_EQ(smtp->tls, SmtpTls::implicit);
  EXPECT_EQ(smtp->port, 465);
}

TEST_F(SmtpConfigTest, EverySetting) {
  std::ofstream(folder_ / "ca.pem") << "-----BEGIN CERTIFICATE-----\n";
  const auto smtp = settings(
      "host = \"localhost\"\nport = 2525\nfrom = \"ar@ourco.example\"\ntls = \"none\"\n"
      "username = \"dun\"\npassword_env = \"MY_SMTP_PASS\"\nca_file = \"ca.pem\"\n"
      "timeout_seconds = 5\nhelo = \"mail.ourco.example\"\n");
  ASSERT_TRUE(smtp.ok()) << smtp.error().message;
  EXPECT_EQ(smtp->port, 2525);
  EXPECT_EQ(smtp->tls, SmtpTls::none);
  EXPECT_EQ(smtp->username, "dun");
  EXPECT_EQ(smtp->password_variable, "MY_SMTP_PASS");
  EXPECT_EQ(smtp->ca_file, folder_ / "ca.pem");
  EXPECT_EQ(smtp->timeout_seconds, 5);
  EXPECT_EQ(smtp->helo, "mail.ourco.example");
}

TEST_F(SmtpConfigTest, AMissingHostNamesTheTable) {
  EXPECT_EQ(error("port = 25\n"),
            "dun.toml:4:1: [adapters.email] kind \"smtp\" needs host (e.g. host = "
            "\"smtp.example.com\")");
}

TEST_F(SmtpConfigTest, NoTlsOnlyForLoopback) {
  EXPECT_EQ(error("host = \"smtp.example.com\"\ntls = \"none\"\n"),
            "dun.toml:7:7: [adapters.email] tls: \"none\" would send mail and passwords in "
            "clear: it is allowed only for a loopback host (localhost, 127.0.0.1, ::1), not "
            "\"smtp.example.com\"; use \"starttls\" or \"implicit\"");
  EXPECT_EQ(error("host = \"127.0.0.1\"\ntls = \"none\"\n"), "(no error)");
  EXPECT_EQ(error("host = \"::1\"\ntls = \"none\"\n"), "(no error)");
  EXPECT_EQ(error("host = \"[::1]\"\ntls = \"none\"\n"), "(no error)");
  EXPECT_EQ(error("host = \"127.0.0.2\"\ntls = \"none\"\n"), "(no error)");
  EXPECT_NE(error("host = \"128.0.0.1\"\ntls = \"none\"\n"), "(no error)");
  EXPECT_NE(error("host = \"::2\"\ntls = \"none\"\n"), "(no error)");
}

TEST_F(SmtpConfigTest, MistakesNameTheirLine) {
  EXPECT_EQ(error("host = \"smtp.example.com\"\nprot = 25\n"),
            "dun.toml:7:8: [adapters.email] prot: unknown setting for kind \"smtp\"; did you "
            "mean 'port'?");
  EXPECT_EQ(error("host = \"smtp.example.com\"\nport = 70000\n"),
            "dun.toml:7:8: [adapters.email] port: must be from 1 to 65535, not 70000");
  EXPECT_EQ(error("host = \"smtp.example.com\"\ntls = \"startls\"\n"),
            "dun.toml:7:7: [adapters.email] tls: must be one of \"starttls\", \"implicit\", "
            "\"none\", not \"startls\"; did you mean \"starttls\"?");
  EXPECT_EQ(error("host = \"smtp.example.com:25\"\n"),
            "dun.toml:6:8: [adapters.email] host: must be a host name or address without "
            "scheme, port or path (e.g. host = \"smtp.example.com\"), not "
            "\"smtp.example.com:25\"");
  EXPECT_EQ(error("host = \"smtp.example.com\"\ntimeout_seconds = 0\n"),
            "dun.toml:7:19: [adapters.email] timeout_seconds: must be from 1 to 3600, not 0");
  EXPECT_EQ(error("host = \"smtp.example.com\"\nca_file = \"missing.pem\"\n"),
            "dun.toml:7:11: [adapters.email] ca_file: no such file: " +
                (folder_ / "missing.pem").string() +
                " (a PEM file with the CA certificates to trust)");
  EXPECT_EQ(error("host = \"smtp.example.com\"\nhelo = \"a b\"\n"),
            "dun.toml:7:8: [adapters.email] helo: must be a domain name (e.g. helo = "
            "\"mail.example.com\"), not \"a b\"");
  EXPECT_EQ(error("host = \"smtp.example.com\"\npassword_env = \"MY-PASS\"\n"),
            "dun.toml:7:16: [adapters.email] password_env: must be the name of an environment "
            "variable (letters, digits and _), not \"MY-PASS\"");
}

TEST_F(SmtpConfigTest, APasswordInTheFileIsRefused) {
  EXPECT_EQ(error("host = \"smtp.example.com\"\npassword = \"hunter2\"\n"),
            "dun.toml:7:12: [adapters.email] password: the password is never read from "
            "dun.toml: set it in the environment variable named by password_env (default "
            "DUN_SMTP_PASSWORD)");
}

TEST_F(SmtpConfigTest, TheFactoryDoesNotConnect) {
  // Nothing listens on port 9 of a reserved documentation address; making the adapter is
  // still fine: only check() and deliver() connect.
  EXPECT_EQ(error("host = \"192.0.2.1\"\nport = 9\n"), "(no error)");
}

TEST(SmtpReplies, QueueIds) {
  EXPECT_EQ(queue_id("250 2.0.0 Ok: queued as 4BxYz9K2"), "4BxYz9K2");
  EXPECT_EQ(queue_id("250 2.0.0 Ok: Queued as 4BxYz9K2."), "4BxYz9K2");
  EXPECT_EQ(queue_id("250 OK id=1tA2bC-000Dx3-4E"), "1tA2bC-000Dx3-4E");
  EXPECT_EQ(queue_id("250 2.6.0 <x@y> [InternalId=123] Queued mail for delivery"), std::nullopt);
  EXPECT_EQ(queue_id("250 2.0.0 Ok"), std::nullopt);
}

TEST(SmtpReplies, TheLastReplyJoinsItsLines) {
  const std::vector<std::string> replies = {"220 hello", "250-first", "250-SIZE 100", "250 HELP",
                                            "535 5.7.8 no"};
  EXPECT_EQ(last_reply(replies), "535 5.7.8 no");
  EXPECT_EQ(last_reply({replies.begin(), replies.end() - 1}), "250-first 250-SIZE 100 250 HELP");
  EXPECT_EQ(last_reply(replies, 5), "");
  EXPECT_EQ(reply_code("535 5.7.8 no"), 535);
  EXPECT_EQ(reply_code("ok"), 0);
  EXPECT_EQ(reply_code("050 not a reply"), 0) << "RFC 5321: the first digit is 2 to 5";
}

TEST(SmtpReplies, MessageIdFromTheHeadersOnly) {
  EXPECT_EQ(message_id("From: a@b\r\nMessage-ID:  <x.1@ourco.example> \r\n\r\nbody\r\n"),
            "<x.1@ourco.example>");
  EXPECT_EQ(message_id("From: a@b\r\n\r\nMessage-ID: <in-body@x>\r\n"), std::nullopt);
}

}  // namespace
}  // namespace dun::adapters

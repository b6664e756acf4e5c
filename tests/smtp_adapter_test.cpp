// The smtp adapter against a real SMTP server on loopback (tests/smtp_server.py, aiosmtpd):
// the message arrives byte for byte with its envelope; AUTH with the password from the
// environment; STARTTLS with a private CA and never mail in clear when STARTTLS is missing;
// every failure mapped to the outcome the delivery loop needs (failed, rejected, uncertain).
#include "adapters/smtp/smtp_adapter.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "engine/base/temp_folder.hpp"
#include "tests/adapter_config_fixture.hpp"
#include "tests/smtp_test_server.hpp"

namespace dun::adapters {
namespace {

using testing::SmtpTestServer;

constexpr const char* kPasswordVariable = "DUN_TEST_SMTP_PASSWORD";

// A message as the outbox keeps it: CRLF lines, a line that is a lone dot and one that starts
// with a dot (SMTP's dot-stuffing must give them back unchanged), and enough body to take many
// read callbacks.
std::string sample_message() {
  std::string message =
      "From: Our Company <ar@ourco.example>\r\n"
      "To: Client <ap@client.example>\r\n"
      "Cc: boss@client.example\r\n"
      "Subject: Reminder: invoice INV-1001\r\n"
      "Message-ID: <a1b2c3.dun@ourco.example>\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n"
      "\r\n"
      "Dear client,\r\n"
      ".\r\n"
      "..two dots\r\n"
      ".one dot\r\n";
  for (int line = 0; line < 6000; ++line) {
    message += "Line " + std::to_string(line) +
               " of a long body, long enough to need several reads from libcurl.\r\n";
  }
  return message + "Regards\r\n";
}

OutgoingDocument sample_document() {
  OutgoingDocument document;
  document.content_type = std::string(kEmailContentType);
  document.bytes = sample_message();
  document.envelope_from = "ar@ourco.example";
  document.envelope_to = {"ap@client.example", "boss@client.example"};
  return document;
}

class SmtpAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = make_temp_folder("dun-smtp-test");
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    folder_ = *folder;
    port_ = testing::free_loopback_port();
    ASSERT_GT(port_, 0);
    unsetenv(kPasswordVariable);
  }
  void TearDown() override {
    unsetenv(kPasswordVariable);
    std::filesystem::remove_all(folder_);
  }

  std::unique_ptr<SmtpTestServer> start(const std::vector<std::string>& options = {}) {
    auto server = std::make_unique<SmtpTestServer>(port_, folder_ / "received", options);
    EXPECT_TRUE(server->ready()) << "tests/smtp_server.py did not start (python3-aiosmtpd?)";
    return server;
  }

  // An smtp adapter for 127.0.0.1:port_ with `extra` settings (tls = "none" unless given).
  std::unique_ptr<Adapter> adapter(const std::string& extra = "",
                                   const std::string& host = "127.0.0.1") {
    std::string toml = "[adapters.email]\nkind = \"smtp\"\nhost = \"" + host +
                       "\"\nport = " + std::to_string(port_) + "\n" + extra;
    if (extra.find("tls =") == std::string::npos) toml += "tls = \"none\"\n";
    auto made = testing::adapter_from_toml(folder_, toml, "email", make_smtp_adapter);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made.ok() ? std::move(made).value() : nullptr;
  }

  // A self-signed certificate for localhost and 127.0.0.1, made by openssl for this test.
  std::pair<std::string, std::string> certificate() {
    const std::string cert = (folder_ / "cert.pem").string();
    const std::string key = (folder_ / "key.pem").string();
    const std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "
        "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
        key + " -out " + cert + " >/dev/null 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    return {cert, key};
  }

  DeliveryReport deliver(Adapter& smtp, const OutgoingDocument& document = sample_document()) {
    Action action;
    action.id = "a1b2c3";
    action.channel = Channel::email;
    return smtp.deliver(action, document);
  }

  std::filesystem::path folder_;
  int port_ = 0;
};

TEST_F(SmtpAdapterTest, TheMessageArrivesByteForByteWithItsEnvelope) {
  auto server = start();
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(report.provider_ref, "smtp:<a1b2c3.dun@ourco.example>");
  EXPECT_EQ(report.error, "");
  const auto received = server->received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].mail_from, "ar@ourco.example");
  EXPECT_EQ(received[0].rcpt_to,
            (std::vector<std::string>{"ap@client.example", "boss@client.example"}));
  EXPECT_TRUE(received[0].bytes == sample_message())
      << "received " << received[0].bytes.size() << " bytes, sent " << sample_message().size();
}

TEST_F(SmtpAdapterTest, TheProviderRefIsTheServersQueueId) {
  auto server = start({"--queue-id", "4BxYz9K2"});
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(report.provider_ref, "4BxYz9K2");
}

TEST_F(SmtpAdapterTest, AuthPlainWithThePasswordFromTheEnvironment) {
  auto server = start({"--auth", "dun:s3cret pass", "--mechanism", "PLAIN"});
  setenv(kPasswordVariable, "s3cret pass", 1);
  auto smtp =
      adapter("username = \"dun\"\npassword_env = \"" + std::string(kPasswordVariable) + "\"\n");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(server->received().size(), 1u);
}

TEST_F(SmtpAdapterTest, AuthLoginWithTheDefaultPasswordVariable) {
  auto server = start({"--auth", "dun:s3cret", "--mechanism", "LOGIN"});
  setenv("DUN_SMTP_PASSWORD", "s3cret", 1);
  auto smtp = adapter("username = \"dun\"\n");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  unsetenv("DUN_SMTP_PASSWORD");
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(server->received().size(), 1u);
}

TEST_F(SmtpAdapterTest, AWrongPasswordFailsWithTheServersReply) {
  auto server = start({"--auth", "dun:s3cret"});
  setenv(kPasswordVariable, "wrong", 1);
  auto smtp =
      adapter("username = \"dun\"\npassword_env = \"" + std::string(kPasswordVariable) + "\"\n");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("AUTH as dun refused"), std::string::npos) << report.error;
  EXPECT_NE(report.error.find("535"), std::string::npos) << report.error;
  EXPECT_EQ(report.error.find("wrong"), std::string::npos) << "the password leaked";
  EXPECT_TRUE(server->received().empty());
}

TEST_F(SmtpAdapterTest, AUsernameWithoutThePasswordVariableSaysWhichToSet) {
  auto server = start({"--auth", "dun:s3cret"});
  auto smtp =
      adapter("username = \"dun\"\npassword_env = \"" + std::string(kPasswordVariable) + "\"\n");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("set the environment variable DUN_TEST_SMTP_PASSWORD"),
            std::string::npos)
      << report.error;
  const CheckReport check = smtp->check();
  EXPECT_FALSE(check.connected);
  EXPECT_NE(check.detail.find("DUN_TEST_SMTP_PASSWORD"), std::string::npos) << check.detail;
  EXPECT_TRUE(server->received().empty());
}

TEST_F(SmtpAdapterTest, TheDataModelExampleReachesAPlainLoopbackServer) {
  auto server = start();
  // No tls key (data-model.md's example): STARTTLS if offered, and this server offers none.
  std::string toml =
      "[adapters.email]\nkind = \"smtp\"\nhost = \"localhost\"\nport = " + std::to_string(port_) +
      "\nfrom = \"ar@ourco.example\"\n";
  auto made = testing::adapter_from_toml(folder_, toml, "email", make_smtp_adapter);
  ASSERT_TRUE(made.ok()) << made.error().message;
  const DeliveryReport report = deliver(**made);
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(server->received().size(), 1u);
}

TEST_F(SmtpAdapterTest, StartTlsWithAPrivateCa) {
  const auto [cert, key] = certificate();
  auto server = start({"--starttls", cert, key});
  auto smtp = adapter("tls = \"starttls\"\nca_file = \"cert.pem\"\n", "localhost");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  ASSERT_EQ(server->received().size(), 1u);
  EXPECT_TRUE(server->received()[0].bytes == sample_message());
  const CheckReport check = smtp->check();
  EXPECT_TRUE(check.connected) << check.detail;
  EXPECT_EQ(check.detail, "connected to localhost:" + std::to_string(port_) + " (STARTTLS)");
}

TEST_F(SmtpAdapterTest, AnUntrustedCertificateFails) {
  const auto [cert, key] = certificate();
  auto server = start({"--starttls", cert, key});
  auto smtp = adapter("tls = \"starttls\"\n", "localhost");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("is not trusted"), std::string::npos) << report.error;
  EXPECT_NE(report.error.find("ca_file"), std::string::npos) << report.error;
  EXPECT_TRUE(server->received().empty());
}

TEST_F(SmtpAdapterTest, StartTlsMissingFailsAndNothingGoesInClear) {
  auto server = start();
  auto smtp = adapter("tls = \"starttls\"\n", "localhost");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("does not offer STARTTLS"), std::string::npos) << report.error;
  EXPECT_TRUE(server->received().empty());
  EXPECT_FALSE(smtp->check().connected);
}

TEST_F(SmtpAdapterTest, ImplicitTls) {
  const auto [cert, key] = certificate();
  auto server = start({"--implicit-tls", cert, key});
  auto smtp = adapter("tls = \"implicit\"\nca_file = \"cert.pem\"\n", "localhost");
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(server->received().size(), 1u);
}

TEST_F(SmtpAdapterTest, ServerDownFailsThenUpSends) {
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const DeliveryReport down = deliver(*smtp);
  EXPECT_EQ(down.outcome, DeliveryOutcome::failed);
  EXPECT_NE(down.error.find("cannot connect to 127.0.0.1:" + std::to_string(port_)),
            std::string::npos)
      << down.error;
  auto server = start();
  const DeliveryReport up = deliver(*smtp);
  EXPECT_EQ(up.outcome, DeliveryOutcome::sent) << up.error;
  EXPECT_EQ(server->received().size(), 1u);
}

TEST_F(SmtpAdapterTest, AConnectionLostAfterTheMessageIsUncertain) {
  auto server = start({"--drop-after-data"});
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::uncertain) << report.error;
  EXPECT_NE(report.error.find("it may have been received"), std::string::npos) << report.error;
  // It was indeed received: the reason a blind resend would be wrong.
  EXPECT_EQ(server->received().size(), 1u);
}

TEST_F(SmtpAdapterTest, NoReplyToTheMessageWithinTheTimeoutIsUncertain) {
  auto server = start({"--hang-after-data"});
  auto smtp = adapter("timeout_seconds = 2\n");
  ASSERT_TRUE(smtp);
  const auto started = std::chrono::steady_clock::now();
  const DeliveryReport report = deliver(*smtp);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  EXPECT_EQ(report.outcome, DeliveryOutcome::uncertain) << report.error;
  EXPECT_LT(seconds.count(), 4.5);
  EXPECT_EQ(server->received().size(), 1u);
}

TEST_F(SmtpAdapterTest, A550OnRcptIsRejectedAndNothingIsSent) {
  auto server = start({"--reject-rcpt", "boss@client.example"});
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(report.error.find("550 5.1.1 <boss@client.example>"), std::string::npos)
      << report.error;
  EXPECT_TRUE(server->received().empty());
}

TEST_F(SmtpAdapterTest, A451OnRcptFailsForNow) {
  auto server = start({"--tempfail-rcpt", "ap@client.example"});
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("451 4.7.1"), std::string::npos) << report.error;
  EXPECT_TRUE(server->received().empty());
}

TEST_F(SmtpAdapterTest, A554ToTheMessageIsRejected) {
  auto server = start({"--reject-data"});
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const DeliveryReport report = deliver(*smtp);
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected) << report.error;
  EXPECT_NE(report.error.find("554 5.7.1 Message rejected"), std::string::npos) << report.error;
}

TEST_F(SmtpAdapterTest, AServerThatNeverAnswersFailsWithinTheTimeout) {
  auto server = start({"--silent"});
  auto smtp = adapter("timeout_seconds = 2\n");
  ASSERT_TRUE(smtp);
  const auto started = std::chrono::steady_clock::now();
  const DeliveryReport report = deliver(*smtp);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("no answer from 127.0.0.1"), std::string::npos) << report.error;
  EXPECT_NE(report.error.find("within 2 s"), std::string::npos) << report.error;
  EXPECT_LT(seconds.count(), 4.5);
}

TEST_F(SmtpAdapterTest, CrOrLfInTheEnvelopeIsRejectedWithoutConnecting) {
  auto server = start();
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  OutgoingDocument document = sample_document();
  document.envelope_to = {"ap@client.example>\r\nRCPT TO:<evil@example.com"};
  const DeliveryReport to = deliver(*smtp, document);
  EXPECT_EQ(to.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(to.error.find("CR, LF"), std::string::npos) << to.error;
  document = sample_document();
  document.envelope_from = "ar@ourco.example\nX";
  EXPECT_EQ(deliver(*smtp, document).outcome, DeliveryOutcome::rejected);
  document = sample_document();
  document.envelope_to.clear();
  EXPECT_EQ(deliver(*smtp, document).outcome, DeliveryOutcome::rejected);
  EXPECT_TRUE(server->received().empty());
}

TEST_F(SmtpAdapterTest, CheckConnectsWithoutSendingMail) {
  auto server = start({"--auth", "dun:s3cret"});
  setenv(kPasswordVariable, "s3cret", 1);
  auto smtp =
      adapter("username = \"dun\"\npassword_env = \"" + std::string(kPasswordVariable) + "\"\n");
  ASSERT_TRUE(smtp);
  const CheckReport check = smtp->check();
  EXPECT_TRUE(check.connected) << check.detail;
  EXPECT_EQ(check.detail,
            "connected to 127.0.0.1:" + std::to_string(port_) + " (no TLS, AUTH as dun)");
  EXPECT_TRUE(server->received().empty());
}

TEST_F(SmtpAdapterTest, CheckSaysWhyItCannotConnect) {
  auto smtp = adapter();
  ASSERT_TRUE(smtp);
  const CheckReport refused = smtp->check();
  EXPECT_FALSE(refused.connected);
  EXPECT_NE(refused.detail.find("cannot connect to 127.0.0.1:" + std::to_string(port_)),
            std::string::npos)
      << refused.detail;
}

TEST_F(SmtpAdapterTest, CheckWithABadPasswordGivesTheReply) {
  auto server = start({"--auth", "dun:s3cret"});
  setenv(kPasswordVariable, "wrong", 1);
  auto smtp =
      adapter("username = \"dun\"\npassword_env = \"" + std::string(kPasswordVariable) + "\"\n");
  ASSERT_TRUE(smtp);
  const CheckReport check = smtp->check();
  EXPECT_FALSE(check.connected);
  EXPECT_NE(check.detail.find("AUTH as dun refused"), std::string::npos) << check.detail;
  EXPECT_NE(check.detail.find("535"), std::string::npos) << check.detail;
}

TEST_F(SmtpAdapterTest, CheckWhenTheServerDoesNotOfferAuth) {
  auto server = start();
  setenv(kPasswordVariable, "s3cret", 1);
  auto smtp =
      adapter("username = \"dun\"\npassword_env = \"" + std::string(kPasswordVariable) + "\"\n");
  ASSERT_TRUE(smtp);
  const CheckReport check = smtp->check();
  EXPECT_FALSE(check.connected);
  EXPECT_NE(check.detail.find("does not offer AUTH"), std::string::npos) << check.detail;
}

}  // namespace
}  // namespace dun::adapters

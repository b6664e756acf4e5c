// The print_mail letter adapter against a provider on loopback (tests/print_mail_server.py): what
// it sends, how each answer (or its absence) becomes an outcome, that a retry never makes a second
// letter, tracking and the proof of delivery, the live check, and the dun.toml errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "adapters/print_mail/letter_json.hpp"
#include "adapters/print_mail/letter_status.hpp"
#include "adapters/print_mail/print_mail_adapter.hpp"
#include "adapters/print_mail/print_mail_api.hpp"
#include "documents/letter_pdf.hpp"
#include "engine/base/config.hpp"
#include "engine/base/temp_folder.hpp"
#include "tests/letter_sample.hpp"
#include "tests/print_mail_server.hpp"

namespace dun::adapters {
namespace {

using nlohmann::json;
using testing::PrintMailServer;

constexpr const char* kKeyVariable = "DUN_TEST_PRINT_MAIL_KEY";
constexpr const char* kKey = "test-key-5b1d";

std::string base64_decode(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    const auto value = kAlphabet.find(c);
    if (value == std::string::npos) continue;
    bits = (bits << 6) | static_cast<unsigned>(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return out;
}

Action letter_action(const std::string& id = "7f3a9c1e5d2b4a60") {
  Action action;
  action.id = id;
  action.channel = Channel::letter;
  action.letter_type = LetterType::registered;
  action.customer = "C-00042";
  action.invoices = {"F-2026-1040", "F-2026-1043"};
  action.scenario = "standard";
  action.step = "formal_notice";
  return action;
}

class PrintMailAdapterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto letter = render_letter_pdf(test::formal_notice(2), test::formal_notice_info());
    ASSERT_TRUE(letter) << letter.error().message;
    letter_pdf_ = new std::string(std::move(letter.value()));
    // The proof of delivery: another real PDF (the acknowledgement of receipt).
    auto proof = render_letter_pdf(test::formal_notice(1), test::formal_notice_info());
    ASSERT_TRUE(proof) << proof.error().message;
    proof_pdf_ = new std::string(std::move(proof.value()));
  }
  static void TearDownTestSuite() {
    delete letter_pdf_;
    delete proof_pdf_;
  }

  void SetUp() override {
    auto folder = make_temp_folder("dun-print-mail-test");
    ASSERT_TRUE(folder) << folder.error().message;
    folder_ = *folder;
    std::ofstream(folder_ / "proof.pdf", std::ios::binary) << *proof_pdf_;
    setenv(kKeyVariable, kKey, 1);
  }
  void TearDown() override {
    server_.reset();
    unsetenv(kKeyVariable);
    std::filesystem::remove_all(folder_);
  }

  void start_server(std::vector<std::string> flags = {}) {
    flags.insert(flags.end(), {"--proof", (folder_ / "proof.pdf").string()});
    server_ = std::make_unique<PrintMailServer>(folder_, kKey, std::move(flags));
    ASSERT_GT(server_->port(), 0) << "the test provider did not start";
  }

  // Loads `table` (the lines after "[adapters.letter]") as dun.toml and makes the adapter.
  Result<std::unique_ptr<Adapter>> make(const std::string& table) {
    const auto path = folder_ / "dun.toml";
    std::ofstream(path) << "# print & mail\n[adapters.letter]\nkind = \"print_mail\"\n" << table;
    auto config = load_config(path);
    if (!config) return config.error();
    config_ = std::move(config.value());
    return make_print_mail_adapter(AdapterSettings(config_.adapters.at("letter")));
  }

  std::unique_ptr<Adapter> adapter(const std::string& extra = "") {
    auto made =
        make("url = \"" + server_->url() + "\"\napi_key_env = \"" + kKeyVariable + "\"\n" + extra);
    EXPECT_TRUE(made) << made.error().message;
    return made ? std::move(made.value()) : nullptr;
  }

  static OutgoingDocument letter_document() {
    OutgoingDocument document;
    document.content_type = std::string(kLetterContentType);
    document.bytes = *letter_pdf_;
    const LetterInfo info = test::formal_notice_info();
    document.recipient = info.recipient;
    document.recipient_country = "FR";
    document.sender = info.sender;
    return document;
  }

  std::string error_of(const std::string& table) {
    auto made = make(table);
    EXPECT_FALSE(made) << "dun.toml was accepted:\n" << table;
    return made ? "" : made.error().message;
  }

  static inline std::string* letter_pdf_ = nullptr;
  static inline std::string* proof_pdf_ = nullptr;
  std::filesystem::path folder_;
  Config config_;
  std::unique_ptr<PrintMailServer> server_;
};

TEST_F(PrintMailAdapterTest, PostsTheLetterWithItsAddressesUnderTheActionIdAsIdempotencyKey) {
  start_server();
  auto print_mail = adapter("color = true\nduplex = false\n");
  ASSERT_TRUE(print_mail);
  const Action action = letter_action();
  const DeliveryReport report = print_mail->deliver(action, letter_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::sent) << report.error;
  EXPECT_EQ(report.provider_ref, "ltr_0001");
  EXPECT_EQ(report.error, "");

  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 1u);
  const json& request = requests[0];
  EXPECT_EQ(request["method"], "POST");
  EXPECT_EQ(request["path"], "/letters");
  EXPECT_EQ(request["headers"]["authorization"], std::string("Bearer ") + kKey);
  EXPECT_EQ(request["headers"]["idempotency-key"], action.id);
  EXPECT_EQ(request["headers"]["content-type"], "application/json");
  EXPECT_EQ(request["headers"]["accept"], "application/json");
  const json& body = request["body"];
  EXPECT_EQ(body["reference"], action.id);
  EXPECT_EQ(body["recipient"]["name"], "Boulangerie Martin SARL");
  EXPECT_EQ(body["recipient"]["address_lines"],
            json({"Service comptabilité", "8 avenue Jean Jaurès", "69007 Lyon", "France"}));
  EXPECT_EQ(body["recipient"]["country"], "FR");
  EXPECT_EQ(body["sender"]["name"], "Our Company SAS");
  EXPECT_EQ(body["sender"]["address_lines"], json({"12 rue de la Paix", "75002 Paris", "France"}));
  EXPECT_EQ(body["type"], "registered_ar");
  EXPECT_EQ(body["color"], true);
  EXPECT_EQ(body["duplex"], false);
  EXPECT_EQ(body["metadata"]["customer"], "C-00042");
  EXPECT_EQ(body["metadata"]["invoices"], json({"F-2026-1040", "F-2026-1043"}));
  EXPECT_EQ(body["metadata"]["scenario"], "standard");
  EXPECT_EQ(body["metadata"]["step"], "formal_notice");
  EXPECT_EQ(base64_decode(body["pdf"].get<std::string>()), *letter_pdf_);
}

TEST_F(PrintMailAdapterTest, DefaultsArePrintedInBlackAndWhiteOnBothSides) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  Action action = letter_action();
  action.letter_type = LetterType::standard;
  ASSERT_EQ(print_mail->deliver(action, letter_document()).outcome, DeliveryOutcome::sent);
  const json body = server_->requests().at(0)["body"];
  EXPECT_EQ(body["color"], false);
  EXPECT_EQ(body["duplex"], true);
  EXPECT_EQ(body["type"], "standard");
}

TEST_F(PrintMailAdapterTest, ServerErrorIsFailedAndTheRetryMakesOneLetter) {
  start_server({"--fail-next", "1"});
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  const Action action = letter_action();
  const DeliveryReport first = print_mail->deliver(action, letter_document());
  EXPECT_EQ(first.outcome, DeliveryOutcome::failed);
  EXPECT_NE(first.error.find("HTTP 500: internal error, please retry"), std::string::npos)
      << first.error;
  EXPECT_TRUE(server_->letters().empty());

  const DeliveryReport second = print_mail->deliver(action, letter_document());
  EXPECT_EQ(second.outcome, DeliveryOutcome::sent) << second.error;
  EXPECT_EQ(second.provider_ref, "ltr_0001");
  EXPECT_EQ(server_->letters().size(), 1u);
}

TEST_F(PrintMailAdapterTest, RateLimitedIsFailed) {
  start_server();
  ASSERT_TRUE(server_->control({{"throttle_next", 1}}));
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  const DeliveryReport report = print_mail->deliver(letter_action(), letter_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_EQ(report.error, "the provider answered HTTP 429: too many requests, slow down");
  EXPECT_TRUE(server_->letters().empty());
}

// A refused key is the account's problem, not the letter's: failed (fix the key, it is retried),
// not rejected.
TEST_F(PrintMailAdapterTest, RefusedKeyIsFailedNotRejected) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  setenv(kKeyVariable, "wrong-key", 1);
  const DeliveryReport report = print_mail->deliver(letter_action(), letter_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find(std::string("the API key in ") + kKeyVariable + " was refused"),
            std::string::npos)
      << report.error;
}

TEST_F(PrintMailAdapterTest, TimeoutAfterSendingIsUncertainAndTheRetryGetsTheSameLetter) {
  start_server({"--hang-next", "1", "--hang-seconds", "4"});
  auto print_mail = adapter("timeout_seconds = 1\n");
  ASSERT_TRUE(print_mail);
  const Action action = letter_action();
  const DeliveryReport first = print_mail->deliver(action, letter_document());
  EXPECT_EQ(first.outcome, DeliveryOutcome::uncertain) << first.error;
  EXPECT_NE(first.error.find("same Idempotency-Key"), std::string::npos) << first.error;

  // The retry through an adapter with the default timeout: a one-second limit could expire on
  // a loaded machine before the provider answers, which is not what this test is about.
  auto patient = adapter();
  ASSERT_TRUE(patient);
  const DeliveryReport retry = patient->deliver(action, letter_document());
  EXPECT_EQ(retry.outcome, DeliveryOutcome::sent) << retry.error;
  EXPECT_EQ(retry.provider_ref, "ltr_0001");
  EXPECT_EQ(server_->letters().size(), 1u);
  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0]["headers"]["idempotency-key"], requests[1]["headers"]["idempotency-key"]);
  EXPECT_EQ(requests[0]["body"], requests[1]["body"]);
}

TEST_F(PrintMailAdapterTest, ConnectionClosedAfterTheBodyIsUncertainAndTheRetryGetsTheSameLetter) {
  start_server({"--close-next", "1"});
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  const Action action = letter_action();
  const DeliveryReport first = print_mail->deliver(action, letter_document());
  EXPECT_EQ(first.outcome, DeliveryOutcome::uncertain) << first.error;
  const DeliveryReport retry = print_mail->deliver(action, letter_document());
  EXPECT_EQ(retry.outcome, DeliveryOutcome::sent) << retry.error;
  EXPECT_EQ(retry.provider_ref, "ltr_0001");
  EXPECT_EQ(server_->letters().size(), 1u);
}

TEST_F(PrintMailAdapterTest, AnOkTwiceForTheSameKeyIsTheSameLetter) {
  start_server({"--created-status", "200"});
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  const Action action = letter_action();
  const DeliveryReport first = print_mail->deliver(action, letter_document());
  const DeliveryReport second = print_mail->deliver(action, letter_document());
  EXPECT_EQ(first.outcome, DeliveryOutcome::sent);
  EXPECT_EQ(second.outcome, DeliveryOutcome::sent);
  EXPECT_EQ(first.provider_ref, "ltr_0001");
  EXPECT_EQ(second.provider_ref, "ltr_0001");
  EXPECT_EQ(server_->letters().size(), 1u);

  // Another action is another letter.
  const DeliveryReport other =
      print_mail->deliver(letter_action("0c1d2e3f4a5b6c7d"), letter_document());
  EXPECT_EQ(other.provider_ref, "ltr_0002");
  EXPECT_EQ(server_->letters().size(), 2u);
}

TEST_F(PrintMailAdapterTest, UnprocessableLetterIsRejectedWithTheProvidersMessage) {
  start_server({"--reject-next", "1"});
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  const DeliveryReport scripted = print_mail->deliver(letter_action(), letter_document());
  EXPECT_EQ(scripted.outcome, DeliveryOutcome::rejected);
  EXPECT_EQ(scripted.error,
            "the provider refused the letter (HTTP 422): recipient address is not deliverable");

  // The provider's own validation: a letter without a postal address.
  OutgoingDocument no_address = letter_document();
  no_address.recipient.address_lines.clear();
  const DeliveryReport invalid = print_mail->deliver(letter_action(), no_address);
  EXPECT_EQ(invalid.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(invalid.error.find("recipient.address_lines must hold the postal address"),
            std::string::npos)
      << invalid.error;
  EXPECT_TRUE(server_->letters().empty());
}

TEST_F(PrintMailAdapterTest, ProviderDownIsFailed) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  server_->stop();
  const DeliveryReport report = print_mail->deliver(letter_action(), letter_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_NE(report.error.find("cannot reach http://127.0.0.1:"), std::string::npos) << report.error;
}

TEST_F(PrintMailAdapterTest, MissingKeyIsFailedNamingTheVariable) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  unsetenv(kKeyVariable);
  const DeliveryReport report = print_mail->deliver(letter_action(), letter_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::failed);
  EXPECT_EQ(report.error.rfind(std::string(kKeyVariable) + " is not set", 0), 0u) << report.error;
  EXPECT_TRUE(server_->requests().empty());
}

TEST_F(PrintMailAdapterTest, AnEmailIsNotALetter) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  Action action = letter_action();
  action.channel = Channel::email;
  OutgoingDocument email;
  email.content_type = std::string(kEmailContentType);
  const DeliveryReport report = print_mail->deliver(action, email);
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected);
  EXPECT_TRUE(server_->requests().empty());
}

TEST_F(PrintMailAdapterTest, TrackingFollowsTheLetterAndDownloadsTheProofOnceSigned) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  ASSERT_TRUE(print_mail->tracks());
  Action action = letter_action();
  const DeliveryReport sent = print_mail->deliver(action, letter_document());
  ASSERT_EQ(sent.outcome, DeliveryOutcome::sent);
  action.provider_ref = sent.provider_ref;

  const std::vector<std::string> expected = {"accepted",   "printed",   "mailed",
                                             "in_transit", "delivered", "signed"};
  for (std::size_t known = 2; known <= expected.size(); ++known) {
    auto update = print_mail->track(action);
    ASSERT_TRUE(update) << update.error().message;
    ASSERT_EQ(update->events.size(), known);
    for (std::size_t i = 0; i < known; ++i) {
      EXPECT_EQ(to_string(update->events[i].status), expected[i]);
      EXPECT_EQ(update->events[i].provider_status, expected[i]);
      EXPECT_EQ(update->events[i].occurred_at,
                "2026-03-02T" + std::string(i == 0 ? "09" : std::to_string(9 + i)) + ":00:00Z");
    }
    if (known < expected.size()) {
      EXPECT_FALSE(update->proof_pdf) << "a proof before the receipt was signed";
    } else {
      ASSERT_TRUE(update->proof_pdf);
      EXPECT_EQ(*update->proof_pdf, *proof_pdf_);
    }
  }
  EXPECT_EQ(server_->requests().back()["path"], "/letters/ltr_0001/proof");
  EXPECT_EQ(server_->requests().back()["headers"]["authorization"], std::string("Bearer ") + kKey);
}

TEST_F(PrintMailAdapterTest, ThePostageGoesWithTheLetterAndTheDescriptionSaysIt) {
  start_server();
  auto print_mail = adapter("color = true\n");
  ASSERT_TRUE(print_mail);
  Action action = letter_action();
  action.letter_type = LetterType::standard;
  EXPECT_EQ(print_mail->describe(action), "color, duplex");
  action.postage = Postage::priority;
  ASSERT_EQ(print_mail->deliver(action, letter_document()).outcome, DeliveryOutcome::sent);
  EXPECT_EQ(server_->requests().at(0)["body"]["postage"], "priority");
  EXPECT_EQ(print_mail->describe(action), "color, duplex, postage priority");
  action.id = "another-letter";
  action.postage.reset();
  ASSERT_EQ(print_mail->deliver(action, letter_document()).outcome, DeliveryOutcome::sent);
  EXPECT_TRUE(server_->requests().at(1)["body"]["postage"].is_null()) << "the provider's default";
}

// An electronic registered letter: sent to the recipient's email, in their language, then
// followed through sent, awaiting_signature and the recipient's answer, each with its proof.
TEST_F(PrintMailAdapterTest, AnElectronicLetterCarriesTheEmailAndFollowsTheLreLifecycle) {
  for (const std::string outcome : {"accepted", "refused", "neglected"}) {
    start_server();
    ASSERT_TRUE(server_->control({{"electronic_outcome", outcome}}));
    auto print_mail = adapter();
    ASSERT_TRUE(print_mail);
    Action action = letter_action();
    action.letter_type = LetterType::electronic;
    action.language = "fr";
    OutgoingDocument document = letter_document();
    document.envelope_to = {"compta@martin.example"};
    EXPECT_EQ(print_mail->describe(action), "") << "nothing is printed";
    const DeliveryReport sent = print_mail->deliver(action, document);
    ASSERT_EQ(sent.outcome, DeliveryOutcome::sent) << sent.error;
    const json body = server_->requests().back()["body"];
    EXPECT_EQ(body["type"], "electronic_registered");
    EXPECT_EQ(body["recipient"]["name"], "Boulangerie Martin SARL");
    EXPECT_EQ(body["recipient"]["email"], "compta@martin.example");
    EXPECT_EQ(body["recipient"]["language"], "fr");
    action.provider_ref = sent.provider_ref;

    const std::vector<std::string> expected = {"accepted", "sent", "awaiting_signature", outcome};
    std::optional<TrackingUpdate> last;
    for (std::size_t known = 2; known <= expected.size(); ++known) {
      auto update = print_mail->track(action);
      ASSERT_TRUE(update) << update.error().message;
      ASSERT_EQ(update->events.size(), known);
      EXPECT_EQ(to_string(update->events.back().status), expected[known - 1]);
      EXPECT_EQ(update->proof_pdf.has_value(), known == expected.size())
          << outcome << ": a proof at the end only";
      last = std::move(update).value();
    }
    EXPECT_EQ(*last->proof_pdf, *proof_pdf_);
    server_.reset();
  }
}

TEST_F(PrintMailAdapterTest, AnElectronicLetterWithoutAnEmailIsRejectedByTheProvider) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  Action action = letter_action();
  action.letter_type = LetterType::electronic;
  const DeliveryReport report = print_mail->deliver(action, letter_document());
  EXPECT_EQ(report.outcome, DeliveryOutcome::rejected);
  EXPECT_NE(report.error.find("recipient.email is required"), std::string::npos) << report.error;
}

// A proof that is not a PDF is not kept, and the events still are (the next sync tries again).
TEST_F(PrintMailAdapterTest, AProofThatIsNotAPdfIsNotKept) {
  std::ofstream(folder_ / "proof.pdf", std::ios::binary) << "<html>Session expired</html>";
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  Action action = letter_action();
  action.provider_ref = print_mail->deliver(action, letter_document()).provider_ref;
  ASSERT_EQ(action.provider_ref, "ltr_0001");
  Result<TrackingUpdate> update = TrackingUpdate{};
  for (int sync = 0; sync < 5; ++sync) update = print_mail->track(action);
  ASSERT_TRUE(update) << update.error().message;
  ASSERT_EQ(update->events.size(), 6u);
  EXPECT_EQ(update->events.back().status, TrackingStatus::signed_for);
  EXPECT_FALSE(update->proof_pdf);
  EXPECT_EQ(server_->requests().back()["path"], "/letters/ltr_0001/proof");
}

TEST_F(PrintMailAdapterTest, TrackingAnUnknownLetterSaysWhich) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  Action action = letter_action();
  action.provider_ref = "ltr_9999";
  auto update = print_mail->track(action);
  ASSERT_FALSE(update);
  EXPECT_EQ(update.error().message,
            "the provider answered HTTP 404 for letter ltr_9999 (action 7f3a9c1e5d2b4a60): no "
            "letter ltr_9999");
}

TEST_F(PrintMailAdapterTest, CheckSaysConnectedWithTheAccountOrWhyNot) {
  start_server();
  auto print_mail = adapter();
  ASSERT_TRUE(print_mail);
  CheckReport ok = print_mail->check();
  EXPECT_TRUE(ok.connected);
  EXPECT_EQ(ok.detail, "connected (account Test Collections Ltd)");
  EXPECT_EQ(server_->requests().back()["path"], "/account");

  setenv(kKeyVariable, "wrong-key", 1);
  CheckReport refused = print_mail->check();
  EXPECT_FALSE(refused.connected);
  EXPECT_EQ(refused.detail, std::string("the API key in ") + kKeyVariable + " was refused");

  unsetenv(kKeyVariable);
  CheckReport unset = print_mail->check();
  EXPECT_FALSE(unset.connected);
  EXPECT_EQ(unset.detail.rfind(std::string(kKeyVariable) + " is not set: export it", 0), 0u)
      << unset.detail;

  setenv(kKeyVariable, kKey, 1);
  server_->stop();
  CheckReport down = print_mail->check();
  EXPECT_FALSE(down.connected);
  EXPECT_NE(down.detail.find("cannot reach http://127.0.0.1:"), std::string::npos) << down.detail;
}

TEST_F(PrintMailAdapterTest, TheDefaultKeyVariableIsNamedWhenUnset) {
  unsetenv("DUN_PRINT_MAIL_API_KEY");
  auto print_mail = make("url = \"https://api.print-provider.example/v1\"\n");
  ASSERT_TRUE(print_mail) << print_mail.error().message;
  EXPECT_EQ((*print_mail)->kind(), "print_mail");
  const CheckReport report = (*print_mail)->check();
  EXPECT_FALSE(report.connected);
  EXPECT_EQ(report.detail.rfind("DUN_PRINT_MAIL_API_KEY is not set", 0), 0u) << report.detail;
}

// dun.toml: line 1 a comment, line 2 [adapters.letter], line 3 kind, then the table's lines.
TEST_F(PrintMailAdapterTest, SettingErrorsNameTheDunTomlLine) {
  const std::string toml = (folder_ / "dun.toml").string();
  EXPECT_EQ(error_of(""), toml +
                              ":2:1: [adapters.letter] kind \"print_mail\" needs url (e.g. url "
                              "= \"https://api.print-provider.example/v1\")");
  EXPECT_EQ(error_of("url = \"http://api.print-provider.example\"\n").rfind(toml + ":4:7: ", 0),
            0u);
  EXPECT_NE(error_of("url = \"http://api.print-provider.example\"\n")
                .find("must start with "
                      "https://"),
            std::string::npos);
  EXPECT_NE(error_of("url = \"not a url\"\n").find("is not an http(s) URL"), std::string::npos);
  EXPECT_EQ(error_of("url = \"https://p.example\"\nduplx = false\n"),
            toml +
                ":5:9: [adapters.letter] duplx: unknown setting for kind \"print_mail\"; did "
                "you mean 'duplex'?");
  EXPECT_EQ(error_of("url = \"https://p.example\"\napi_key = \"sk_live_123\"\n")
                .rfind(toml + ":5:11: [adapters.letter] api_key: the API key is never read from "
                              "dun.toml",
                       0),
            0u);
  EXPECT_EQ(error_of("url = \"https://p.example\"\ntimeout_seconds = 0\n"),
            toml + ":5:19: [adapters.letter] timeout_seconds: must be from 1 to 600, not 0");
  EXPECT_EQ(error_of("url = \"https://p.example\"\ncolor = \"yes\"\n"),
            toml + ":5:9: [adapters.letter] color: must be true or false, not \"yes\"");
  EXPECT_NE(error_of("url = \"https://p.example\"\napi_key_env = \"MY KEY\"\n")
                .find(":5:15: [adapters.letter] api_key_env: must name an environment variable"),
            std::string::npos);
  EXPECT_NE(error_of("url = \"https://p.example\"\nca_file = \"missing.pem\"\n")
                .find(":5:11: [adapters.letter] ca_file: cannot read "),
            std::string::npos);
}

TEST_F(PrintMailAdapterTest, LoopbackMayUsePlainHttp) {
  for (const char* url : {"http://127.0.0.1:8080", "http://localhost:9/v1/", "http://[::1]:80"}) {
    auto made = make("url = \"" + std::string(url) + "\"\n");
    EXPECT_TRUE(made) << url << ": " << made.error().message;
  }
}

TEST(PrintMailStatus, ProviderWordsMapToTrackingStatuses) {
  using print_mail::normalise_status;
  EXPECT_EQ(normalise_status("Mailed"), TrackingStatus::mailed);
  EXPECT_EQ(normalise_status("posted"), TrackingStatus::mailed);
  EXPECT_EQ(normalise_status("in-transit"), TrackingStatus::in_transit);
  EXPECT_EQ(normalise_status("Returned to sender"), TrackingStatus::returned);
  EXPECT_EQ(normalise_status("signed"), TrackingStatus::signed_for);
  EXPECT_EQ(normalise_status("refused"), TrackingStatus::refused);
  EXPECT_EQ(normalise_status("undeliverable"), TrackingStatus::failed);
  EXPECT_EQ(normalise_status("pending signature"), TrackingStatus::awaiting_signature);
  EXPECT_EQ(normalise_status("expired"), TrackingStatus::neglected);
  EXPECT_EQ(normalise_status("sent"), TrackingStatus::sent);
  EXPECT_EQ(normalise_status("lost_in_space"), std::nullopt);
}

TEST(PrintMailStatus, AnUnknownWordKeepsTheLastKnownStatusAndIsReported) {
  print_mail::ProviderLetter letter;
  letter.id = "ltr_1";
  letter.events = {{"created", "2026-03-02T09:00:00Z"},
                   {"sorting_centre", "2026-03-02T10:00:00Z"},
                   {"mailed", "2026-03-02T11:00:00Z"},
                   {"held_at_depot", "2026-03-02T12:00:00Z"}};
  std::vector<std::string> unknown;
  const auto events = print_mail::tracking_events(letter, unknown);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].status, TrackingStatus::accepted);
  EXPECT_EQ(events[1].status, TrackingStatus::accepted);
  EXPECT_EQ(events[1].provider_status, "sorting_centre");
  EXPECT_EQ(events[2].status, TrackingStatus::mailed);
  EXPECT_EQ(events[3].status, TrackingStatus::mailed);
  EXPECT_EQ(events[3].provider_status, "held_at_depot");
  EXPECT_EQ(events[3].occurred_at, "2026-03-02T12:00:00Z");
  EXPECT_EQ(unknown, (std::vector<std::string>{"sorting_centre", "held_at_depot"}));
}

TEST(PrintMailStatus, ALetterWithoutHistoryIsReadFromItsStatus) {
  auto letter = print_mail::parse_letter(R"({"id": "ltr_7", "status": "delivered"})");
  ASSERT_TRUE(letter) << letter.error().message;
  std::vector<std::string> unknown;
  const auto events = print_mail::tracking_events(*letter, unknown);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].status, TrackingStatus::delivered);
  EXPECT_EQ(events[0].occurred_at, "");
  EXPECT_TRUE(unknown.empty());
}

TEST(PrintMailJson, AnswersWithoutAnIdOrNotJsonAreErrors) {
  EXPECT_FALSE(print_mail::parse_letter(R"({"status": "accepted"})"));
  EXPECT_FALSE(print_mail::parse_letter("<html>Bad gateway</html>"));
  EXPECT_EQ(print_mail::error_message(422, R"({"error": {"message": "bad postcode"}})"),
            "bad postcode");
  EXPECT_EQ(print_mail::error_message(400, R"({"error": "missing pdf"})"), "missing pdf");
  EXPECT_EQ(print_mail::error_message(400, R"({"message": "no"})"), "no");
  EXPECT_EQ(print_mail::error_message(502, "Bad gateway\nnginx"), "HTTP 502: Bad gateway");
  EXPECT_EQ(print_mail::error_message(502, ""), "HTTP 502");
}

// The API key goes only to the API's own origin: scheme, host and port, ports made explicit.
TEST(PrintMailHttp, OriginsAndLoopback) {
  using print_mail::is_loopback_url;
  using print_mail::url_origin;
  EXPECT_EQ(url_origin("https://API.example.com/v1/letters"), "https://api.example.com:443");
  EXPECT_EQ(url_origin("https://api.example.com:443/x"), url_origin("https://api.example.com/"));
  EXPECT_NE(url_origin("https://api.example.com/"), url_origin("https://files.example.com/"));
  EXPECT_NE(url_origin("https://api.example.com/"), url_origin("http://api.example.com/"));
  EXPECT_EQ(url_origin("ftp://api.example.com/"), "");
  EXPECT_EQ(url_origin("not a url"), "");
  EXPECT_TRUE(is_loopback_url("http://127.0.0.1:8080/v1"));
  EXPECT_TRUE(is_loopback_url("http://[::1]/"));
  EXPECT_FALSE(is_loopback_url("http://127.0.0.1.example.com/"));
  EXPECT_EQ(print_mail::path_segment("ltr_01/../x y"), "ltr_01%2F..%2Fx%20y");
}

}  // namespace
}  // namespace dun::adapters

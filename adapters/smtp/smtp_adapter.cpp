#include "adapters/smtp/smtp_adapter.hpp"

#include <algorithm>

#include "adapters/smtp/smtp_outcome.hpp"
#include "adapters/smtp/smtp_session.hpp"
#include "adapters/smtp/smtp_settings.hpp"

namespace dun::adapters {
namespace {

// CR or LF would end the SMTP command and start another (command injection); '<' and '>' would
// break out of the path libcurl writes as <address>.
bool is_safe_address(const std::string& address) {
  return !address.empty() && address.find_first_of("\r\n<>") == std::string::npos;
}

class SmtpAdapter final : public Adapter {
 public:
  explicit SmtpAdapter(SmtpSettings settings) : settings_(std::move(settings)) {}

  std::string_view kind() const override { return "smtp"; }

  std::optional<BounceMailboxSettings> bounce_mailbox() const override {
    if (settings_.bounces.empty()) return std::nullopt;
    return BounceMailboxSettings{settings_.bounces, settings_.ca_file, settings_.timeout_seconds};
  }

  DeliveryReport deliver(const Action& /*action*/, const OutgoingDocument& document) override {
    if (auto refused = check_envelope(document)) return *refused;
    auto credentials = this->credentials();
    if (!credentials) return {DeliveryOutcome::failed, "", credentials.error().message};
    const SmtpSessionResult session = smtp_send(settings_, *credentials, document.envelope_from,
                                                document.envelope_to, document.bytes);
    return smtp_delivery_report(session, settings_, document.bytes);
  }

  CheckReport check() override {
    auto credentials = this->credentials();
    if (!credentials) return {false, credentials.error().message};
    const SmtpSessionResult session = smtp_connect(settings_, *credentials);
    if (session.curl_code != 0) return {false, smtp_failure_reason(session, settings_)};
    // libcurl skips AUTH when the server does not offer it; a 235 reply is the proof it
    // happened.
    const bool authenticated =
        std::any_of(session.replies.begin(), session.replies.end(),
                    [](const std::string& line) { return reply_code(line) == 235; });
    if (credentials->has_value() && !authenticated) {
      return {false, host_and_port(settings_) + " does not offer AUTH" +
                         tls_words(", even after ") + ": cannot log in as " + settings_.username};
    }
    std::string detail = "connected to " + host_and_port(settings_) + " (" + tls_words("");
    if (credentials->has_value()) detail += ", AUTH as " + settings_.username;
    return {true, detail + ")"};
  }

 private:
  std::string tls_words(const std::string& prefix) const {
    switch (settings_.tls) {
      case SmtpTls::starttls:
        return prefix + "STARTTLS";
      case SmtpTls::implicit:
        return prefix + "TLS";
      case SmtpTls::none:
        return prefix.empty() ? "no TLS" : "";
      case SmtpTls::opportunistic:
        return prefix + "STARTTLS if offered";
    }
    return "";
  }

  // No credentials without a username; with one, the password must be in the environment.
  Result<std::optional<SmtpCredentials>> credentials() const {
    if (settings_.username.empty()) return std::optional<SmtpCredentials>();
    const char* password = std::getenv(settings_.password_variable.c_str());
    if (password == nullptr) {
      return Error{"set the environment variable " + settings_.password_variable +
                   " to the SMTP password of " + settings_.username +
                   " (the password is never read from dun.toml)"};
    }
    return std::optional<SmtpCredentials>(SmtpCredentials{settings_.username, password});
  }

  std::optional<DeliveryReport> check_envelope(const OutgoingDocument& document) const {
    if (!is_safe_address(document.envelope_from)) {
      return DeliveryReport{DeliveryOutcome::rejected, "",
                            "the sender address is empty or holds CR, LF, '<' or '>': \"" +
                                document.envelope_from + "\""};
    }
    if (document.envelope_to.empty()) {
      return DeliveryReport{DeliveryOutcome::rejected, "", "the email has no recipient"};
    }
    for (const std::string& address : document.envelope_to) {
      if (!is_safe_address(address)) {
        return DeliveryReport{
            DeliveryOutcome::rejected, "",
            "a recipient address is empty or holds CR, LF, '<' or '>': \"" + address + "\""};
      }
    }
    return std::nullopt;
  }

  SmtpSettings settings_;
};

}  // namespace

Result<std::unique_ptr<Adapter>> make_smtp_adapter(const AdapterSettings& settings) {
  auto smtp = read_smtp_settings(settings);
  if (!smtp) return smtp.error();
  return std::unique_ptr<Adapter>(std::make_unique<SmtpAdapter>(std::move(smtp).value()));
}

}  // namespace dun::adapters

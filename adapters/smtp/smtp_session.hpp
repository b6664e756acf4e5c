// One libcurl SMTP session and what it saw: the result, every reply line of the server, and how
// far the message got. Sending (deliver) and connecting only (check) share the connection set-up:
// TLS as configured, AUTH when a username is set, the timeouts. Never verbose: libcurl's debug
// output would show the AUTH exchange, and nothing of it goes to a log.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/smtp/smtp_settings.hpp"

namespace dun::adapters {

struct SmtpSessionResult {
  int curl_code = 0;         // a CURLcode; 0 is CURLE_OK
  std::string curl_message;  // libcurl's explanation (its error buffer, else curl_easy_strerror)
  std::vector<std::string> replies;  // every reply line of the server, CRLF removed, in order
  // The whole message was handed to libcurl (the read callback reached its end): from then on
  // the server may have it, so a lost connection is an unknown outcome, not a failure.
  bool message_handed = false;
  std::size_t replies_before_end = 0;  // how many reply lines had come when it was handed
};

// The password, when a username is set, comes from the environment (SmtpSettings's
// password_variable); the caller has checked it is there.
struct SmtpCredentials {
  std::string username;
  std::string password;
};

// MAIL FROM `from`, RCPT TO each of `to`, DATA `message` byte for byte (libcurl dot-stuffs).
SmtpSessionResult smtp_send(const SmtpSettings& settings,
                            const std::optional<SmtpCredentials>& credentials,
                            const std::string& from, const std::vector<std::string>& to,
                            std::string_view message);

// Connect, EHLO, STARTTLS and AUTH as configured, then QUIT: no mail is sent.
SmtpSessionResult smtp_connect(const SmtpSettings& settings,
                               const std::optional<SmtpCredentials>& credentials);

}  // namespace dun::adapters

#include "adapters/smtp/smtp_outcome.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <utility>

namespace dun::adapters {
namespace {

std::string said(const std::string& reply) {
  return reply.empty() ? "" : "; the server said \"" + reply + "\"";
}

bool starts_with_no_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// The word of `reply` that starts at `start`, without trailing punctuation.
std::optional<std::string> token_after(std::string_view reply, std::size_t start) {
  std::size_t end = start;
  while (end < reply.size() && !std::isspace(static_cast<unsigned char>(reply[end]))) ++end;
  std::string token(reply.substr(start, end - start));
  while (!token.empty() && (token.back() == '.' || token.back() == ',' || token.back() == ')')) {
    token.pop_back();
  }
  if (token.empty()) return std::nullopt;
  return token;
}

// A 5xx to MAIL, RCPT or DATA (libcurl's CURLE_SEND_ERROR) is the server's last word on this
// message; 530 only asks for AUTH, which is the configuration's to fix.
bool refused_permanently(const SmtpSessionResult& session, int code) {
  return session.curl_code == CURLE_SEND_ERROR && code / 100 == 5 && code != 530;
}

// The server could not be reached or stopped answering: what the circuit breaker counts.
bool unreachable(const SmtpSessionResult& session) {
  switch (static_cast<CURLcode>(session.curl_code)) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::string> whole_replies(const std::vector<std::string>& replies, std::size_t from) {
  // The final line of a reply is "NNN text" (a space after the code); continuations "NNN-".
  std::vector<std::string> whole;
  std::string current;
  for (std::size_t i = from; i < replies.size(); ++i) {
    if (!current.empty()) current += " ";
    current += replies[i];
    const bool continued = replies[i].size() > 3 && replies[i][3] == '-';
    if (!continued) whole.push_back(std::exchange(current, {}));
  }
  if (!current.empty()) whole.push_back(current);
  return whole;
}

std::string last_reply(const std::vector<std::string>& replies, std::size_t from) {
  auto whole = whole_replies(replies, from);
  return whole.empty() ? "" : whole.back();
}

std::string failing_reply(const std::vector<std::string>& replies) {
  const auto whole = whole_replies(replies, 0);
  for (auto reply = whole.rbegin(); reply != whole.rend(); ++reply) {
    if (reply_code(*reply) >= 400) return *reply;
  }
  return whole.empty() ? "" : whole.back();
}

int reply_code(std::string_view reply) {
  if (reply.size() < 3 || !std::all_of(reply.begin(), reply.begin() + 3, [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    return 0;
  }
  // RFC 5321 4.2: a reply code's first digit is 2 to 5 (1 is reserved); "050" is no reply code.
  if (reply[0] < '1' || reply[0] > '5') return 0;
  return (reply[0] - '0') * 100 + (reply[1] - '0') * 10 + (reply[2] - '0');
}

std::optional<std::string> queue_id(std::string_view reply) {
  for (std::size_t i = 0; i + 10 <= reply.size(); ++i) {
    if (starts_with_no_case(reply.substr(i), "queued as ")) return token_after(reply, i + 10);
  }
  // Exim: "250 OK id=1tA2bC-000Dx3-4E"; a leading space keeps "InternalId=" out.
  if (const std::size_t at = reply.find(" id="); at != std::string_view::npos) {
    return token_after(reply, at + 4);
  }
  return std::nullopt;
}

std::optional<std::string> message_id(std::string_view message) {
  std::size_t line_start = 0;
  while (line_start < message.size()) {
    std::size_t line_end = message.find("\r\n", line_start);
    if (line_end == std::string_view::npos) line_end = message.size();
    const std::string_view line = message.substr(line_start, line_end - line_start);
    if (line.empty()) break;  // the end of the headers
    if (starts_with_no_case(line, "Message-ID:")) {
      std::string_view value = line.substr(11);
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
        value.remove_prefix(1);
      }
      while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
        value.remove_suffix(1);
      }
      if (!value.empty()) return std::string(value);
    }
    line_start = line_end + 2;
  }
  return std::nullopt;
}

std::string smtp_failure_reason(const SmtpSessionResult& session, const SmtpSettings& settings) {
  const std::string reply = failing_reply(session.replies);
  const int code = reply_code(reply);
  switch (static_cast<CURLcode>(session.curl_code)) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return "cannot resolve host \"" + settings.host + "\" (" + session.curl_message +
             "): check host in dun.toml";
    case CURLE_COULDNT_CONNECT:
      return "cannot connect to " + host_and_port(settings) + ": " + session.curl_message;
    case CURLE_OPERATION_TIMEDOUT:
      return "no answer from " + host_and_port(settings) + " within " +
             std::to_string(settings.timeout_seconds) +
             " s (timeout_seconds): " + session.curl_message + said(reply);
    case CURLE_LOGIN_DENIED:
      return "AUTH as " + settings.username + " refused by " + host_and_port(settings) +
             said(reply) + " (the password is read from $" + settings.password_variable + ")";
    case CURLE_USE_SSL_FAILED:
      return host_and_port(settings) +
             " does not offer STARTTLS, which tls = \"starttls\" requires: nothing was sent in "
             "clear (for TLS from the first byte, port 465, set tls = \"implicit\"" +
             (is_loopback_host(settings.host)
                  ? "; for a test server on this machine, tls = \"none\""
                  : "") +
             ")";
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      return "the TLS certificate of " + host_and_port(settings) +
             " is not trusted: " + session.curl_message +
             " (a private CA? set ca_file to its PEM file)";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
      return "TLS with " + host_and_port(settings) + " failed: " + session.curl_message;
    default:
      break;
  }
  if (code == 530) {
    return host_and_port(settings) + " requires AUTH: set username (and the password in $" +
           settings.password_variable + ")" + said(reply);
  }
  if (code >= 400) return host_and_port(settings) + " refused: \"" + reply + "\"";
  return "SMTP with " + host_and_port(settings) + " failed: " + session.curl_message + said(reply);
}

DeliveryReport smtp_delivery_report(const SmtpSessionResult& session, const SmtpSettings& settings,
                                    std::string_view message) {
  DeliveryReport report;
  if (session.curl_code == CURLE_OK) {
    report.outcome = DeliveryOutcome::sent;
    const std::string reply = last_reply(session.replies, session.replies_before_end);
    if (auto id = queue_id(reply)) {
      report.provider_ref = *id;
    } else if (auto id_header = message_id(message)) {
      report.provider_ref = "smtp:" + *id_header;
    } else {
      report.provider_ref = "smtp:" + reply;
    }
    return report;
  }
  if (session.message_handed) {
    const std::string after = last_reply(session.replies, session.replies_before_end);
    const int code = reply_code(after);
    if (code / 100 == 5) {
      report.outcome = DeliveryOutcome::rejected;
      report.error = host_and_port(settings) + " refused the message: \"" + after + "\"";
    } else if (code / 100 == 4) {
      report.outcome = DeliveryOutcome::failed;
      report.error = host_and_port(settings) + " refused the message for now: \"" + after + "\"";
    } else {
      // No reply (or a nonsensical one) to the end of the message: the server may have queued
      // it. Only a retry with these very bytes (the same Message-ID) is safe, and only once the
      // operator knows it did not arrive (RFC 5321 §6.1: the sender cannot know).
      report.outcome = DeliveryOutcome::uncertain;
      report.unreachable = true;
      report.error = "the connection to " + host_and_port(settings) +
                     " ended after the whole message was sent and before the server "
                     "confirmed it (it may have been received): " +
                     session.curl_message + said(after);
    }
    return report;
  }
  const int code = reply_code(failing_reply(session.replies));
  report.outcome =
      refused_permanently(session, code) ? DeliveryOutcome::rejected : DeliveryOutcome::failed;
  report.error = smtp_failure_reason(session, settings);
  report.unreachable = unreachable(session);
  return report;
}

}  // namespace dun::adapters

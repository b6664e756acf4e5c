// What an SMTP session means for the action (adapters/adapter.hpp's outcomes):
//   2xx after the message                     → sent (provider_ref: the queue id, else the
//                                                Message-ID as "smtp:<id>")
//   connection lost or timeout once the whole
//   message was handed over, before a reply   → uncertain (the server may have it)
//   5xx to MAIL, RCPT or the message          → rejected (permanent; 530 "authentication
//                                                required" excepted: a configuration matter)
//   anything else (DNS, refused, TLS, AUTH,
//   4xx, timeouts before the message)         → failed (retry later)
// Every error carries the server's last reply when there was one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/smtp/smtp_session.hpp"
#include "adapters/smtp/smtp_settings.hpp"

namespace dun::adapters {

// The last complete reply from line `from` on: its lines ("250-…" then "250 …") joined by " ";
// empty when there is none.
std::string last_reply(const std::vector<std::string>& replies, std::size_t from = 0);
// The replies from line `from` on, each with its lines joined.
std::vector<std::string> whole_replies(const std::vector<std::string>& replies, std::size_t from);
// The last reply with a code of 400 or more (the refusal, not the 221 to libcurl's QUIT after
// it), else the last reply.
std::string failing_reply(const std::vector<std::string>& replies);
// The reply's three-digit code, 0 when it has none.
int reply_code(std::string_view reply);
// The server's queue id in its reply to the message: "… queued as ID" (Postfix and most MTAs)
// or "… id=ID" (Exim).
std::optional<std::string> queue_id(std::string_view reply);
// The Message-ID header's value ("<…>") of an RFC 5322 message.
std::optional<std::string> message_id(std::string_view message);

// Why a session that did not end well failed, for people: what happened, the server's words,
// what to change.
std::string smtp_failure_reason(const SmtpSessionResult& session, const SmtpSettings& settings);

DeliveryReport smtp_delivery_report(const SmtpSessionResult& session, const SmtpSettings& settings,
                                    std::string_view message);

}  // namespace dun::adapters

// Delivery status notifications (RFC 3464): the multipart/report a mail server sends back when a
// message could not be delivered (a bounce) or is delayed. Read from the bounce mailbox
// ([adapters.email] bounces, docs/delivery.md "Bounces") and matched to the action by the
// original message's Message-ID, which the report carries in its third part (message/rfc822 or
// text/rfc822-headers).
//
// Pure functions over the message's bytes: safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dun::adapters {

// One recipient's block of the message/delivery-status part.
struct DsnRecipient {
  std::string address;     // Final-Recipient (else Original-Recipient), without its "rfc822;"
  std::string action;      // failed, delayed, delivered, relayed, expanded (lower case)
  std::string status;      // the enhanced status code, "5.1.1"
  std::string diagnostic;  // Diagnostic-Code, "smtp; 550 5.1.1 user unknown" (may be empty)
};

enum class BounceKind { none, hard, soft };

// A failed delivery (Action: failed, or a 5.x.x status) is a hard bounce: the address does not
// take mail. A delayed one (Action: delayed, or 4.x.x) is soft: the server keeps trying.
// delivered, relayed and expanded are not bounces.
BounceKind bounce_kind(const DsnRecipient& recipient);

struct DeliveryStatusNotice {
  std::string original_message_id;  // "<id@domain>" of the message the report is about
  std::string arrival_date;         // the per-message Arrival-Date, else the report's Date
  std::vector<DsnRecipient> recipients;
};

// The notice in `message` (an RFC 5322 message, CRLF or LF line ends), or nullopt when it is not
// a delivery status report (not multipart/report with report-type delivery-status, or without a
// message/delivery-status part).
std::optional<DeliveryStatusNotice> parse_dsn(std::string_view message);

// The action id of a Message-ID dun wrote ("<ACTION_ID@DOMAIN>", docs/delivery.md): its local part;
// empty when the id has not that form.
std::string action_id_of_message_id(std::string_view message_id);

}  // namespace dun::adapters

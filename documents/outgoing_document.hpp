// An action's document as it is delivered: the rendered bytes (an RFC 5322 email or a letter
// PDF) and what a transport needs besides them — the SMTP envelope of an email, the addresses a
// print & mail provider asks for beside a letter. documents/action_document.hpp makes it, the
// outbox keeps it (documents/stored_document.hpp), the adapters deliver it. A plain value: it
// owns its bytes and points into nothing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "documents/document.hpp"

namespace dun {

inline constexpr std::string_view kEmailContentType = "message/rfc822";
inline constexpr std::string_view kLetterContentType = "application/pdf";

struct OutgoingDocument {
  std::string content_type;  // kEmailContentType or kLetterContentType
  std::string bytes;         // the RFC 5322 message, or the letter PDF
  // Emails: the envelope (SMTP MAIL FROM and RCPT TO: the To and every Cc address).
  std::string envelope_from;
  std::vector<std::string> envelope_to;
  // Letters: the addresses printed on the letter, for providers that take them separately.
  Party recipient;
  std::string recipient_country;  // ISO 3166 alpha-2 of the customer, may be empty
  Party sender;
};

}  // namespace dun

// libFuzzer target: MIME composition. The input, cut at 0x1F, gives the subject, the body's
// paragraphs (cut at 0x1E), the sender's and the recipient's display names and addresses, and an
// attachment's file name and bytes. build_email must refuse what would break the message (a CR or
// LF in a header value, a bad address) and, when it accepts, write a message whose lines all end
// in CRLF, with one header block, and no header that an input value could have forged.
#include <cstdint>
#include <string>

#include "documents/email_message.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

std::string part(const std::vector<std::string>& parts, std::size_t k) {
  return k < parts.size() ? parts[k] : std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = dun::fuzz::split(data, size, '\x1f');
  dun::RenderedDocument document;
  document.language = "en";
  document.subject = part(parts, 0);
  for (const std::string& paragraph :
       dun::fuzz::split(reinterpret_cast<const std::uint8_t*>(part(parts, 1).data()),
                        part(parts, 1).size(), '\x1e')) {
    document.body.emplace_back(dun::Paragraph{paragraph});
  }
  dun::EmailEnvelope envelope;
  envelope.from = {part(parts, 2), part(parts, 3).empty() ? "ar@ourco.example" : part(parts, 3)};
  envelope.to.push_back({part(parts, 4), part(parts, 5)});
  envelope.action_id = "a1b2c3d4";
  envelope.date = dun::Date::from_ymd(2026, 11, 22);
  if (parts.size() > 6)
    envelope.attachments.push_back({part(parts, 6), "application/pdf", part(parts, 7)});
  const auto message = dun::build_email(document, envelope);
  if (!message.ok()) return 0;
  const std::string& text = *message;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') dun::fuzz::require(i > 0 && text[i - 1] == '\r');
    if (text[i] == '\r') dun::fuzz::require(i + 1 < text.size() && text[i + 1] == '\n');
  }
  const std::size_t headers_end = text.find("\r\n\r\n");
  dun::fuzz::require(headers_end != std::string::npos);
  // One Bcc would be a forged header: the composer writes none.
  dun::fuzz::require(text.substr(0, headers_end).find("\r\nBcc:") == std::string::npos);
  return 0;
}

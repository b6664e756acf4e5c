// build_email(): the RFC 5322 header, then multipart/mixed: the text, then each attachment.
#include "documents/email_message.hpp"

#include <array>

#include "documents/document_html.hpp"
#include "documents/mime_encoding.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

Status check_header_value(std::string_view header, std::string_view value) {
  if (has_line_break(value)) {
    return Error{"the " + std::string(header) +
                 " header would hold a line break (CR or LF), which could inject headers: "
                 "fix the value '" +
                 std::string(value.substr(0, value.find_first_of("\r\n"))) +
                 "…' in the snapshot or dun.toml"};
  }
  return Status::Ok();
}

bool is_addr_spec(std::string_view address) {
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  return address.find_first_of(" \t<>()[],;:\"\\") == std::string_view::npos &&
         mime::is_ascii(address);
}

Result<std::string> mailbox_text(std::string_view header, const Mailbox& mailbox) {
  if (auto ok = check_header_value(header, mailbox.name); !ok) return ok.error();
  if (auto ok = check_header_value(header, mailbox.address); !ok) return ok.error();
  if (!is_addr_spec(mailbox.address)) {
    return Error{"the " + std::string(header) + " address '" + mailbox.address +
                 "' is not an email address (local@domain)"};
  }
  if (mailbox.name.empty()) return mailbox.address;
  std::string name;
  if (mime::is_ascii(mailbox.name)) {
    name = "\"";
    for (char c : mailbox.name) {
      if (c == '"' || c == '\\') name += '\\';
      name += c;
    }
    name += "\"";
  } else {
    name = mime::header_text(mailbox.name);
  }
  return name + " <" + mailbox.address + ">";
}

Result<std::string> mailbox_list(std::string_view header, const std::vector<Mailbox>& list) {
  std::string out;
  for (const Mailbox& mailbox : list) {
    auto text = mailbox_text(header, mailbox);
    if (!text) return text;
    if (!out.empty()) out += ",\r\n ";
    out += *text;
  }
  return out;
}

// "Sun, 22 Nov 2026 00:00:00 +0000" (RFC 5322 §3.3).
std::string rfc5322_date(Date date) {
  static constexpr std::array<const char*, 7> kDays = {"Thu", "Fri", "Sat", "Sun",
                                                       "Mon", "Tue", "Wed"};  // from 1970-01-01
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string iso = date.to_string();  // YYYY-MM-DD
  const int month = std::stoi(iso.substr(5, 2));
  const int weekday = ((date.days() % 7) + 7) % 7;
  return std::string(kDays[weekday]) + ", " + iso.substr(8, 2) + " " + kMonths[month - 1] + " " +
         iso.substr(0, 4) + " 00:00:00 +0000";
}

// A filename parameter: quoted when ASCII, RFC 2231 percent-encoded UTF-8 otherwise.
std::string filename_parameter(std::string_view filename) {
  if (mime::is_ascii(filename) && filename.find_first_of("\"\\") == std::string_view::npos) {
    return "filename=\"" + std::string(filename) + "\"";
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "filename*=UTF-8''";
  for (char c : filename) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '.' || c == '-' || c == '_') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::string text_part(const RenderedDocument& document) {
  return "Content-Type: text/plain; charset=utf-8\r\n"
         "Content-Transfer-Encoding: quoted-printable\r\n"
         "\r\n" +
         mime::quoted_printable(document_text(document));
}

// The HTML part, with the inline logo beside it in a multipart/related when there is one.
// Each multipart has its own boundary, none a part of another's (RFC 2046 §5.1.1).
std::string html_part(const RenderedDocument& document, const EmailEnvelope& envelope) {
  const std::string cid = envelope.logo ? logo_content_id(envelope) : std::string();
  std::string html =
      "Content-Type: text/html; charset=utf-8\r\n"
      "Content-Transfer-Encoding: quoted-printable\r\n"
      "\r\n" +
      mime::quoted_printable(document_html(document, cid, envelope.company_name));
  if (!envelope.logo) return html;
  const std::string related = "=_dun_rel_" + envelope.action_id.substr(0, 32);
  std::string out = "Content-Type: multipart/related;\r\n boundary=\"" + related +
                    "\"; type=\"text/html\"\r\n\r\n";
  out += "--" + related + "\r\n" + html;
  out += "\r\n--" + related + "\r\n";
  out += "Content-Type: " + envelope.logo->content_type + "\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Content-ID: <" + cid + ">\r\n";
  out += "Content-Disposition: inline; " + filename_parameter(envelope.logo->filename) + "\r\n";
  out += "\r\n" + mime::base64_lines(envelope.logo->bytes);
  out += "\r\n--" + related + "--\r\n";
  return out;
}

// The body: the text alone, or text and HTML as alternatives of one another.
std::string body_part(const RenderedDocument& document, const EmailEnvelope& envelope) {
  if (!document.formatted) return text_part(document);
  const std::string alternative = "=_dun_alt_" + envelope.action_id.substr(0, 32);
  std::string out =
      "Content-Type: multipart/alternative;\r\n boundary=\"" + alternative + "\"\r\n\r\n";
  out += "--" + alternative + "\r\n" + text_part(document);
  out += "\r\n--" + alternative + "\r\n" + html_part(document, envelope);
  out += "\r\n--" + alternative + "--\r\n";
  return out;
}

}  // namespace

std::string logo_content_id(const EmailEnvelope& envelope) {
  const std::size_t at = envelope.from.address.find('@');
  const std::string domain =
      at == std::string::npos ? std::string("dun.invalid") : envelope.from.address.substr(at + 1);
  return "logo." + envelope.action_id.substr(0, 32) + "@" + domain;
}

Result<std::string> build_email(const RenderedDocument& document, const EmailEnvelope& envelope) {
  if (!document.subject) {
    return Error{"an email needs a subject: start the template with a 'Subject: …' line"};
  }
  if (envelope.to.empty()) return Error{"the email has no recipient (To)"};
  if (auto ok = check_header_value("Subject", *document.subject); !ok) return ok.error();
  auto from = mailbox_text("From", envelope.from);
  if (!from) return from;
  auto to = mailbox_list("To", envelope.to);
  if (!to) return to;
  auto cc = mailbox_list("Cc", envelope.cc);
  if (!cc) return cc;
  // Checked like the others, written in no header.
  if (auto bcc = mailbox_list("Bcc", envelope.bcc); !bcc) return bcc;
  std::optional<std::string> reply_to;
  if (envelope.reply_to) {
    auto text = mailbox_text("Reply-To", *envelope.reply_to);
    if (!text) return text;
    reply_to = *text;
  }
  if (auto ok = check_header_value("Message-ID", envelope.action_id); !ok) return ok.error();
  for (const Attachment& attachment : envelope.attachments) {
    if (auto ok = check_header_value("Content-Disposition", attachment.filename); !ok) {
      return ok.error();
    }
  }
  const std::string domain = envelope.from.address.substr(envelope.from.address.find('@') + 1);
  // RFC 2046 allows 70 characters; 32 hex digits of the id are unique enough within a message.
  const std::string boundary = "=_dun_" + envelope.action_id.substr(0, 32);

  std::string out;
  out += "Date: " + rfc5322_date(envelope.date) + "\r\n";
  out += "From: " + *from + "\r\n";
  out += "To: " + *to + "\r\n";
  if (!envelope.cc.empty()) out += "Cc: " + *cc + "\r\n";
  if (reply_to) out += "Reply-To: " + *reply_to + "\r\n";
  out += "Subject: " + mime::header_text(*document.subject) + "\r\n";
  out += "Message-ID: <" + envelope.action_id + "@" + domain + ">\r\n";
  out += "Content-Language: " + document.language + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "This is a multipart message in MIME format.\r\n";
  out += "\r\n--" + boundary + "\r\n";
  out += body_part(document, envelope);
  for (const Attachment& attachment : envelope.attachments) {
    out += "\r\n--" + boundary + "\r\n";
    out += "Content-Type: " + attachment.content_type + "\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "Content-Disposition: attachment; " + filename_parameter(attachment.filename) + "\r\n";
    out += "\r\n";
    out += mime::base64_lines(attachment.bytes);
  }
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace dun

// An email as RFC 5322 / MIME text (docs/templates.md, "Emails"): multipart/mixed with the
// rendered document as text/plain (UTF-8, quoted-printable) and the invoice PDFs as attachments.
// A document from a Markdown template is multipart/alternative instead of the text: the same
// text/plain, then the HTML (documents/document_html.hpp) in a multipart/related with the
// company logo as an inline image (Content-ID) when the envelope carries one.
// Header values with a CR or LF are refused (header injection); non-ASCII subjects and display
// names are RFC 2047 encoded words. Everything is deterministic — the Message-ID and the MIME
// boundary derive from the action id, the Date from the action's date — so a re-run produces
// byte-identical messages and golden tests can compare them. Lines end with CRLF.
//
// Value types and pure functions: nothing is kept between calls; safe from several threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "documents/document.hpp"
#include "stdlib/date.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct Mailbox {
  std::string name;     // display name, may be empty or non-ASCII
  std::string address;  // addr-spec: local@domain
};

struct Attachment {
  std::string filename;  // shown to the reader ("INV-1001.pdf")
  std::string content_type = "application/pdf";
  std::string bytes;
};

struct EmailEnvelope {
  Mailbox from;
  std::vector<Mailbox> to;
  std::vector<Mailbox> cc;
  // Blind copies: SMTP recipients (the envelope's RCPT TO) that no header names.
  std::vector<Mailbox> bcc;
  std::optional<Mailbox> reply_to;  // the collector
  std::string action_id;            // gives the Message-ID and the boundary
  Date date;                        // the Date header: this day at 00:00 UTC
  std::vector<Attachment> attachments;
  // [company] logo, shown at the top of the HTML part of a Markdown email (unused otherwise).
  std::optional<Attachment> logo;
  std::string company_name;  // the logo's alternative text
};

// The whole message; fails on a CR/LF in a header value, an address that is not local@domain, a
// document without a subject, or an empty To.
Result<std::string> build_email(const RenderedDocument& document, const EmailEnvelope& envelope);

// The Content-ID of the envelope's inline logo (without <>): unique to the message.
std::string logo_content_id(const EmailEnvelope& envelope);

// The document as plain text: paragraphs separated by a blank line, tables as aligned columns.
// The body of the email and `dun render --format text`.
std::string document_text(const RenderedDocument& document);

}  // namespace dun

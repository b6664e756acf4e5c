// A rendered document as the email of an action (docs/templates.md, "Emails"): the company
// writes (`[adapters.email] from`, else `[company] email`), to the customer's `collection`
// contact (else the customer's email) unless the action names its recipient, with the copies,
// Reply-To the collector, every item's invoice PDF attached when the snapshot has one, and the
// company logo ([company] logo) for the HTML part of a Markdown template's email.
//
// Pure functions: they read the request's portfolio and the invoice PDFs on disk, keep nothing,
// and return values that own their bytes. Safe from several threads at once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "documents/document.hpp"
#include "documents/email_message.hpp"
#include "documents/render_template.hpp"
#include "engine/base/config.hpp"
#include "stdlib/result.hpp"

namespace dun {

struct EmailAction {
  std::string action_id;
  std::string to;                 // empty: the default recipient
  std::vector<std::string> copy;  // addresses
  std::vector<std::string> bcc;   // blind copies (`dun send --bcc`): in the envelope only
};

// Who writes to whom, with which attachments: the headers and parts around the document. The
// SMTP envelope is its From and every To and Cc address. Fails when there is no sender or no
// recipient address, when an invoice PDF cannot be read or lies outside `snapshot_folder`, or
// when the configured logo cannot be read.
// REQUIRES: request.portfolio is set and request.items holds at least one row.
Result<EmailEnvelope> email_envelope(const RenderRequest& request, const Config& config,
                                     const std::filesystem::path& snapshot_folder,
                                     const EmailAction& action);

// The whole RFC 5322 message: email_envelope + build_email.
Result<std::string> compose_email(const RenderedDocument& document, const RenderRequest& request,
                                  const Config& config,
                                  const std::filesystem::path& snapshot_folder,
                                  const EmailAction& action);

}  // namespace dun

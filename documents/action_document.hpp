// THE orchestration of a document (the delivery loop, `dun send`, `dun agenda show`, `dun render`
// all come through here): the template found in the customer's language, filled with the
// snapshot's figures (documents/render_template.hpp), then laid out as its medium asks — an email
// becomes its RFC 5322 message (documents/compose_email.hpp) with the SMTP envelope, a letter its
// PDF (documents/letter_pdf.hpp) with the addresses a print & mail provider asks for.
//
// An action's document is dated the day the action was created (the day its step fired), so the
// same action renders the same bytes whatever day it is delivered; its figures come from the
// context's snapshot (the day of the first delivery attempt — the outbox then keeps the bytes).
//
// Ownership and lifetimes: ActionDocuments keeps a reference to its SnapshotContext, which must
// outlive it; what it returns owns its bytes, except FilledTemplate::request, which points into
// the context. Thread safety: none (the context's template library and the renderer's ICU
// formatters are caches): one ActionDocuments per thread, over its own context.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "documents/compose_email.hpp"
#include "documents/document.hpp"
#include "documents/email_message.hpp"
#include "documents/outgoing_document.hpp"
#include "documents/render_template.hpp"
#include "documents/snapshot_context.hpp"
#include "engine/model/action.hpp"
#include "stdlib/date.hpp"
#include "stdlib/late_interest.hpp"
#include "stdlib/result.hpp"

namespace dun {

// What one document is written from: a template, a customer of the snapshot and some of its
// invoices, a day. An action gives one; `dun render` makes one from its flags.
struct DocumentSpec {
  std::string template_name;
  std::string language;  // wished; the library falls back to [company] language without the file
  RowIndex customer = kNoRow;   // a row of the context's portfolio
  std::vector<RowIndex> items;  // invoice rows of that portfolio, in any order; at least one
  Date date;                    // the document's date (the templates' "today")
  bool statement = false;       // {items_list} shows the customer's whole statement
  // A template compiled by the caller (`dun send --body-file`) instead of template_name's; it
  // must outlive the call to fill().
  const dsl::Template* source = nullptr;
  std::optional<std::string> subject;  // replaces the template's Subject line when set
};

// What a manual send (`dun send`, docs/delivery.md) changes in an action's document; nothing by
// default. `source` must outlive the render call.
struct DocumentExtras {
  const dsl::Template* source = nullptr;  // --body-file: this text instead of the template's
  std::optional<std::string> subject;     // --subject: instead of the template's Subject line
  bool statement = false;                 // --statement: {items_list} is the whole statement
  std::vector<std::string> bcc;           // --bcc: blind copies of an email
};

// A template filled in: the medium-free document and the request it was rendered from.
// `request` points into the SnapshotContext: it must not outlive the context.
struct FilledTemplate {
  RenderRequest request;
  RenderedDocument document;
};

// A document with what was rendered on the way, for showing it to a person (`dun agenda show`)
// or writing it (`dun render`): the outgoing bytes, the document's text, and for an email its
// envelope.
struct RenderedAction {
  OutgoingDocument outgoing;
  RenderedDocument document;
  std::optional<EmailEnvelope> email;  // emails: From, To, Cc, Reply-To, attachments
};

class ActionDocuments {
 public:
  // Over `context`; renders with its config's late-interest rate.
  // REQUIRES: `context` outlives this object.
  explicit ActionDocuments(SnapshotContext& context);
  ActionDocuments(const ActionDocuments&) = delete;
  ActionDocuments& operator=(const ActionDocuments&) = delete;

  // The template of `spec` in its language, filled (items sorted by invoice id). Fails, saying
  // why, when the template is missing or does not compile, or cannot be filled.
  // REQUIRES: spec.customer and spec.items are rows of the context's portfolio.
  Result<FilledTemplate> fill(DocumentSpec spec);
  // The filled template as the email `email` describes (its id gives the Message-ID). Fails on
  // what makes a message unsendable (no address, a CR/LF in a header value, …).
  Result<RenderedAction> email(FilledTemplate filled, const EmailAction& email);
  // The filled template as a letter PDF; `letter_type` is standard, registered or electronic.
  // `to`, when it holds a name line and address lines ("Name\nLine 1\nLine 2": an action's
  // recipient, as a scenario's `to` or `dun send --to/--address` made it), is the recipient
  // printed in the envelope window and sent to the provider; otherwise the customer's name and
  // postal address are. An electronic letter goes to the email address in `to`'s first line,
  // else to the customer's `collection` contact, else its billing email.
  Result<RenderedAction> letter(FilledTemplate filled, const std::string& letter_type,
                                std::string_view to = {});

  // The email or letter of `action` (not tasks). Fails, saying why, when its customer or an
  // invoice is not in the snapshot, its template is missing, or the document cannot be built.
  Result<OutgoingDocument> render(const Action& action);
  // The same, keeping the rendered document and the email's envelope; `extras` as `dun send`
  // asked (a kept document is what retries send: the outbox cannot render these again).
  Result<RenderedAction> render_with_parts(const Action& action, const DocumentExtras& extras = {});

 private:
  SnapshotContext& context_;
  DocumentRenderer renderer_;  // refers to the context's config
};

}  // namespace dun

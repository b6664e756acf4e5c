#include "documents/action_document.hpp"

#include <algorithm>

#include "documents/letter_pdf.hpp"
#include "stdlib/locale_tag.hpp"

namespace dun {
namespace {

std::vector<std::string> envelope_addresses(const EmailEnvelope& envelope) {
  std::vector<std::string> addresses;
  for (const Mailbox& to : envelope.to) addresses.push_back(to.address);
  for (const Mailbox& cc : envelope.cc) addresses.push_back(cc.address);
  for (const Mailbox& bcc : envelope.bcc) addresses.push_back(bcc.address);
  return addresses;
}

}  // namespace

ActionDocuments::ActionDocuments(SnapshotContext& context)
    : context_(context), renderer_(context.config(), context.config().company.late_interest_rate) {}

Result<FilledTemplate> ActionDocuments::fill(DocumentSpec spec) {
  const Portfolio& portfolio = context_.portfolio();
  if (spec.items.empty()) return Error{"a document needs at least one invoice"};
  FilledTemplate filled;
  RenderRequest& request = filled.request;
  request.portfolio = &portfolio;
  request.aggregates = &context_.aggregates();
  request.columns = &context_.columns();
  request.customer = spec.customer;
  request.today = spec.date;
  request.statement = spec.statement;
  request.items = std::move(spec.items);
  std::sort(request.items.begin(), request.items.end(), [&](RowIndex a, RowIndex b) {
    return portfolio.invoices.id[a] < portfolio.invoices.id[b];
  });
  const std::string_view country =
      portfolio.symbols.text(portfolio.customers.country[spec.customer]);
  const dsl::Template* source = spec.source;
  std::string locale_country(country);
  if (source != nullptr) {
    request.language = spec.language.empty() ? context_.config().company.language : spec.language;
  } else {
    auto found = context_.templates().find(spec.template_name, spec.language, country);
    if (!found) return found.error();
    request.language = found->language;
    source = found->source;
    // A country's own file (NAME.fr_BE.txt) is written for that country; otherwise the document
    // follows the customer's country.
    if (!found->country.empty()) locale_country = found->country;
  }
  request.locale = document_locale(request.language, locale_country).name();
  auto document = renderer_.render(*source, request);
  if (!document) return document.error();
  filled.document = std::move(document).value();
  if (spec.subject) filled.document.subject = *spec.subject;
  return filled;
}

Result<RenderedAction> ActionDocuments::email(FilledTemplate filled, const EmailAction& email) {
  auto envelope =
      email_envelope(filled.request, context_.config(), context_.snapshot_folder(), email);
  if (!envelope) return envelope.error();
  auto message = build_email(filled.document, *envelope);
  if (!message) return message.error();
  RenderedAction rendered;
  rendered.outgoing.content_type = std::string(kEmailContentType);
  rendered.outgoing.bytes = std::move(message).value();
  rendered.outgoing.envelope_from = envelope->from.address;
  rendered.outgoing.envelope_to = envelope_addresses(*envelope);
  rendered.document = std::move(filled.document);
  rendered.email = std::move(envelope).value();
  return rendered;
}

Result<RenderedAction> ActionDocuments::letter(FilledTemplate filled,
                                               const std::string& letter_type,
                                               std::string_view to) {
  auto made_info = renderer_.letter_info(filled.request, letter_type);
  if (!made_info) return made_info.error();
  LetterInfo info = std::move(made_info).value();
  const std::string_view first_line = to.substr(0, to.find('\n'));
  // An address in the name line (`letter electronic "x" to customer.email`, `dun send --to
  // EMAIL`) is where an electronic letter goes, not a name to print.
  const bool to_address = first_line.find('@') != std::string_view::npos;
  if (const std::size_t newline = to.find('\n'); newline != std::string_view::npos && !to_address) {
    std::vector<std::string> lines;
    for (std::size_t begin = newline + 1; begin <= to.size();) {
      std::size_t end = to.find('\n', begin);
      if (end == std::string_view::npos) end = to.size();
      std::string_view line = to.substr(begin, end - begin);
      // Trimmed as the customer's address is (documents/render_letter_info.cpp).
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
      if (!line.empty()) lines.emplace_back(line);
      begin = end + 1;
    }
    if (!lines.empty()) {
      info.recipient.name = std::string(to.substr(0, newline));
      info.recipient.address_lines = std::move(lines);
    }
  }
  auto pdf = render_letter_pdf(filled.document, info, context_.config().letters);
  if (!pdf) return pdf.error();
  const Portfolio& portfolio = context_.portfolio();
  RenderedAction rendered;
  rendered.outgoing.content_type = std::string(kLetterContentType);
  rendered.outgoing.bytes = std::move(pdf).value();
  rendered.outgoing.recipient = info.recipient;
  rendered.outgoing.recipient_country =
      std::string(portfolio.symbols.text(portfolio.customers.country[filled.request.customer]));
  rendered.outgoing.sender = info.sender;
  if (letter_type == to_string(LetterType::electronic)) {
    // An electronic registered letter is sent to an address and signed for online: the
    // customer's `collection` contact, else its billing email (as an email reminder's).
    const RowIndex customer = filled.request.customer;
    const RowIndex contact = portfolio.contact_with_role(customer, "collection");
    const std::string_view address = to_address          ? first_line
                                     : contact != kNoRow ? portfolio.contacts.email[contact]
                                                         : portfolio.customers.email[customer];
    if (address.empty()) {
      return Error{"customer " + std::string(portfolio.customers.id[customer]) +
                   " has no email address (no `collection` contact, no email): an electronic "
                   "registered letter goes to one"};
    }
    rendered.outgoing.envelope_to = {std::string(address)};
  }
  rendered.document = std::move(filled.document);
  return rendered;
}

Result<OutgoingDocument> ActionDocuments::render(const Action& action) {
  auto rendered = render_with_parts(action);
  if (!rendered) return rendered.error();
  return std::move(rendered->outgoing);
}

Result<RenderedAction> ActionDocuments::render_with_parts(const Action& action,
                                                          const DocumentExtras& extras) {
  if (action.channel == Channel::task) {
    return Error{"action " + action.id + " is a task: it has no document to deliver"};
  }
  const Portfolio& portfolio = context_.portfolio();
  const auto customer = portfolio.find_customer(action.customer);
  if (!customer) {
    return Error{"customer " + action.customer + " of action " + action.id +
                 " is not in today's snapshot"};
  }
  DocumentSpec spec;
  spec.template_name = action.template_name;
  spec.language = action.language;
  spec.customer = *customer;
  // A confirmed action is executed the day it is confirmed (its status date then): its letter is
  // dated that day, not the day its step fired, and its figures are that day's snapshot's.
  spec.date = action.mode == ActionMode::confirm ? action.status_on : action.created_on;
  for (const std::string& id : action.invoices) {
    const auto row = portfolio.find_invoice(id);
    if (!row) return Error{"invoice " + id + " of action " + action.id + " is not in the snapshot"};
    spec.items.push_back(*row);
  }
  if (spec.items.empty()) return Error{"action " + action.id + " names no invoice"};
  spec.source = extras.source;
  spec.subject = extras.subject;
  spec.statement = extras.statement;
  auto filled = fill(std::move(spec));
  if (!filled) return filled.error();
  if (action.channel == Channel::email) {
    return email(std::move(filled).value(),
                 EmailAction{action.id, action.to, action.copy, extras.bcc});
  }
  return letter(std::move(filled).value(),
                std::string(to_string(action.letter_type.value_or(LetterType::standard))),
                action.to);
}

}  // namespace dun

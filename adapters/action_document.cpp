#include "adapters/action_document.hpp"

#include <algorithm>

#include "documents/compose_email.hpp"
#include "documents/invoice_pdf.hpp"
#include "documents/letter_pdf.hpp"
#include "engine/snapshot/load_snapshot.hpp"

namespace dun::adapters {

Result<std::unique_ptr<SnapshotContext>> SnapshotContext::load(
    const Config& config, const std::filesystem::path& snapshot,
    const std::filesystem::path& templates, Date today) {
  auto loaded = load_snapshot(snapshot, false);
  if (!loaded) return loaded.error();
  auto owned = std::make_unique<LoadedSnapshot>(std::move(loaded).value());
  return std::unique_ptr<SnapshotContext>(
      new SnapshotContext(config, std::move(owned), snapshot, templates, today));
}

SnapshotContext::SnapshotContext(const Config& config, const Portfolio& portfolio,
                                 const std::filesystem::path& snapshot,
                                 const std::filesystem::path& templates, Date today)
    : config_(config),
      portfolio_(&portfolio),
      aggregates_(compute_aggregates(portfolio, today, config.rates)),
      columns_(std::make_unique<PortfolioColumnsView>(portfolio, aggregates_)),
      snapshot_folder_(dun::snapshot_folder(snapshot)),
      templates_(templates, config.company.language) {}

SnapshotContext::SnapshotContext(const Config& config, std::unique_ptr<LoadedSnapshot> owned,
                                 const std::filesystem::path& snapshot,
                                 const std::filesystem::path& templates, Date today)
    : SnapshotContext(config, owned->portfolio, snapshot, templates, today) {
  owned_ = std::move(owned);
}

Result<std::unique_ptr<ActionDocuments>> ActionDocuments::create(SnapshotContext& context) {
  return std::unique_ptr<ActionDocuments>(
      new ActionDocuments(context, context.config().company.late_interest_rate));
}

ActionDocuments::ActionDocuments(SnapshotContext& context, LateInterestRate late_interest)
    : context_(context),
      late_interest_(std::move(late_interest)),
      renderer_(context.config(), late_interest_) {}

namespace {

std::vector<std::string> envelope_addresses(const EmailEnvelope& envelope) {
  std::vector<std::string> addresses;
  for (const Mailbox& to : envelope.to) addresses.push_back(to.address);
  for (const Mailbox& cc : envelope.cc) addresses.push_back(cc.address);
  return addresses;
}

}  // namespace

Result<OutgoingDocument> ActionDocuments::render(const Action& action) {
  auto rendered = render_with_parts(action);
  if (!rendered) return rendered.error();
  return std::move(rendered->outgoing);
}

Result<RenderedAction> ActionDocuments::render_with_parts(const Action& action) {
  if (action.channel == Channel::task) {
    return Error{"action " + action.id + " is a task: it has no document to deliver"};
  }
  const Portfolio& portfolio = context_.portfolio();
  const auto customer = portfolio.find_customer(action.customer);
  if (!customer) {
    return Error{"customer " + action.customer + " of action " + action.id +
                 " is not in today's snapshot"};
  }
  RenderRequest request;
  request.portfolio = &portfolio;
  request.aggregates = &context_.aggregates();
  request.columns = &context_.columns();
  request.customer = *customer;
  request.today = action.created_on;
  for (const std::string& id : action.invoices) {
    const auto row = portfolio.find_invoice(id);
    if (!row) return Error{"invoice " + id + " of action " + action.id + " is not in the snapshot"};
    request.items.push_back(*row);
  }
  std::sort(request.items.begin(), request.items.end(), [&](RowIndex a, RowIndex b) {
    return portfolio.invoices.id[a] < portfolio.invoices.id[b];
  });
  if (request.items.empty()) return Error{"action " + action.id + " names no invoice"};

  auto found = context_.templates().find(action.template_name, action.language);
  if (!found) return found.error();
  request.language = found->language;
  auto document = renderer_.render(*found->source, request);
  if (!document) return document.error();

  RenderedAction rendered;
  OutgoingDocument& outgoing = rendered.outgoing;
  if (action.channel == Channel::email) {
    EmailAction email{action.id, action.to, action.copy};
    auto envelope = email_envelope(request, context_.config(), context_.snapshot_folder(), email);
    if (!envelope) return envelope.error();
    auto message = build_email(*document, *envelope);
    if (!message) return message.error();
    outgoing.content_type = std::string(kEmailContentType);
    outgoing.bytes = std::move(message).value();
    outgoing.envelope_from = envelope->from.address;
    outgoing.envelope_to = envelope_addresses(*envelope);
    rendered.document = std::move(document).value();
    rendered.email = std::move(envelope).value();
    return rendered;
  }
  const std::string letter_type(to_string(action.letter_type.value_or(LetterType::standard)));
  auto info = renderer_.letter_info(request, letter_type);
  if (!info) return info.error();
  auto pdf = render_letter_pdf(*document, *info, context_.config().letters);
  if (!pdf) return pdf.error();
  outgoing.content_type = std::string(kLetterContentType);
  outgoing.bytes = std::move(pdf).value();
  outgoing.recipient = info->recipient;
  outgoing.recipient_country =
      std::string(portfolio.symbols.text(portfolio.customers.country[*customer]));
  outgoing.sender = info->sender;
  rendered.document = std::move(document).value();
  return rendered;
}

}  // namespace dun::adapters

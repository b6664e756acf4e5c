#include "documents/compose_email.hpp"

#include "documents/invoice_pdf.hpp"
#include "stdlib/read_file.hpp"

namespace dun {

Result<EmailEnvelope> email_envelope(const RenderRequest& request, const Config& config,
                                     const std::filesystem::path& snapshot_folder,
                                     const EmailAction& action) {
  const Portfolio& portfolio = *request.portfolio;
  const Customers& customers = portfolio.customers;
  EmailEnvelope envelope;
  envelope.action_id = action.action_id;
  envelope.date = request.today;
  envelope.from.name = config.company.name;
  envelope.from.address = config.company.email;
  if (auto adapter = config.adapters.find("email"); adapter != config.adapters.end()) {
    if (auto from = adapter->second.settings.find("from"); from != adapter->second.settings.end()) {
      envelope.from.address = from->second;
    }
  }
  if (envelope.from.address.empty()) {
    return Error{"no sender address: set [adapters.email] from or [company] email in dun.toml"};
  }
  Mailbox to;
  if (!action.to.empty()) {
    to.address = action.to;
  } else if (const RowIndex contact = portfolio.contact_with_role(request.customer, "collection");
             contact != kNoRow && !portfolio.contacts.email[contact].empty()) {
    to = {std::string(portfolio.contacts.name[contact]),
          std::string(portfolio.contacts.email[contact])};
  } else {
    to = {std::string(customers.name[request.customer]),
          std::string(customers.email[request.customer])};
  }
  if (to.address.empty()) {
    return Error{"customer " + std::string(customers.id[request.customer]) +
                 " has no email address (the email column, or a contact with role collection)"};
  }
  envelope.to.push_back(std::move(to));
  for (const std::string& copy : action.copy) envelope.cc.push_back({"", copy});
  for (const std::string& blind : action.bcc) envelope.bcc.push_back({"", blind});
  if (const RowIndex collector = customers.collector[request.customer]; collector != kNoRow) {
    envelope.reply_to = Mailbox{std::string(portfolio.collectors.name[collector]),
                                std::string(portfolio.collectors.email[collector])};
  }
  envelope.company_name = config.company.name;
  if (!config.company.logo.empty()) {
    // The letters' logo (a PNG, [company] logo), inline in the HTML part of Markdown emails.
    auto bytes = read_file(config.company.logo);
    if (!bytes) {
      return Error{"cannot read the logo " + config.company.logo.generic_string() +
                   " ([company] logo in dun.toml)"};
    }
    envelope.logo =
        Attachment{config.company.logo.filename().string(), "image/png", std::move(bytes).value()};
  }
  for (RowIndex item : request.items) {
    const std::string_view pdf = portfolio.invoices.pdf[item];
    if (pdf.empty()) continue;
    auto attachment = read_invoice_pdf(snapshot_folder, pdf);
    if (!attachment) {
      return Error{"invoice " + std::string(portfolio.invoices.id[item]) + ": " +
                   attachment.error().message};
    }
    envelope.attachments.push_back(std::move(attachment).value());
  }
  return envelope;
}

Result<std::string> compose_email(const RenderedDocument& document, const RenderRequest& request,
                                  const Config& config,
                                  const std::filesystem::path& snapshot_folder,
                                  const EmailAction& action) {
  auto envelope = email_envelope(request, config, snapshot_folder, action);
  if (!envelope) return envelope.error();
  return build_email(document, *envelope);
}

}  // namespace dun

// `dun send`: a manual one-off reminder outside the scenarios (architecture.md), recorded like any
// action and delivered at once through the same loop (docs/delivery.md).
#include <algorithm>
#include <cstdio>

#include "adapters/delivery_pass.hpp"
#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "cli/args/store_access.hpp"
#include "cli/args/unknown_id.hpp"
#include "cli/output/delivery_output.hpp"
#include "documents/action_document.hpp"
#include "documents/enclosed_pdf.hpp"
#include "documents/stored_document.hpp"
#include "engine/model/action_id.hpp"
#include "stdlib/read_file.hpp"
#include "stdlib/status.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun send --customer ID --invoice ID… (--template NAME | --body-file FILE)\n"
    "                --channel email|letter [--letter-type standard|registered|electronic]\n"
    "                [--postage priority|economy|ecopli] [--to contact:ROLE|EMAIL]\n"
    "                [--address TEXT] [--pdf FILE] [--subject TEXT] [--statement]\n"
    "                [--bcc EMAIL…] [--date YYYY-MM-DD]\n"
    "                [--config dun.toml] [--db FILE] [--snapshot PATH] [--templates DIR]\n"
    "\n"
    "A one-off reminder outside the scenarios, for one customer and one or several of its\n"
    "invoices: rendered from the snapshot like a scenario's, recorded in the outbox and the\n"
    "history (scenario `manual`, step `manual`: `dun status` shows it as the last follow-up),\n"
    "then delivered at once through the adapter of its channel. Sending the same reminder\n"
    "again the same day finds it already recorded and sends nothing twice. A manual reminder\n"
    "counts as a contact for the scenarios' contact limits (`at most N email every D days`).\n"
    "\n"
    "  --customer ID      the customer\n"
    "  --invoice ID…      its invoices: repeat the flag, or list them after it or with commas\n"
    "  --template NAME    the template (NAME.LANG.txt, in the customer's language)\n"
    "  --body-file FILE   free text instead of a template: FILE is read as a template (an\n"
    "                     optional 'Subject:' first line, {placeholders} filled, '{{' for a\n"
    "                     brace), its errors as FILE:line:column\n"
    "  --subject TEXT     the email's subject or the letter's subject line, instead of the\n"
    "                     template's\n"
    "  --statement        the document's items table is the customer's whole account\n"
    "                     statement (every open item, credit notes included), not only the\n"
    "                     invoices given\n"
    "  --bcc EMAIL…       blind copies of an email (repeat the flag): SMTP recipients that no\n"
    "                     header names\n"
    "  --pdf FILE         a letter whose content is this PDF: dun puts its address page first\n"
    "                     (the letter of --template or --body-file, the address behind the\n"
    "                     envelope window), then the PDF's pages. Refused, saying why, when the\n"
    "                     PDF cannot be placed: unreadable, no page, more than 50 pages, a page\n"
    "                     that is not A4 portrait\n"
    "  --channel C        email or letter\n"
    "  --letter-type T    standard (the default), registered or electronic; letters only\n"
    "  --postage P        priority, economy or ecopli (France only: refused for a customer\n"
    "                     elsewhere); paper letters only; default: the adapter's\n"
    "  --to R             the recipient: contact:ROLE (the customer's contact of that role,\n"
    "                     e.g. contact:legal) or an email address; default: the `collection`\n"
    "                     contact, else the customer's email. A paper letter takes\n"
    "                     contact:ROLE only (its name is printed above its address when\n"
    "                     contacts.csv gives one, else the customer's); the contact's\n"
    "                     language, when set, picks the template language\n"
    "  --address TEXT     a paper letter's postal address instead of the contact's or the\n"
    "                     customer's; lines separated by \\n (\"4 Quai Nord\\n69001 "
    "Lyon\\nFrance\")\n"
    "  --date D           the day of the reminder (default today)\n"
    "  --config FILE      the configuration (default ./dun.toml when present)\n"
    "  --db FILE          the state store (default from dun.toml, else dun.db)\n"
    "  --snapshot PATH    the snapshot (default from dun.toml)\n"
    "  --templates DIR    the templates (default from dun.toml)\n"
    "\n"
    "exit status: 0 when sent (or queued for lack of an adapter), 1 when refused or not\n"
    "delivered, 2 for a usage error.\n"
    "\n"
    "example:\n"
    "  dun send --customer C0042 --invoice INV-1001 --invoice INV-1007 \\\n"
    "           --template first_reminder --channel email --db demo/dun.db\n";

int fail(const std::string& message) {
  std::fprintf(stderr, "dun send: %s\n", message.c_str());
  return 1;
}

// The document rendered to check the reminder before recording it, handed to the delivery loop.
class Prerendered : public DocumentSource {
 public:
  explicit Prerendered(OutgoingDocument document) : document_(std::move(document)) {}
  Status ready() override { return Status::Ok(); }
  Result<OutgoingDocument> render(const Action& /*action*/) override { return document_; }

 private:
  OutgoingDocument document_;
};

struct SendFlags {
  std::optional<std::string> config, db, snapshot, templates, customer, template_name, channel,
      letter_type, postage, to, address, date, pdf, subject, body_file;
  std::vector<std::string> invoices, bcc;
  bool statement = false;
};

bool is_email_address(const std::string& text) {
  const std::size_t at = text.find('@');
  return at != std::string::npos && at > 0 && at + 1 < text.size() &&
         text.find_first_of(" \t\r\n,;<>") == std::string::npos;
}

// The usage errors of the content flags (--pdf, --subject, --body-file, --bcc); empty: none.
std::string content_flags_problem(const SendFlags& values) {
  if (values.template_name && values.body_file) {
    return "give either --template NAME or --body-file FILE, not both";
  }
  if (!values.template_name && !values.body_file) {
    return "give the template: --template NAME (or the text: --body-file FILE)";
  }
  if (values.pdf && *values.channel != "letter") {
    return "--pdf is for letters (--channel letter): an email's attachments are the invoices' "
           "PDFs of the snapshot";
  }
  if (!values.bcc.empty() && *values.channel != "email") {
    return "--bcc is for emails (--channel email)";
  }
  for (const std::string& bcc : values.bcc) {
    if (!is_email_address(bcc)) return "--bcc '" + bcc + "': give an email address";
  }
  if (values.subject && values.subject->find_first_of("\r\n") != std::string::npos) {
    return "--subject is one line";
  }
  return {};
}

// The action as a scenario step would have made it (engine/run/record.cpp): the customer's
// language, its collection contact (else its billing email), or its postal address for a letter.
Result<Action> manual_action(const SendFlags& flags, const Config& config,
                             const Portfolio& portfolio, const std::string& snapshot, Date date) {
  const auto customer = portfolio.find_customer(*flags.customer);
  if (!customer) {
    return Error{unknown_id("customer", *flags.customer, snapshot, portfolio.customers.id)};
  }
  Action action;
  for (const std::string& id : flags.invoices) {
    const auto row = portfolio.find_invoice(id);
    if (!row) return Error{unknown_id("invoice", id, snapshot, portfolio.invoices.id)};
    const RowIndex owner = portfolio.invoices.customer[*row];
    if (owner != *customer) {
      return Error{"invoice " + id + " belongs to customer " +
                   std::string(portfolio.customers.id[owner]) + ", not " + *flags.customer +
                   ": a manual reminder is for the invoices of one customer (send one per "
                   "customer)"};
    }
    action.invoices.push_back(id);
  }
  std::sort(action.invoices.begin(), action.invoices.end());
  action.invoices.erase(std::unique(action.invoices.begin(), action.invoices.end()),
                        action.invoices.end());
  action.created_on = action.status_on = date;
  action.scenario = action.step = "manual";
  action.channel = *parse_channel(*flags.channel);
  action.customer = *flags.customer;
  // The text of a --body-file is the file's: its path stands for the template.
  action.template_name = flags.template_name ? *flags.template_name : *flags.body_file;
  const std::string_view language = portfolio.symbols.text(portfolio.customers.language[*customer]);
  action.language = language.empty() ? config.company.language : std::string(language);
  // --to contact:ROLE: that contact's name and email.
  std::string contact_name, contact_email, contact_address;
  if (flags.to && flags.to->starts_with("contact:")) {
    const std::string role = flags.to->substr(8);
    const RowIndex contact = portfolio.contact_with_role(*customer, role);
    if (contact == kNoRow) {
      return Error{"customer " + *flags.customer + " has no contact with role '" + role + "' in " +
                   snapshot + " (contacts.csv): give another role or an email address"};
    }
    contact_name = std::string(portfolio.contacts.name[contact]);
    contact_email = std::string(portfolio.contacts.email[contact]);
    contact_address = std::string(portfolio.contacts.address[contact]);
    // The contact reads it in its own language when contacts.csv gives one.
    const std::string_view contact_language =
        portfolio.symbols.text(portfolio.contacts.language[contact]);
    if (!contact_language.empty()) action.language = std::string(contact_language);
  } else if (flags.to) {
    contact_email = *flags.to;
  }
  if (action.channel == Channel::letter) {
    action.letter_type = *parse_letter_type(flags.letter_type.value_or("standard"));
    if (flags.postage) action.postage = parse_postage(*flags.postage);
    const std::string_view country = portfolio.symbols.text(portfolio.customers.country[*customer]);
    if (action.postage == Postage::ecopli && country != "FR") {
      return Error{"--postage ecopli is for letters to France, and customer " + *flags.customer +
                   " is in " +
                   (country.empty() ? std::string("no country") : std::string(country)) +
                   ": use --postage priority or economy"};
    }
    std::string name = std::string(portfolio.customers.name[*customer]);
    // An electronic letter goes to an email address (documents/action_document.hpp reads it
    // from the name line); a paper letter prints the contact's name above the address.
    if (action.letter_type == LetterType::electronic && !contact_email.empty()) {
      name = contact_email;
    } else if (!contact_name.empty()) {
      name = contact_name;
    }
    std::string address = flags.address ? *flags.address
                          : !contact_address.empty()
                              ? contact_address
                              : std::string(portfolio.customers.address[*customer]);
    for (std::size_t at; (at = address.find("\\n")) != std::string::npos;) {
      address.replace(at, 2, "\n");
    }
    action.to = name + "\n" + address;
  } else if (!contact_email.empty()) {
    action.to = contact_email;
  } else {
    const RowIndex contact = portfolio.contact_with_role(*customer, "collection");
    action.to = contact != kNoRow ? std::string(portfolio.contacts.email[contact])
                                  : std::string(portfolio.customers.email[*customer]);
  }
  action.id = make_action_id(
      {date, action.scenario, action.step, action.position, action.customer, action.invoices});
  return action;
}

}  // namespace

int run_send(Args args) {
  SendFlags values;
  std::vector<std::string> more_invoices;
  FlagParser flags("send", kHelp);
  flags.value("config", values.config);
  flags.value("db", values.db);
  flags.value("snapshot", values.snapshot);
  flags.value("templates", values.templates);
  flags.value("customer", values.customer);
  flags.values("invoice", values.invoices);
  flags.value("template", values.template_name);
  flags.value("channel", values.channel);
  flags.value("letter-type", values.letter_type);
  flags.value("postage", values.postage);
  flags.value("to", values.to);
  flags.value("address", values.address);
  flags.value("date", values.date);
  flags.value("pdf", values.pdf);
  flags.value("subject", values.subject);
  flags.value("body-file", values.body_file);
  flags.values("bcc", values.bcc);
  flags.flag("statement", values.statement);
  flags.positionals(more_invoices);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (!values.invoices.empty()) {
    values.invoices.insert(values.invoices.end(), more_invoices.begin(), more_invoices.end());
  } else if (!more_invoices.empty()) {
    return flags.usage_error("unexpected argument '" + more_invoices[0] + "': give --invoice ID");
  }
  if (!values.customer) return flags.usage_error("give the customer: --customer ID");
  if (values.invoices.empty()) return flags.usage_error("give its invoices: --invoice ID…");
  if (!values.channel || (*values.channel != "email" && *values.channel != "letter")) {
    return flags.usage_error("give the channel: --channel email or --channel letter");
  }
  if (const std::string problem = content_flags_problem(values); !problem.empty()) {
    return flags.usage_error(problem);
  }
  if (values.letter_type) {
    if (*values.channel != "letter") {
      return flags.usage_error("--letter-type is for letters (--channel letter)");
    }
    if (!parse_letter_type(*values.letter_type)) {
      return flags.usage_error("--letter-type '" + *values.letter_type +
                               "': use standard, registered or electronic");
    }
  }
  if (values.to && !values.to->starts_with("contact:") &&
      values.to->find('@') == std::string::npos) {
    return flags.usage_error("--to '" + *values.to +
                             "': give contact:ROLE (e.g. contact:legal) or an email address");
  }
  if (values.to && !values.to->starts_with("contact:") && *values.channel == "letter" &&
      values.letter_type != "electronic") {
    return flags.usage_error(
        "--to EMAIL is for emails and electronic letters: a paper letter goes to a postal "
        "address (--address TEXT, --to contact:ROLE for the name)");
  }
  if (values.address && (*values.channel != "letter" || values.letter_type == "electronic")) {
    return flags.usage_error("--address is for paper letters (--channel letter)");
  }
  if (values.postage) {
    if (*values.channel != "letter" || values.letter_type == "electronic") {
      return flags.usage_error("--postage is for paper letters (--channel letter, not electronic)");
    }
    if (!parse_postage(*values.postage)) {
      return flags.usage_error("--postage '" + *values.postage +
                               "': use priority, economy or ecopli");
    }
  }
  auto day = parse_run_date(values.date);
  if (!day) return flags.usage_error(day.error().message);
  // The enclosed PDF is checked before anything is opened: a PDF dun cannot place is refused.
  std::string enclosure;
  if (values.pdf) {
    auto bytes = read_file(*values.pdf);
    if (!bytes) return fail("cannot read --pdf " + *values.pdf + ": " + bytes.error().message);
    enclosure = std::move(bytes).value();
    if (auto placed = check_enclosed_pdf(enclosure, *values.pdf); !placed) {
      return fail(placed.error().message + "; nothing was sent");
    }
  }

  auto state =
      open_verb_state("send", values.config,
                      {.snapshot = values.snapshot, .templates = values.templates, .db = values.db},
                      StoreUse::write);
  if (!state) return 1;
  const Config& config = state->config;
  auto adapter_set = adapters::build_adapters(config);
  if (!adapter_set) return fail(adapter_set.error().message);
  const std::filesystem::path& snapshot = config.engine.snapshot;
  const std::filesystem::path& templates = config.engine.templates;
  auto context = SnapshotContext::load(config, snapshot, templates, *day);
  if (!context) return fail(context.error().message);
  auto action = manual_action(values, config, (*context)->portfolio(), snapshot.string(), *day);
  if (!action) return fail(action.error().message);
  // Rendered before anything is recorded: a missing template or address refuses the reminder.
  DocumentExtras extras;
  extras.subject = values.subject;
  extras.statement = values.statement;
  extras.bcc = values.bcc;
  if (values.body_file) {
    auto source = (*context)->templates().load_file(*values.body_file);
    if (!source) return fail(source.error().message);
    extras.source = *source;
  }
  ActionDocuments documents(**context);
  auto rendered = documents.render_with_parts(*action, extras);
  if (!rendered) return fail(rendered.error().message);
  OutgoingDocument document = std::move(rendered->outgoing);
  if (values.pdf) {
    auto letter = letter_with_enclosure(document.bytes, enclosure, *values.pdf);
    if (!letter) return fail(letter.error().message);
    document.bytes = std::move(letter).value();
  }
  // A content the outbox cannot render again from the action is kept with it at once.
  const bool own_content =
      values.pdf || values.body_file || values.subject || values.statement || !values.bcc.empty();
  const StoredDocument kept = to_stored(document);

  std::vector<HistoryEvent> events;
  for (const std::string& invoice : action->invoices) {
    events.push_back({invoice, action->customer, *day, EventKind::step_fired,
                      "manual reminder by " + change_author(std::nullopt) + ": " +
                          action->template_name + " by " + *values.channel + " (action " +
                          action->id + ")"});
  }
  auto recorded = state->store.record_manual_action(*action, events, own_content ? &kept : nullptr);
  if (!recorded) return fail(recorded.error().message);
  std::printf("dun send %s: action %s %s\n", day->to_string().c_str(), action->id.c_str(),
              *recorded ? "recorded" : "already recorded (the same reminder today)");

  Prerendered source(std::move(document));
  adapters::DeliveryRequest request;
  request.date = *day;
  request.mode = adapters::DeliveryMode::at_once;
  request.only_actions = {action->id};
  auto pass = adapters::deliver_outbox(state->store, *adapter_set, config, source, request);
  if (!pass) return fail(pass.error().message);
  print_delivery_summary(*pass);
  return adapters::delivered_everything(*pass) ? 0 : 1;
}

}  // namespace dun::cli

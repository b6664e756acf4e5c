// `dun render`: a template filled with one customer's real data (architecture.md), as the text,
// the HTML part, the .eml email or the PDF letter that an action would produce — the preview an
// analyst reads before switching a scenario on. The document is made as an action's is
// (documents/action_document.hpp); only the choice of the items and the preview's id are this
// verb's own.
#include <cstdio>
#include <fstream>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "documents/action_document.hpp"
#include "documents/document_html.hpp"
#include "documents/snapshot_context.hpp"
#include "engine/base/fingerprint.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun render TEMPLATE --customer ID [--invoice ID[,ID…]]\n"
    "                  [--format text|html|eml|pdf]\n"
    "                  [--out FILE] [--config dun.toml] [--snapshot PATH] [--templates DIR]\n"
    "                  [--date YYYY-MM-DD] [--letter-type standard|registered|electronic]\n"
    "                  [--statement]\n"
    "\n"
    "Fills the template TEMPLATE (the file TEMPLATE.LANG.md or TEMPLATE.LANG.txt, in the\n"
    "customer's language or the default one) with the customer's data from the snapshot, as an\n"
    "action would, and prints it.\n"
    "\n"
    "  --customer ID     the customer\n"
    "  --invoice IDS     the items of the document (comma-separated); default: the customer's\n"
    "                    overdue invoices, else all its open invoices\n"
    "  --format F        text (default: the email's text part), html (the email's HTML part, as\n"
    "                    a Markdown template's email carries it: the logo as cid:), eml (the\n"
    "                    RFC 5322 email, PDFs attached) or pdf (the letter)\n"
    "  --out FILE        write there instead of standard output (pdf needs it)\n"
    "  --date D          the day the document is written (default today)\n"
    "  --letter-type T   pdf: standard, registered or electronic (the mention on the letter)\n"
    "  --statement       {items_list} shows the customer's whole statement of open items,\n"
    "                    credit notes included\n"
    "  --config, --snapshot, --templates: as for `dun run`\n"
    "\n"
    "exit status: 0 rendered, 1 it could not be rendered (the message says why), 2 usage error.\n"
    "\n"
    "example:\n"
    "  dun render first_reminder --customer C0042 --snapshot demo/snapshot \\\n"
    "             --templates scenarios/templates --format eml --out preview.eml\n";

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> ids;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find(',', begin);
    if (end == std::string::npos) end = text.size();
    if (end > begin) ids.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return ids;
}

// The customer's overdue invoices, else its open ones (in row order: the document sorts them).
std::vector<RowIndex> default_items(const Portfolio& portfolio, RowIndex customer, Date today) {
  const Invoices& invoices = portfolio.invoices;
  std::vector<RowIndex> overdue, open;
  for (RowIndex row = 0; row < invoices.size(); ++row) {
    if (invoices.customer[row] != customer || invoices.kind[row] != InvoiceKind::invoice ||
        invoices.balance[row] <= 0) {
      continue;
    }
    open.push_back(row);
    if (invoices.due_date[row] < today.days()) overdue.push_back(row);
  }
  return overdue.empty() ? open : overdue;
}

int fail(const std::string& message) {
  std::fprintf(stderr, "dun render: %s\n", message.c_str());
  return 1;
}

}  // namespace

int run_render(Args args) {
  std::optional<std::string> config_path, snapshot, templates, date, customer_id, invoice_ids,
      format, out, letter_type;
  bool statement = false;
  std::vector<std::string> positionals;
  FlagParser flags("render", kHelp);
  flags.value("config", config_path);
  flags.value("snapshot", snapshot);
  flags.value("templates", templates);
  flags.value("date", date);
  flags.value("customer", customer_id);
  flags.value("invoice", invoice_ids);
  flags.value("format", format);
  flags.value("out", out);
  flags.value("letter-type", letter_type);
  flags.flag("statement", statement);
  flags.positionals(positionals);
  if (auto exit_code = flags.parse(args)) return *exit_code;
  if (positionals.size() != 1) return flags.usage_error("give exactly one TEMPLATE name");
  if (!customer_id) return flags.usage_error("--customer ID is required");
  const std::string output_format = format.value_or("text");
  if (output_format != "text" && output_format != "html" && output_format != "eml" &&
      output_format != "pdf") {
    return flags.usage_error("--format must be text, html, eml or pdf, not '" + output_format +
                             "'");
  }
  const std::string kind = letter_type.value_or("standard");
  if (kind != "standard" && kind != "registered" && kind != "electronic") {
    return flags.usage_error("--letter-type must be standard, registered or electronic");
  }
  if (output_format == "pdf" && !out) return flags.usage_error("--format pdf needs --out FILE");
  auto run_date = parse_run_date(date);
  if (!run_date) return flags.usage_error(run_date.error().message);

  auto config = load_verb_config(config_path, {.snapshot = snapshot, .templates = templates});
  if (!config) return fail(config.error().message);
  const std::filesystem::path& snapshot_path = config->engine.snapshot;
  const std::filesystem::path& templates_path = config->engine.templates;
  auto context = SnapshotContext::load(*config, snapshot_path, templates_path, *run_date);
  if (!context) return fail(context.error().message);
  const Portfolio& portfolio = (*context)->portfolio();
  const auto customer = portfolio.find_customer(*customer_id);
  if (!customer) return fail("no customer '" + *customer_id + "' in " + snapshot_path.string());

  DocumentSpec spec;
  spec.template_name = positionals.front();
  spec.customer = *customer;
  spec.date = *run_date;
  spec.statement = statement;
  if (invoice_ids) {
    for (const std::string& id : split_ids(*invoice_ids)) {
      const auto row = portfolio.find_invoice(id);
      if (!row) return fail("no invoice '" + id + "' in " + snapshot_path.string());
      if (portfolio.invoices.customer[*row] != *customer) {
        return fail("invoice '" + id + "' belongs to another customer than " + *customer_id);
      }
      spec.items.push_back(*row);
    }
  } else {
    spec.items = default_items(portfolio, *customer, *run_date);
  }
  if (spec.items.empty()) {
    return fail("customer " + *customer_id + " has no open invoice to show; pass --invoice ID");
  }

  spec.language = std::string(portfolio.symbols.text(portfolio.customers.language[*customer]));
  auto found =
      (*context)->templates().find(spec.template_name, spec.language,
                                   portfolio.symbols.text(portfolio.customers.country[*customer]));
  if (!found) return fail(found.error().message);
  if (!spec.language.empty() && found->language != spec.language) {
    std::fprintf(stderr, "dun render: warning: no %s.%s.txt; rendered in '%s'\n",
                 spec.template_name.c_str(), spec.language.c_str(), found->language.c_str());
  }

  ActionDocuments documents(**context);
  auto filled = documents.fill(std::move(spec));
  if (!filled) return fail(filled.error().message);

  std::string bytes;
  if (output_format == "text") {
    const RenderedDocument& document = filled->document;
    if (document.subject) bytes = "Subject: " + *document.subject + "\n\n";
    bytes += document_text(document);
  } else if (output_format == "eml" || output_format == "html") {
    // A preview has no action: its id derives from what the action's would (a stable value).
    std::string key =
        "render\n" + positionals.front() + "\n" + *customer_id + "\n" + run_date->to_string();
    for (RowIndex item : filled->request.items) {
      key += "\n" + std::string(portfolio.invoices.id[item]);
    }
    EmailAction action;
    action.action_id = sha256_hex(key).substr(0, 32);
    auto email = documents.email(std::move(filled).value(), action);
    if (!email) return fail(email.error().message);
    if (output_format == "html") {
      const EmailEnvelope& envelope = *email->email;
      bytes =
          document_html(email->document, envelope.logo ? logo_content_id(envelope) : std::string(),
                        envelope.company_name);
    } else {
      bytes = std::move(email).value().outgoing.bytes;
    }
  } else {
    auto letter = documents.letter(std::move(filled).value(), kind);
    if (!letter) return fail(letter.error().message);
    bytes = std::move(letter).value().outgoing.bytes;
  }
  if (!out) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return 0;
  }
  std::ofstream file(*out, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.close();
  if (!file) return fail("cannot write " + *out);
  std::fprintf(stderr, "dun render: wrote %s (%zu bytes)\n", out->c_str(), bytes.size());
  return 0;
}

}  // namespace dun::cli

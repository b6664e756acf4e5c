// `dun render`: a template filled with one customer's real data (architecture.md), as the text,
// the .eml email or the PDF letter that an action would produce — the preview an analyst reads
// before switching a scenario on.
#include <cstdio>
#include <fstream>

#include "cli/args/flags.hpp"
#include "cli/args/run_common.hpp"
#include "documents/compose_email.hpp"
#include "documents/invoice_pdf.hpp"
#include "documents/letter_pdf.hpp"
#include "documents/render_template.hpp"
#include "documents/template_library.hpp"
#include "engine/base/fingerprint.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "engine/snapshot/load_snapshot.hpp"

namespace dun::cli {
namespace {

constexpr const char* kHelp =
    "usage: dun render TEMPLATE --customer ID [--invoice ID[,ID…]] [--format text|eml|pdf]\n"
    "                  [--out FILE] [--config dun.toml] [--snapshot PATH] [--templates DIR]\n"
    "                  [--date YYYY-MM-DD] [--letter-type standard|registered|electronic]\n"
    "                  [--statement]\n"
    "\n"
    "Fills the template TEMPLATE (the file TEMPLATE.LANG.txt, in the customer's language or the\n"
    "default one) with the customer's data from the snapshot, as an action would, and prints it.\n"
    "\n"
    "  --customer ID     the customer\n"
    "  --invoice IDS     the items of the document (comma-separated); default: the customer's\n"
    "                    overdue invoices, else all its open invoices\n"
    "  --format F        text (default), eml (the RFC 5322 email, PDFs attached) or pdf (the\n"
    "                    letter)\n"
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

// The customer's overdue invoices, else its open ones, sorted by id.
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
  if (output_format != "text" && output_format != "eml" && output_format != "pdf") {
    return flags.usage_error("--format must be text, eml or pdf, not '" + output_format + "'");
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
  auto loaded = load_snapshot(snapshot_path, false);
  if (!loaded) return fail(loaded.error().message);
  const Portfolio& portfolio = loaded->portfolio;
  const auto customer = portfolio.find_customer(*customer_id);
  if (!customer) return fail("no customer '" + *customer_id + "' in " + snapshot_path.string());

  RenderRequest request;
  request.portfolio = &portfolio;
  request.customer = *customer;
  request.today = *run_date;
  request.statement = statement;
  if (invoice_ids) {
    for (const std::string& id : split_ids(*invoice_ids)) {
      const auto row = portfolio.find_invoice(id);
      if (!row) return fail("no invoice '" + id + "' in " + snapshot_path.string());
      if (portfolio.invoices.customer[*row] != *customer) {
        return fail("invoice '" + id + "' belongs to another customer than " + *customer_id);
      }
      request.items.push_back(*row);
    }
    std::sort(request.items.begin(), request.items.end(), [&](RowIndex a, RowIndex b) {
      return portfolio.invoices.id[a] < portfolio.invoices.id[b];
    });
  } else {
    request.items = default_items(portfolio, *customer, *run_date);
    std::sort(request.items.begin(), request.items.end(), [&](RowIndex a, RowIndex b) {
      return portfolio.invoices.id[a] < portfolio.invoices.id[b];
    });
  }
  if (request.items.empty()) {
    return fail("customer " + *customer_id + " has no open invoice to show; pass --invoice ID");
  }

  const std::string language(portfolio.symbols.text(portfolio.customers.language[*customer]));
  TemplateLibrary library(templates_path, config->company.language);
  auto found = library.find(positionals.front(), language);
  if (!found) return fail(found.error().message);
  request.language = found->language;
  if (!language.empty() && found->language != language) {
    std::fprintf(stderr, "dun render: warning: no %s.%s.txt; rendered in '%s'\n",
                 positionals.front().c_str(), language.c_str(), found->language.c_str());
  }

  const CustomerAggregates aggregates = compute_aggregates(portfolio, *run_date, config->rates);
  const PortfolioColumnsView columns(portfolio, aggregates);
  request.aggregates = &aggregates;
  request.columns = &columns.columns();
  DocumentRenderer renderer(*config, config->company.late_interest_rate);
  auto document = renderer.render(*found->source, request);
  if (!document) return fail(document.error().message);

  std::string bytes;
  if (output_format == "text") {
    if (document->subject) bytes = "Subject: " + *document->subject + "\n\n";
    bytes += document_text(*document);
  } else if (output_format == "eml") {
    // A preview has no action: its id derives from what the action's would (a stable value).
    std::string key =
        "render\n" + positionals.front() + "\n" + *customer_id + "\n" + run_date->to_string();
    for (RowIndex item : request.items) key += "\n" + std::string(portfolio.invoices.id[item]);
    EmailAction action;
    action.action_id = sha256_hex(key).substr(0, 32);
    auto email = compose_email(*document, request, *config, snapshot_folder(snapshot_path), action);
    if (!email) return fail(email.error().message);
    bytes = std::move(email).value();
  } else {
    auto info = renderer.letter_info(request, kind);
    if (!info) return fail(info.error().message);
    auto pdf = render_letter_pdf(*document, *info, config->letters);
    if (!pdf) return fail(pdf.error().message);
    bytes = std::move(pdf).value();
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

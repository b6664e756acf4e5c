// DocumentRenderer: walks the template's nodes, fills the values, evaluates the conditions and
// cuts the text into paragraphs at blank lines, with `{items_list}` as a table of its own.
#include "documents/render_template.hpp"

#include <algorithm>

#include "documents/custom_field_text.hpp"
#include "documents/document_labels.hpp"
#include "documents/markdown_blocks.hpp"
#include "dsl/fields.hpp"
#include "dsl/interp.hpp"
#include "stdlib/status.hpp"

namespace dun {

// The reference interpreter over a scenario with nothing in it: a template condition sees the
// fields and `today`, no lets or steps (the checker made sure of it).
struct DocumentRenderer::Evaluator {
  dsl::ir::Scenario empty;
  std::unique_ptr<dsl::Interpreter> interpreter;
};

namespace {

using dsl::TemplateNode;

// Everything the values of one document are computed from.
class Filler {
 public:
  Filler(const Config& config, const LateInterestRate& rate, const LocaleFormatter& format,
         const RenderRequest& request, const dsl::Interpreter& interpreter)
      : config_(config),
        rate_(rate),
        format_(format),
        request_(request),
        portfolio_(*request.portfolio),
        interpreter_(interpreter) {}

  Result<bool> condition(const TemplateNode& node) {
    dsl::BatchInput batch;
    batch.portfolio = request_.columns;
    batch.rows = &request_.items.front();
    batch.row_count = 1;
    batch.today = request_.today.days();
    batch.environment = {&config_.rates, &rate_};
    const dsl::Value value = interpreter_.evaluate_expr(*node.condition, batch, 0);
    if (value.failed()) {
      return Error{where(node) + "the condition cannot be evaluated for invoice " +
                   first_invoice() + ": " + std::string(dsl::eval_error_message(value.error()))};
    }
    return value.boolean();
  }

  Result<std::string> value(const TemplateNode& node) {
    const std::string& name = node.text;
    if (name == "today") return format_.long_date(request_.today);
    if (name == "total_overdue") return money_text(node, overdue_total());
    if (name == "late_interest") return money_text(node, late_interest_total());
    if (name == "recovery_indemnity") return format_.money(config_.company.recovery_indemnity);
    const std::size_t dot = name.find('.');
    const auto field = dot == std::string::npos
                           ? dsl::find_field(name, "")
                           : dsl::find_field(name.substr(0, dot), name.substr(dot + 1));
    if (field) return field_text(node, *field);
    if (const CustomFieldValues* custom = find_custom_field(portfolio_, name)) {
      if (auto text = custom_field_text(portfolio_, *custom, request_.items.front(),
                                        request_.customer, format_)) {
        return *text;
      }
      return Error{where(node) + name + " is absent for invoice " + first_invoice() +
                   " (its cell is empty and dun.toml's [fields] gives it no default: declare "
                   "one, e.g. default = \"\", and test it with {if " +
                   name + " != \"\"})"};
    }
    return Error{where(node) + "unknown value '{" + name + "}'"};
  }

  Result<ItemsTable> items_table(const TemplateNode& node) {
    const DocumentLabels& labels = document_labels(format_.locale());
    ItemsTable table;
    table.headers.assign(labels.item_headers.begin(), labels.item_headers.end());
    table.numeric = {false, false, false, true, true, true};
    const Invoices& invoices = portfolio_.invoices;
    const std::vector<RowIndex> shown = shown_items();
    for (RowIndex row : shown) {
      const bool credit = invoices.kind[row] == InvoiceKind::credit_note;
      const std::int64_t sign = credit ? -1 : 1;
      const std::int32_t late = request_.today.days() - invoices.due_date[row];
      table.rows.push_back({std::string(invoices.number[row]),
                            format_.short_date(Date::from_days(invoices.issue_date[row])),
                            format_.short_date(Date::from_days(invoices.due_date[row])),
                            format_.money({sign * invoices.amount[row], invoices.currency[row]}),
                            format_.money({sign * invoices.balance[row], invoices.currency[row]}),
                            !credit && late > 0 ? format_.integer(late) : std::string()});
    }
    auto total = sum(shown, false, false);
    if (!total) return Error{where(node) + total.error().message};
    auto overdue = sum(shown, true, false);
    if (!overdue) return Error{where(node) + overdue.error().message};
    table.totals.push_back({std::string(labels.total), "", "", "", format_.money(*total), ""});
    table.totals.push_back(
        {std::string(labels.total_overdue), "", "", "", format_.money(*overdue), ""});
    return table;
  }

 private:
  std::string where(const TemplateNode& node) const {
    const std::string shown = node.kind == TemplateNode::Kind::condition ? "if …" : node.text;
    return "{" + shown + "} at " + std::to_string(node.pos.line) + ":" +
           std::to_string(node.pos.column) + ": ";
  }
  std::string first_invoice() const {
    return std::string(portfolio_.invoices.id[request_.items.front()]);
  }
  Currency customer_currency() const { return portfolio_.customers.currency[request_.customer]; }

  // The yearly rate in force today, as a localised percentage ("12.15%", "12,15 %").
  Result<std::string> interest_rate_text(const TemplateNode& node) const {
    const auto micros = rate_.percent_micros_on(request_.today);
    if (!micros) {
      return Error{where(node) + "the ECB rate history does not reach " +
                   request_.today.to_string() + " (update dun or set a fixed late_interest_rate)"};
    }
    std::string digits = std::to_string(*micros / 1'000'000) + "." +
                         std::to_string(1'000'000 + *micros % 1'000'000).substr(1);
    while (digits.back() == '0') digits.pop_back();
    if (digits.back() == '.') digits.pop_back();
    return format_.decimal(digits) + (format_.locale().starts_with("en") ? "%" : "\u00a0%");
  }

  Result<std::string> money_text(const TemplateNode& node, const Result<Money>& money) {
    if (!money) return Error{where(node) + money.error().message};
    return format_.money(*money);
  }

  // The items of {items_list}: the action's, or the customer's open statement.
  std::vector<RowIndex> shown_items() const {
    if (!request_.statement) return request_.items;
    std::vector<RowIndex> rows;
    const Invoices& invoices = portfolio_.invoices;
    for (RowIndex row = 0; row < invoices.size(); ++row) {
      if (invoices.customer[row] == request_.customer && invoices.balance[row] > 0) {
        rows.push_back(row);
      }
    }
    std::sort(rows.begin(), rows.end(), [&](RowIndex a, RowIndex b) {
      return std::pair(invoices.due_date[a], invoices.id[a]) <
             std::pair(invoices.due_date[b], invoices.id[b]);
    });
    return rows;
  }

  bool is_overdue_invoice(RowIndex row) const {
    const Invoices& invoices = portfolio_.invoices;
    return invoices.kind[row] == InvoiceKind::invoice && invoices.balance[row] > 0 &&
           invoices.due_date[row] < request_.today.days();
  }

  // `minor` of `from` in the customer's currency, rounded half-even (as the aggregates do).
  Result<std::int64_t> converted(std::int64_t minor, Currency from) const {
    const Currency to = customer_currency();
    if (from == to) return minor;
    if (auto value = config_.rates.convert(minor, from, to)) return *value;
    return Error{"no exchange rate between " + std::string(from.code()) + " and " +
                 std::string(to.code()) + "; add it to [rates] in dun.toml"};
  }

  // Σ balance (or the late interest on it) of `rows`, credit notes deducted, in the customer's
  // currency; only the overdue invoices among them when `overdue_only`.
  Result<Money> sum(const std::vector<RowIndex>& rows, bool overdue_only, bool interest) const {
    std::int64_t total = 0;
    const Invoices& invoices = portfolio_.invoices;
    for (RowIndex row : rows) {
      if (overdue_only && !is_overdue_invoice(row)) continue;
      std::int64_t minor = invoices.balance[row];
      if (interest) {
        auto owed = late_interest({minor, invoices.currency[row]},
                                  Date::from_days(invoices.due_date[row]), request_.today, rate_);
        if (!owed) {
          return Error{"late interest on " + std::string(invoices.id[row]) + ": " +
                       owed.error().message};
        }
        minor = owed->minor;
      }
      auto value = converted(minor, invoices.currency[row]);
      if (!value) return value.error();
      const std::int64_t signed_value =
          invoices.kind[row] == InvoiceKind::credit_note ? -*value : *value;
      if (__builtin_add_overflow(total, signed_value, &total)) {
        return Error{
            "the total of the action's invoices is too large to compute (it overflows; "
            "check the snapshot's amounts)"};
      }
    }
    return Money{total, customer_currency()};
  }
  Result<Money> overdue_total() const { return sum(request_.items, true, false); }
  Result<Money> late_interest_total() const { return sum(request_.items, true, true); }

  Result<std::string> field_text(const TemplateNode& node, dsl::FieldId field);

  const Config& config_;
  const LateInterestRate& rate_;
  const LocaleFormatter& format_;
  const RenderRequest& request_;
  const Portfolio& portfolio_;
  const dsl::Interpreter& interpreter_;
};

Result<std::string> Filler::field_text(const TemplateNode& node, dsl::FieldId field) {
  using dsl::FieldId;
  const Invoices& invoices = portfolio_.invoices;
  const Customers& customers = portfolio_.customers;
  const CustomerAggregates& aggregates = *request_.aggregates;
  const RowIndex invoice = request_.items.front();
  const RowIndex customer = request_.customer;
  const RowIndex collector = customers.collector[customer];
  const CompanyConfig& company = config_.company;
  auto date = [&](std::int32_t days, std::string_view what) -> Result<std::string> {
    if (days == kNoDate) return Error{where(node) + what.data() + " (guard it with {if …})"};
    return format_.long_date(Date::from_days(days));
  };
  auto aggregate = [&](std::int64_t minor) -> Result<std::string> {
    if (aggregates.status[customer] == AggregateStatus::overflow) {
      return Error{where(node) +
                   "the customer's totals are too large to compute (they overflow; check the "
                   "snapshot's amounts)"};
    }
    if (aggregates.status[customer] != AggregateStatus::ok) {
      return Error{where(node) +
                   "the customer's totals are unknown (a missing exchange rate "
                   "to " +
                   std::string(customer_currency().code()) + ")"};
    }
    return format_.money({minor, customer_currency()});
  };
  auto collector_or = [&](const TextColumn& column, const std::string& fallback) {
    return collector == kNoRow ? fallback : std::string(column[collector]);
  };
  switch (field) {
    case FieldId::invoice_id:
      return std::string(invoices.id[invoice]);
    case FieldId::invoice_number:
      return std::string(invoices.number[invoice]);
    case FieldId::invoice_kind:
      return std::string(invoices.kind[invoice] == InvoiceKind::invoice ? "invoice"
                                                                        : "credit_note");
    case FieldId::invoice_issue_date:
      return format_.long_date(Date::from_days(invoices.issue_date[invoice]));
    case FieldId::invoice_due_date:
      return format_.long_date(Date::from_days(invoices.due_date[invoice]));
    case FieldId::invoice_amount:
      return format_.money({invoices.amount[invoice], invoices.currency[invoice]});
    case FieldId::invoice_balance:
      return format_.money({invoices.balance[invoice], invoices.currency[invoice]});
    case FieldId::invoice_currency:
      return std::string(invoices.currency[invoice].code());
    case FieldId::invoice_disputed:
      return std::string(invoices.disputed[invoice] ? "true" : "false");
    case FieldId::invoice_promised:
      return std::string(invoices.promise_date[invoice] != kNoDate ? "true" : "false");
    case FieldId::invoice_promise_date:
      return date(invoices.promise_date[invoice], "the invoice has no promise date");
    case FieldId::invoice_days_overdue:
      return format_.integer(request_.today.days() - invoices.due_date[invoice]);
    case FieldId::customer_id:
      return std::string(customers.id[customer]);
    case FieldId::customer_name:
      return std::string(customers.name[customer]);
    case FieldId::customer_segment:
      return std::string(portfolio_.symbols.text(customers.segment[customer]));
    case FieldId::customer_country:
      return std::string(portfolio_.symbols.text(customers.country[customer]));
    case FieldId::customer_language:
      return std::string(portfolio_.symbols.text(customers.language[customer]));
    case FieldId::customer_scenario:
      return std::string(portfolio_.symbols.text(customers.scenario[customer]));
    case FieldId::customer_overdue_total:
      return aggregate(aggregates.overdue_total[customer]);
    case FieldId::customer_open_total:
      return aggregate(aggregates.open_total[customer]);
    case FieldId::customer_open_count:
      return format_.integer(aggregates.open_count[customer]);
    case FieldId::customer_overdue_count:
      return format_.integer(aggregates.overdue_count[customer]);
    case FieldId::customer_oldest_due_date:
      return date(aggregates.oldest_due_date[customer], "the customer has nothing open");
    case FieldId::customer_credit_limit:
      if (!customers.has_credit_limit[customer]) {
        return Error{where(node) + "the customer has no credit limit (guard it with {if …})"};
      }
      return format_.money({customers.credit_limit[customer], customer_currency()});
    case FieldId::customer_email:
      return std::string(customers.email[customer]);
    case FieldId::collector:
    case FieldId::collector_name:
      return collector_or(portfolio_.collectors.name, company.name);
    case FieldId::collector_email:
      return collector_or(portfolio_.collectors.email, company.email);
    case FieldId::collector_phone:
      return collector_or(portfolio_.collectors.phone, company.phone);
    case FieldId::company_name:
      return company.name;
    case FieldId::company_address:
      return company.address;
    case FieldId::company_email:
      return company.email;
    case FieldId::company_phone:
      return company.phone;
    case FieldId::company_iban:
      return company.iban;
    case FieldId::company_bic:
      return company.bic;
    case FieldId::company_late_interest_rate:
      return interest_rate_text(node);
    case FieldId::invoice_last_letter_status:
    case FieldId::customer_email_bounced:
      // The template checker refuses them (delivery facts are the state store's, fields.hpp).
      return Error{where(node) + "'" + dsl::field_display_name(field) +
                   "' is read by scenarios only, a template cannot show it"};
  }
  return Error{where(node) + "unknown value"};
}

// Collects text and tables in document order, then cuts the text into blocks: paragraphs at
// blank lines for a plain-text template; for a Markdown template, CommonMark's blocks, the values
// written in escaped (documents/markdown_blocks.hpp) so that they can never become markup.
class BodyWriter {
 public:
  explicit BodyWriter(bool markdown = false) : markdown_(markdown) {}
  void text(std::string_view piece) { pending_ += piece; }
  void value(std::string_view data) { pending_ += markdown_ ? escape_markdown(data) : data; }
  void table(ItemsTable table) {
    flush();
    blocks_.emplace_back(std::move(table));
  }
  std::vector<Block> finish() {
    flush();
    return std::move(blocks_);
  }

 private:
  void flush() {
    if (markdown_) {
      for (Block& block : markdown_blocks(pending_)) blocks_.push_back(std::move(block));
    } else {
      cut_paragraphs();
    }
    pending_.clear();
  }
  // Blank lines separate paragraphs; a paragraph keeps its line breaks, without trailing blanks.
  void cut_paragraphs() {
    std::vector<std::string> lines;
    std::size_t begin = 0;
    while (begin <= pending_.size()) {
      std::size_t end = pending_.find('\n', begin);
      if (end == std::string::npos) end = pending_.size();
      std::string line = pending_.substr(begin, end - begin);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.pop_back();
      }
      lines.push_back(std::move(line));
      begin = end + 1;
    }
    std::string paragraph;
    for (const std::string& line : lines) {
      if (line.empty()) {
        if (!paragraph.empty()) blocks_.emplace_back(Paragraph{std::move(paragraph)});
        paragraph.clear();
        continue;
      }
      if (!paragraph.empty()) paragraph += '\n';
      paragraph += line;
    }
    if (!paragraph.empty()) blocks_.emplace_back(Paragraph{std::move(paragraph)});
  }
  bool markdown_;
  std::string pending_;
  std::vector<Block> blocks_;
};

Status write_nodes(const std::vector<TemplateNode>& nodes, Filler& filler, BodyWriter& writer) {
  for (const TemplateNode& node : nodes) {
    switch (node.kind) {
      case TemplateNode::Kind::text:
        writer.text(node.text);
        break;
      case TemplateNode::Kind::value: {
        auto text = filler.value(node);
        if (!text) return text.error();
        writer.value(*text);
        break;
      }
      case TemplateNode::Kind::items_list: {
        auto table = filler.items_table(node);
        if (!table) return table.error();
        writer.table(std::move(table).value());
        break;
      }
      case TemplateNode::Kind::condition: {
        auto holds = filler.condition(node);
        if (!holds) return holds.error();
        auto written = write_nodes(*holds ? node.then_nodes : node.else_nodes, filler, writer);
        if (!written) return written;
        break;
      }
    }
  }
  return Status::Ok();
}

}  // namespace

DocumentRenderer::DocumentRenderer(const Config& config, const LateInterestRate& late_interest)
    : config_(config), late_interest_(late_interest), evaluator_(std::make_unique<Evaluator>()) {
  auto interpreter = dsl::Interpreter::create(evaluator_->empty);
  // An empty scenario names no calendar and has no steps: creating its interpreter cannot fail.
  if (interpreter) {
    evaluator_->interpreter = std::make_unique<dsl::Interpreter>(std::move(interpreter).value());
  }
}

DocumentRenderer::~DocumentRenderer() = default;

Result<const LocaleFormatter*> DocumentRenderer::formatter(const std::string& locale) {
  auto found = formatters_.find(locale);
  if (found == formatters_.end()) {
    auto created = LocaleFormatter::create(locale);
    if (!created) return created.error();
    found = formatters_.emplace(locale, std::move(created).value()).first;
  }
  return &found->second;
}

Result<const LocaleFormatter*> DocumentRenderer::formatter(const RenderRequest& request) {
  return formatter(request.locale.empty() ? request.language : request.locale);
}

Result<RenderedDocument> DocumentRenderer::render(const dsl::Template& source,
                                                  const RenderRequest& request) {
  if (request.items.empty()) {
    return Error{"nothing to render: the document concerns no invoice"};
  }
  auto format = formatter(request);
  if (!format) return format.error();
  Filler filler(config_, late_interest_, **format, request, *evaluator_->interpreter);
  RenderedDocument document;
  document.language = request.language;
  document.locale = (*format)->locale();
  auto failed = [&](const Error& error) { return Error{source.file + ": " + error.message}; };
  if (source.subject) {
    BodyWriter subject;
    if (auto written = write_nodes(*source.subject, filler, subject); !written) {
      return failed(written.error());
    }
    std::string line;
    for (const Block& block : subject.finish()) {
      if (const auto* paragraph = std::get_if<Paragraph>(&block)) line += paragraph->text;
    }
    document.subject = std::move(line);
  }
  // A Markdown template's body is CommonMark; its subject line stays plain text.
  document.formatted = source.file.ends_with(".md");
  BodyWriter body(document.formatted);
  if (auto written = write_nodes(source.body, filler, body); !written) {
    return failed(written.error());
  }
  document.body = body.finish();
  return document;
}

}  // namespace dun

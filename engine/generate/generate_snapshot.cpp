#include "engine/generate/generate_snapshot.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "stdlib/money.hpp"
#include "stdlib/status.hpp"

namespace dun::generate {
namespace {

// The last column of customers and of invoices is a custom one (docs/gen.md), written only with
// GenerateOptions::custom_columns.
constexpr std::array<std::string_view, 12> kCustomerColumns = {
    "id",       "name",  "language", "country",   "currency",     "segment",
    "scenario", "email", "address",  "collector", "credit_limit", "autopay"};
constexpr std::array<std::string_view, 5> kContactColumns = {"customer_id", "name", "email",
                                                             "phone", "role"};
constexpr std::array<std::string_view, 4> kCollectorColumns = {"id", "name", "email", "phone"};
constexpr std::array<std::string_view, 14> kInvoiceColumns = {
    "id",     "customer_id", "number",   "kind",    "issue_date",   "due_date", "currency",
    "amount", "balance",     "disputed", "dunning", "promise_date", "pdf",      "payment_url"};

// The columns written: all, or all but the custom one.
template <std::size_t N>
std::span<const std::string_view> columns(const std::array<std::string_view, N>& all,
                                          bool custom_columns) {
  return std::span<const std::string_view>(all.data(), custom_columns ? N : N - 1);
}

// Custom columns are drawn from the row's index, not from the generator's random stream, so that
// asking for them changes nothing else in the portfolio. Every fourth customer that pays on time
// pays by direct debit; every fifth customer has no online payment page.
bool pays_by_autopay(const Customer& customer, std::size_t index) {
  return customer.behaviour == Behaviour::on_time && index % 4 == 0;
}
bool has_payment_page(std::size_t customer_index) { return customer_index % 5 != 0; }
constexpr std::string_view kPaymentPage = "https://pay.ourco.example/invoice/";

// Zero-padded decimal into a caller's buffer: "I" + 0000042 without a heap allocation.
std::string_view format_padded(char* buffer, std::string_view prefix, std::uint64_t number,
                               int width) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  const int length = static_cast<int>(end - digits);
  char* out = std::copy(prefix.begin(), prefix.end(), buffer);
  for (int i = length; i < width; ++i) *out++ = '0';
  out = std::copy(digits, end, out);
  return {buffer, static_cast<std::size_t>(out - buffer)};
}

// "INV-2025-0000042" (a credit note: "CN-…"): the issue year, then the same sequence as the id.
std::string_view format_number(char* buffer, const Invoice& invoice, std::size_t index, int width) {
  const YearMonthDay issue = Date::from_days(invoice.issue_day).ymd();
  char prefix[16];
  const std::string_view kind = invoice.credit_note ? "CN-" : "INV-";
  char* end = std::copy(kind.begin(), kind.end(), prefix);
  end = std::to_chars(end, prefix + sizeof prefix, issue.year).ptr;
  *end++ = '-';
  return format_padded(buffer, std::string_view(prefix, static_cast<std::size_t>(end - prefix)),
                       index + 1, width);
}

// "YYYY-MM-DD" into a caller's buffer: Date::to_string goes through snprintf, the slowest part of
// a row. Same text, from the same Date::ymd().
std::string_view format_date(char* buffer, Date date) {
  const YearMonthDay ymd = date.ymd();
  const auto put = [](char* at, int value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
  };
  put(buffer, ymd.year, 4);
  buffer[4] = '-';
  put(buffer + 5, ymd.month, 2);
  buffer[7] = '-';
  put(buffer + 8, ymd.day, 2);
  return {buffer, 10};
}

int invoice_id_width(const Portfolio& portfolio) {
  return std::max(7, static_cast<int>(std::to_string(portfolio.invoices.size()).size()));
}

Status each_sink(std::span<TableSink* const> sinks, auto&& action) {
  for (TableSink* sink : sinks) {
    if (auto done = action(*sink); !done) return done;
  }
  return Status::Ok();
}

void write_row(std::span<TableSink* const> sinks, std::span<const std::string_view> fields) {
  for (TableSink* sink : sinks) sink->write_row(fields);
}

Status write_table(std::span<TableSink* const> sinks, std::string_view name,
                   std::span<const std::string_view> columns, auto&& write_rows) {
  if (auto begun = each_sink(sinks, [&](TableSink& s) { return s.begin_table(name, columns); });
      !begun)
    return begun;
  write_rows();
  return each_sink(sinks, [](TableSink& s) { return s.end_table(); });
}

void write_customers(const Portfolio& portfolio, bool custom_columns,
                     std::span<TableSink* const> sinks) {
  for (std::size_t index = 0; index < portfolio.customers.size(); ++index) {
    const Customer& customer = portfolio.customers[index];
    const CountryInfo& country = country_info(customer.country);
    const std::string credit_limit =
        customer.credit_limit_minor > 0
            ? format_minor_units(customer.credit_limit_minor, customer.currency)
            : "";
    const std::array<std::string_view, kCustomerColumns.size()> fields = {
        customer.id,
        customer.name,
        country.language,
        country.code,
        customer.currency.code(),
        segment_name(customer.segment),
        customer.scenario,
        customer.email,
        customer.address,
        portfolio.collectors[customer.collector].id,
        credit_limit,
        pays_by_autopay(customer, index) ? "true" : "false"};
    write_row(sinks, std::span(fields.data(), custom_columns ? fields.size() : fields.size() - 1));
  }
}

void write_contacts(const Portfolio& portfolio, std::span<TableSink* const> sinks) {
  for (const Contact& contact : portfolio.contacts) {
    const std::array<std::string_view, kContactColumns.size()> fields = {
        portfolio.customers[contact.customer].id, contact.name, contact.email, contact.phone,
        contact.role};
    write_row(sinks, fields);
  }
}

void write_collectors(const Portfolio& portfolio, std::span<TableSink* const> sinks) {
  for (const Collector& collector : portfolio.collectors) {
    const std::array<std::string_view, kCollectorColumns.size()> fields = {
        collector.id, collector.name, collector.email, collector.phone};
    write_row(sinks, fields);
  }
}

void write_invoices(const Portfolio& portfolio, std::int32_t day,
                    std::span<const PdfReference> pdfs, bool custom_columns,
                    std::span<TableSink* const> sinks) {
  const int width = invoice_id_width(portfolio);
  auto next_pdf = pdfs.begin();
  char id_buffer[32];
  char number_buffer[48];
  for (std::size_t index = 0; index < portfolio.invoices.size(); ++index) {
    const Invoice& invoice = portfolio.invoices[index];
    while (next_pdf != pdfs.end() && next_pdf->invoice_index < index) ++next_pdf;
    const InvoiceState state = invoice_state_on(invoice, day);
    if (!state.exported) continue;
    const Currency currency = Currency::from_index(invoice.currency_index);
    const Date issue = Date::from_days(invoice.issue_day);
    // Short std::strings (amounts) stay in the small-string buffer: no allocation per row.
    char issue_text[10];
    char due_text[10];
    char promise_text[10];
    const std::string amount_text = format_minor_units(invoice.amount_minor, currency);
    const std::string balance_text = format_minor_units(state.balance_minor, currency);
    const std::string_view pdf = next_pdf != pdfs.end() && next_pdf->invoice_index == index
                                     ? std::string_view(next_pdf->relative_path)
                                     : std::string_view();
    const std::string_view id = format_padded(id_buffer, "I", index + 1, width);
    std::string payment_url;
    if (custom_columns && !invoice.credit_note && has_payment_page(invoice.customer)) {
      payment_url = std::string(kPaymentPage) + std::string(id);
    }
    const std::array<std::string_view, kInvoiceColumns.size()> fields = {
        id,
        portfolio.customers[invoice.customer].id,
        format_number(number_buffer, invoice, index, width),
        invoice.credit_note ? "credit_note" : "invoice",
        format_date(issue_text, issue),
        format_date(due_text, Date::from_days(invoice.due_day)),
        currency.code(),
        amount_text,
        balance_text,
        state.disputed ? "true" : "false",
        invoice.dunning ? "true" : "false",
        state.promise_date == kNever
            ? std::string_view()
            : format_date(promise_text, Date::from_days(state.promise_date)),
        pdf,
        payment_url};
    write_row(sinks, std::span(fields.data(), custom_columns ? fields.size() : fields.size() - 1));
  }
}

}  // namespace

InvoiceState invoice_state_on(const Invoice& invoice, std::int32_t day) {
  InvoiceState state;
  state.exported = invoice.issue_day <= day && (invoice.settled_day == kNever ||
                                                day < invoice.settled_day + kSettledItemKeptDays);
  if (day >= invoice.settled_day) {
    state.balance_minor = 0;
  } else if (day >= invoice.partial_day) {
    state.balance_minor =
        invoice.amount_minor - invoice.amount_minor * invoice.partial_per_mille / 1000;
  } else {
    state.balance_minor = invoice.amount_minor;
  }
  state.disputed = invoice.dispute_from <= day && day < invoice.dispute_until;
  if (invoice.promise_from <= day && state.balance_minor > 0)
    state.promise_date = invoice.promise_date;
  return state;
}

std::string invoice_id(const Portfolio& portfolio, std::size_t index) {
  char buffer[32];
  return std::string(format_padded(buffer, "I", index + 1, invoice_id_width(portfolio)));
}

std::string invoice_number(const Portfolio& portfolio, std::size_t index) {
  char buffer[48];
  return std::string(
      format_number(buffer, portfolio.invoices[index], index, invoice_id_width(portfolio)));
}

Status write_snapshot(const Portfolio& portfolio, Date day, std::span<const PdfReference> pdfs,
                      bool custom_columns, std::span<TableSink* const> sinks) {
  if (auto done = write_table(sinks, "customers", columns(kCustomerColumns, custom_columns),
                              [&] { write_customers(portfolio, custom_columns, sinks); });
      !done) {
    return done;
  }
  if (auto done = write_table(sinks, "contacts", kContactColumns,
                              [&] { write_contacts(portfolio, sinks); });
      !done) {
    return done;
  }
  if (auto done = write_table(sinks, "collectors", kCollectorColumns,
                              [&] { write_collectors(portfolio, sinks); });
      !done) {
    return done;
  }
  return write_table(sinks, "invoices", columns(kInvoiceColumns, custom_columns),
                     [&] { write_invoices(portfolio, day.days(), pdfs, custom_columns, sinks); });
}

}  // namespace dun::generate

#include "engine/generate/generate.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <vector>

#include "engine/generate/generate_csv.hpp"
#include "engine/generate/generate_model.hpp"
#include "engine/generate/generate_pdf.hpp"
#include "engine/generate/generate_snapshot.hpp"
#include "engine/generate/generate_sqlite.hpp"
#include "stdlib/money.hpp"
#include "stdlib/status.hpp"

namespace dun {
namespace {

using generate::Portfolio;

// A handful of attachments is enough for the adapters; a PDF per invoice would dwarf the data.
constexpr std::size_t kPdfCount = 6;

struct RenderedPdf {
  generate::PdfReference reference;
  std::string bytes;
};

// Invoices spread over the first snapshot, so several customers and languages get a PDF.
Result<std::vector<RenderedPdf>> render_pdfs(const Portfolio& portfolio) {
  std::vector<RenderedPdf> pdfs;
  const std::size_t count = std::min(kPdfCount, portfolio.initial_invoice_count);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t index = k * portfolio.initial_invoice_count / count;
    const generate::Invoice& invoice = portfolio.invoices[index];
    const generate::Customer& customer = portfolio.customers[invoice.customer];
    const Currency currency = Currency::from_index(invoice.currency_index);
    const Date issue = Date::from_days(invoice.issue_day);
    const std::string id = generate::invoice_id(portfolio, index);
    const std::string number = generate::invoice_number(portfolio, index);
    const std::string amount = format_minor_units(invoice.amount_minor, currency);
    const generate::InvoiceDocument document{generate::country_info(customer.country).language,
                                             invoice.credit_note,
                                             number,
                                             customer.name,
                                             customer.address,
                                             issue,
                                             Date::from_days(invoice.due_day),
                                             amount,
                                             currency.code()};
    auto bytes = generate::render_invoice_pdf(document);
    if (!bytes) return bytes.error();
    pdfs.push_back({{index, "pdf/" + id + ".pdf"}, std::move(bytes).value()});
  }
  return pdfs;
}

Status write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out)
    return Error{"cannot write " + path.string() + " (check that the --out directory is writable)"};
  return Status::Ok();
}

// One complete snapshot of `day` in `directory`: the PDFs of the invoices it holds, the CSV
// files and, when asked, snapshot.db and the custom columns.
Status write_snapshot_directory(const Portfolio& portfolio, Date day,
                                const std::filesystem::path& directory,
                                const std::vector<RenderedPdf>& rendered, bool sqlite,
                                bool custom_columns) {
  std::error_code error;
  std::filesystem::create_directories(directory / "pdf", error);
  if (error) {
    return Error{"cannot create " + (directory / "pdf").string() + ": " + error.message() +
                 " (check that --out names a directory you can write to)"};
  }
  std::vector<generate::PdfReference> references;
  for (const RenderedPdf& pdf : rendered) {
    if (!generate::invoice_state_on(portfolio.invoices[pdf.reference.invoice_index], day.days())
             .exported)
      continue;
    if (auto written = write_file(directory / pdf.reference.relative_path, pdf.bytes); !written)
      return written;
    references.push_back(pdf.reference);
  }
  generate::CsvSink csv(directory);
  std::vector<generate::TableSink*> sinks = {&csv};
  std::unique_ptr<generate::SqliteSink> database;
  if (sqlite) {
    auto opened = generate::SqliteSink::open(directory / "snapshot.db");
    if (!opened) return opened.error();
    database = std::move(opened).value();
    sinks.push_back(database.get());
  }
  return generate::write_snapshot(portfolio, day, references, custom_columns, sinks);
}

}  // namespace

Status validate(const GenerateOptions& options) {
  if (options.invoices == 0) return Error{"--invoices must be at least 1"};
  if (options.invoices > kMaxGeneratedInvoices) {
    return Error{"--invoices must be at most " + std::to_string(kMaxGeneratedInvoices)};
  }
  if (options.customers > options.invoices) {
    return Error{"--customers (" + std::to_string(options.customers) +
                 ") must not exceed --invoices (" + std::to_string(options.invoices) +
                 "): every customer has at least one invoice"};
  }
  if (options.days > kMaxGeneratedDays) {
    return Error{"--days must be at most " + std::to_string(kMaxGeneratedDays)};
  }
  // Invoices reach a year before the start and the days up to a year after: keep every date
  // inside the four-digit years of data-model.md.
  if (options.start < Date::from_ymd(1900, 1, 1) || options.start > Date::from_ymd(9000, 12, 31)) {
    return Error{"--start must be between 1900-01-01 and 9000-12-31"};
  }
  if (options.out_dir.empty()) return Error{"--out DIR is required"};
  return Status::Ok();
}

Result<GenerateReport> generate_portfolio(const GenerateOptions& options) {
  if (auto valid = validate(options); !valid) return valid.error();
  const std::uint64_t customers =
      options.customers > 0 ? options.customers : std::max<std::uint64_t>(1, options.invoices / 10);
  Portfolio portfolio;
  generate::build_customers(portfolio, customers, options.invoices, options.seed);
  const std::int32_t extra_days =
      options.days > 1 ? static_cast<std::int32_t>(options.days) - 1 : 0;
  generate::build_invoices(portfolio, options.start, extra_days, options.seed);
  auto pdfs = render_pdfs(portfolio);
  if (!pdfs) return pdfs.error();

  GenerateReport report;
  if (options.days == 0) {
    if (auto written = write_snapshot_directory(portfolio, options.start, options.out_dir, *pdfs,
                                                options.sqlite, options.custom_columns);
        !written) {
      return written.error();
    }
    report.snapshots = 1;
  }
  for (std::uint32_t offset = 0; offset < options.days; ++offset) {
    const Date day = options.start + static_cast<std::int32_t>(offset);
    if (auto written = write_snapshot_directory(portfolio, day, options.out_dir / day.to_string(),
                                                *pdfs, options.sqlite, options.custom_columns);
        !written) {
      return written.error();
    }
    ++report.snapshots;
  }
  report.customers = portfolio.customers.size();
  report.contacts = portfolio.contacts.size();
  report.collectors = portfolio.collectors.size();
  report.invoices = portfolio.invoices.size();
  report.pdfs = static_cast<std::uint32_t>(pdfs->size());
  return report;
}

void release_generator_caches() { generate::release_pdf_font_caches(); }

}  // namespace dun

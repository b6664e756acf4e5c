// Rendering emails (target >= 5,000 emails/s on one core): a shipped template filled
// with one customer's items, formatted by ICU, conditions evaluated by the interpreter, then
// built as MIME with the invoice PDFs read from the snapshot and base64-encoded. The portfolio
// is the golden-render fixture (4 customers, 4 languages); each email cycles to the next one.
#include <benchmark/benchmark.h>

#include "documents/compose_email.hpp"
#include "documents/invoice_pdf.hpp"
#include "documents/render_template.hpp"
#include "documents/template_library.hpp"
#include "engine/base/config.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "engine/snapshot/load_csv.hpp"

namespace {

const std::filesystem::path kSource = DUN_SOURCE_DIR;

struct Setup {
  dun::Config config = *dun::load_config(kSource / "tests/golden-render/dun.toml");
  dun::LoadedSnapshot snapshot = *dun::load_csv_snapshot(kSource / "tests/golden-render/snapshot");
  dun::Date today = *dun::Date::parse("2026-11-22");
  dun::CustomerAggregates aggregates =
      dun::compute_aggregates(snapshot.portfolio, today, config.rates);
  dun::PortfolioColumnsView columns{snapshot.portfolio, aggregates};
  dun::LateInterestRate rate = *dun::LateInterestRate::parse("ECB+10");
  dun::TemplateLibrary library{kSource / "scenarios/templates", "en"};
  std::vector<dun::RenderRequest> requests;

  Setup() {
    const dun::Portfolio& portfolio = snapshot.portfolio;
    for (dun::RowIndex customer = 0; customer < portfolio.customers.size(); ++customer) {
      dun::RenderRequest request;
      request.portfolio = &portfolio;
      request.aggregates = &aggregates;
      request.columns = &columns.columns();
      request.customer = customer;
      request.today = today;
      request.language =
          std::string(portfolio.symbols.text(portfolio.customers.language[customer]));
      for (dun::RowIndex row = 0; row < portfolio.invoices.size(); ++row) {
        if (portfolio.invoices.customer[row] == customer &&
            portfolio.invoices.due_date[row] < today.days() &&
            portfolio.invoices.kind[row] == dun::InvoiceKind::invoice) {
          request.items.push_back(row);
        }
      }
      requests.push_back(std::move(request));
    }
  }
};

void render_emails(benchmark::State& state, const char* template_name) {
  Setup setup;
  dun::DocumentRenderer renderer(setup.config, setup.rate);
  const std::filesystem::path folder = kSource / "tests/golden-render/snapshot";
  std::size_t n = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const dun::RenderRequest& request = setup.requests[n % setup.requests.size()];
    auto found = setup.library.find(template_name, request.language);
    auto document = renderer.render(*found->source, request);
    dun::EmailAction action{"action" + std::to_string(n), "", {"anna@ourco.example"}, {}};
    auto email = dun::compose_email(*document, request, setup.config, folder, action);
    if (!email) {
      state.SkipWithError(email.error().message.c_str());
      break;
    }
    bytes += email->size();
    benchmark::DoNotOptimize(email);
    ++n;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(n));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

// 100,000 emails, as the issue asks; items_per_second is emails per second.
void BM_RenderFirstReminderEmails(benchmark::State& state) {
  render_emails(state, "first_reminder");
}
BENCHMARK(BM_RenderFirstReminderEmails)->Iterations(100'000)->Unit(benchmark::kMicrosecond);

void BM_RenderFormalNoticeEmails(benchmark::State& state) { render_emails(state, "formal_notice"); }
BENCHMARK(BM_RenderFormalNoticeEmails)->Iterations(100'000)->Unit(benchmark::kMicrosecond);

}  // namespace

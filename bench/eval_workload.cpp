#include "bench/eval_workload.hpp"

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dsl/check.hpp"
#include "dsl/diagnostic_text.hpp"
#include "dsl/parse.hpp"
#include "engine/generate/generate.hpp"
#include "engine/portfolio/aggregate.hpp"
#include "engine/portfolio/portfolio_columns.hpp"
#include "engine/snapshot/load_csv.hpp"
#include "stdlib/money.hpp"

namespace dun::bench {

struct EvalPortfolio {
  Date today = Date::from_ymd(2026, 3, 2);
  RateTable rates{*Currency::from_code("EUR")};
  LoadedSnapshot snapshot;
  CustomerAggregates aggregates;
  std::unique_ptr<PortfolioColumnsView> view;
};

namespace {

std::unique_ptr<EvalPortfolio> build(std::uint32_t invoices, std::string& error) {
  auto portfolio = std::make_unique<EvalPortfolio>();
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("dun_eval_bench_" + std::to_string(::getpid()));
  GenerateOptions options;
  options.invoices = invoices;
  options.customers = invoices / 10;
  options.seed = 3;
  options.start = portfolio->today;
  options.out_dir = folder;
  const Result<GenerateReport> generated = generate_portfolio(options);
  if (!generated.ok()) {
    error = "dun gen: " + generated.error().message;
    return nullptr;
  }
  Result<LoadedSnapshot> loaded = load_csv_snapshot(folder);
  std::error_code ignored;
  std::filesystem::remove_all(folder, ignored);
  if (!loaded.ok()) {
    error = "loading the generated snapshot: " + loaded.error().message;
    return nullptr;
  }
  portfolio->snapshot = std::move(loaded).value();
  portfolio->rates.set_scaled(*Currency::from_code("USD"), 920'000'000);
  portfolio->rates.set_scaled(*Currency::from_code("GBP"), 1'170'000'000);
  portfolio->rates.set_scaled(*Currency::from_code("PLN"), 230'000'000);
  portfolio->aggregates =
      compute_aggregates(portfolio->snapshot.portfolio, portfolio->today, portfolio->rates);
  portfolio->view =
      std::make_unique<PortfolioColumnsView>(portfolio->snapshot.portfolio, portfolio->aggregates);
  return portfolio;
}

// A fixed mix per invoice (splitmix64 of its row), so every scenario sees the same states.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

const EvalPortfolio* eval_portfolio(std::uint32_t invoices, std::string& error) {
  static std::unique_ptr<EvalPortfolio> built;
  static std::string build_error;
  static bool tried = false;
  if (!tried) {
    tried = true;
    built = build(invoices, build_error);
  }
  error = build_error;
  return built.get();
}

const dsl::PortfolioColumns& columns(const EvalPortfolio& portfolio) {
  return portfolio.view->columns();
}
dsl::EvalEnvironment environment(const EvalPortfolio& portfolio) {
  return {&portfolio.rates, nullptr};
}
std::int32_t run_date(const EvalPortfolio& portfolio) { return portfolio.today.days(); }

EvalBatch::EvalBatch(const EvalPortfolio& portfolio, std::size_t step_count) {
  const dsl::PortfolioColumns& c = columns(portfolio);
  const std::int32_t today = run_date(portfolio);
  rows_.resize(c.invoice_count);
  status_.resize(c.invoice_count);
  flags_.resize(c.invoice_count);
  last_step_.resize(c.invoice_count);
  step_dates_.assign(std::size_t{c.invoice_count} * step_count, dsl::kNoDate);
  for (std::uint32_t row = 0; row < c.invoice_count; ++row) {
    rows_[row] = row;
    const std::uint64_t draw = mix(row);
    const std::uint64_t state = draw % 100;
    status_[row] = state < 20   ? dsl::SequenceStatus::none
                   : state < 95 ? dsl::SequenceStatus::active
                   : state < 99 ? dsl::SequenceStatus::closed
                                : dsl::SequenceStatus::stopped;
    const std::uint64_t flag_draw = (draw >> 8) % 100;
    flags_[row] = flag_draw < 3    ? dsl::kSequencePaused
                  : flag_draw < 8  ? dsl::kSequenceAwaiting
                  : flag_draw < 10 ? dsl::kSequenceActedToday
                                   : 0;
    const std::int64_t last = status_[row] == dsl::SequenceStatus::none
                                  ? -1
                                  : static_cast<std::int64_t>((draw >> 16) % (step_count + 1)) - 1;
    last_step_[row] = static_cast<std::int8_t>(last);
    for (std::int64_t k = 0; k <= last; ++k) {
      const auto gap =
          static_cast<std::int32_t>((last - k) * 10 + static_cast<std::int64_t>((draw >> 24) % 10));
      step_dates_[dsl::step_date_index(static_cast<std::size_t>(k), c.invoice_count, row)] =
          today - gap;
    }
  }
  input_.portfolio = &c;
  input_.rows = rows_.data();
  input_.row_count = c.invoice_count;
  input_.sequences = {status_.data(), flags_.data(), last_step_.data(), step_dates_.data()};
  input_.today = today;
  input_.environment = environment(portfolio);
}

std::unique_ptr<dsl::ir::Scenario> load_scenario(const std::string& path,
                                                 const std::string& templates_dir,
                                                 std::string& error) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const dsl::SourceFile source(path, text.str());
  dsl::Diagnostics diagnostics;
  const dsl::ast::File file = dsl::parse(source, diagnostics);
  dsl::CheckOptions options;
  options.templates_dir = templates_dir;
  dsl::CheckedFile checked = dsl::check(file, source, options, diagnostics);
  for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
    if (diagnostic.severity == dsl::Severity::error) error += dsl::render_text(diagnostic, &source);
  }
  if (!error.empty() || checked.scenarios.empty()) {
    if (error.empty()) error = path + ": no scenario";
    return nullptr;
  }
  return std::make_unique<dsl::ir::Scenario>(std::move(checked.scenarios[0]));
}

}  // namespace dun::bench

// Evaluation throughput (invoices per second, ns per invoice) of every back end of
// tests/difftest/backends.cpp — the interpreter, and the JIT once it is in that list — and of a
// hand-written C++ baseline, on a `dun gen` portfolio of 1,000,000 invoices (generated, written
// as CSV, loaded and aggregated by the real engine code) with sequence states spread over every
// step:
//   BM_Reference/<back end>        bench/reference.dun (the reference workload)
//   BM_Reference/baseline          the same logic hand-written (bench/reference_baseline.cpp)
//   BM_Shipped/<scenario>/<back end>   each scenarios/*.dun
// The baseline's decisions are compared with the interpreter's before it is timed.
// Run from a Release or RelWithDebInfo build: build/bench/eval_bench; bench/RESULTS.md has figures.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/eval_workload.hpp"
#include "bench/reference_baseline.hpp"
#include "tests/difftest/backends.hpp"
#include "tests/difftest/differential.hpp"

namespace dun::bench {
namespace {

constexpr std::uint32_t kInvoices = 1'000'000;
const std::string kSourceDir = DUN_SOURCE_DIR;

void report(benchmark::State& state, const std::vector<dsl::Decision>& decisions) {
  std::size_t fired = 0, held = 0, errors = 0, skips = 0;
  for (const dsl::Decision& d : decisions) {
    fired += d.outcome == dsl::Outcome::fire ? 1 : 0;
    held += d.outcome == dsl::Outcome::hold ? 1 : 0;
    errors += d.outcome == dsl::Outcome::error ? 1 : 0;
    skips += d.skipped_count;
  }
  const auto invoices = static_cast<double>(decisions.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(decisions.size()));
  // CPU time per invoice: an inverted rate of invoices, printed in seconds ("190ns").
  state.counters["time_per_invoice"] = benchmark::Counter(
      invoices, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["fired"] = static_cast<double>(fired);
  state.counters["held"] = static_cast<double>(held);
  state.counters["skips"] = static_cast<double>(skips);
  state.counters["errors"] = static_cast<double>(errors);
}

const EvalPortfolio* portfolio_or_skip(benchmark::State& state) {
  std::string error;
  const EvalPortfolio* portfolio = eval_portfolio(kInvoices, error);
  if (portfolio == nullptr) state.SkipWithError(error.c_str());
  return portfolio;
}

// One back end on one scenario file, over the whole portfolio.
void evaluate_scenario(benchmark::State& state, const std::string& path,
                       const std::string& templates, const difftest::BackendFactory& factory) {
  const EvalPortfolio* portfolio = portfolio_or_skip(state);
  if (portfolio == nullptr) return;
  std::string error;
  const auto scenario = load_scenario(path, templates, error);
  if (scenario == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  auto backend = factory.compile(*scenario);
  if (!backend.ok()) {
    state.SkipWithError(backend.error().message.c_str());
    return;
  }
  const EvalBatch batch(*portfolio, scenario->steps.size());
  std::vector<dsl::Decision> decisions(batch.input().row_count);
  for (auto _ : state) {
    backend.value()->evaluate(batch.input(), decisions);
    benchmark::DoNotOptimize(decisions.data());
    benchmark::ClobberMemory();
  }
  report(state, decisions);
}

// The hand-written baseline, after checking it decides exactly like the reference back end.
void evaluate_baseline(benchmark::State& state) {
  const EvalPortfolio* portfolio = portfolio_or_skip(state);
  if (portfolio == nullptr) return;
  std::string error;
  const auto scenario =
      load_scenario(kSourceDir + "/bench/reference.dun", kSourceDir + "/bench/templates", error);
  if (scenario == nullptr || scenario->steps.size() != kReferenceSteps) {
    state.SkipWithError(("bench/reference.dun: " + error).c_str());
    return;
  }
  const EvalBatch batch(*portfolio, kReferenceSteps);
  std::vector<dsl::Decision> expected(batch.input().row_count);
  std::vector<dsl::Decision> decisions(batch.input().row_count);
  auto reference = difftest::backend_factories().front().compile(*scenario);
  if (!reference.ok()) {
    state.SkipWithError(reference.error().message.c_str());
    return;
  }
  reference.value()->evaluate(batch.input(), expected);
  decide_reference_baseline(batch.input(), decisions);
  const auto differs = std::mismatch(expected.begin(), expected.end(), decisions.begin());
  if (differs.first != expected.end()) {
    const std::string message = "the baseline differs from the interpreter at row " +
                                std::to_string(differs.first - expected.begin()) + ": " +
                                difftest::describe_decision(*differs.second) + " instead of " +
                                difftest::describe_decision(*differs.first);
    state.SkipWithError(message.c_str());
    return;
  }
  for (auto _ : state) {
    decide_reference_baseline(batch.input(), decisions);
    benchmark::DoNotOptimize(decisions.data());
    benchmark::ClobberMemory();
  }
  report(state, decisions);
}

std::string label(std::string_view name) {
  std::string text(name);
  std::replace(text.begin(), text.end(), ' ', '_');
  return text;
}

// Registered at start-up: one benchmark per back end of the list, so that a new back end is
// measured without touching this file.
[[maybe_unused]] const bool registered = [] {
  for (const difftest::BackendFactory& factory : difftest::backend_factories()) {
    benchmark::RegisterBenchmark(("BM_Reference/" + label(factory.name)).c_str(),
                                 [&factory](benchmark::State& state) {
                                   evaluate_scenario(state, kSourceDir + "/bench/reference.dun",
                                                     kSourceDir + "/bench/templates", factory);
                                 })
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_Reference/baseline", evaluate_baseline)
      ->Unit(benchmark::kMillisecond);
  std::vector<std::filesystem::path> shipped;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + "/scenarios")) {
    if (entry.path().extension() == ".dun") shipped.push_back(entry.path());
  }
  std::sort(shipped.begin(), shipped.end());
  for (const std::filesystem::path& path : shipped) {
    for (const difftest::BackendFactory& factory : difftest::backend_factories()) {
      benchmark::RegisterBenchmark(
          ("BM_Shipped/" + path.stem().string() + "/" + label(factory.name)).c_str(),
          [path, &factory](benchmark::State& state) {
            evaluate_scenario(state, path.string(), kSourceDir + "/scenarios/templates", factory);
          })
          ->Unit(benchmark::kMillisecond);
    }
  }
  return true;
}();

}  // namespace
}  // namespace dun::bench

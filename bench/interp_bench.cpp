// Decisions per second of the reference interpreter over 1,000,000 synthetic invoices for the
// language.md §1 example scenario (scenarios/standard_b2b.dun), with the sequences spread over
// every step and state (not started, active at each step, paused, awaiting, closed), some USD
// invoices compared with EUR thresholds through a rate table, disputes, promises and credit notes.
#include <benchmark/benchmark.h>

#include "bench/synthetic_run.hpp"
#include "dsl/interp.hpp"

namespace dun::dsl {
namespace {

using bench::kInvoices;
using bench::SyntheticRun;

std::unique_ptr<ir::Scenario> load_example() {
  return bench::check_first_scenario(bench::read_source("scenarios/standard_b2b.dun"));
}

void BM_InterpretExampleScenario(benchmark::State& state) {
  const auto scenario = load_example();
  if (scenario == nullptr) {
    state.SkipWithError("scenarios/standard_b2b.dun does not check");
    return;
  }
  auto interpreter = Interpreter::create(*scenario);
  const SyntheticRun run(scenario->steps.size());
  std::vector<Decision> decisions(kInvoices);
  for (auto _ : state) {
    interpreter->evaluate(run.batch, decisions);
    benchmark::DoNotOptimize(decisions.data());
  }
  std::size_t fired = 0, errors = 0, skipped = 0;
  for (const Decision& d : decisions) {
    fired += d.outcome == Outcome::fire ? 1 : 0;
    errors += d.outcome == Outcome::error ? 1 : 0;
    skipped += d.skipped_count;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kInvoices);
  state.counters["seconds_per_invoice"] = benchmark::Counter(
      kInvoices, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["fired"] = static_cast<double>(fired);
  state.counters["skips"] = static_cast<double>(skipped);
  state.counters["errors"] = static_cast<double>(errors);
}
BENCHMARK(BM_InterpretExampleScenario)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace dun::dsl

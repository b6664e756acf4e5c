// The JIT's costs: generating and compiling each shipped scenario cold (target ≤ 30 ms), loading
// it from a warm object cache (target ≤ 3 ms), and the compiled batch loop on the issue's
// reference workload over 1,000,000 invoices (target ≤ 3 ns per invoice), next to the
// interpreter on the same batch.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "bench/synthetic_run.hpp"
#include "dsl/interp.hpp"
#include "dsl/jit.hpp"
#include "engine/base/temp_folder.hpp"

namespace dun::dsl {
namespace {

namespace fs = std::filesystem;

// The reference workload, from the one file the evaluation benchmarks also read.
const std::string kReferenceWorkload = [] {
  std::ifstream in(std::filesystem::path(DUN_SOURCE_DIR) / "bench/reference.dun");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}();

// Every scenario of scenarios/*.dun, checked (they are few: kept for the process's lifetime).
std::vector<std::unique_ptr<ir::Scenario>>& shipped_scenarios() {
  static std::vector<std::unique_ptr<ir::Scenario>> scenarios = [] {
    std::vector<std::unique_ptr<ir::Scenario>> loaded;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(fs::path(DUN_SOURCE_DIR) / "scenarios")) {
      if (entry.path().extension() == ".dun") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      auto scenario = bench::check_first_scenario(
          bench::read_source(fs::relative(file, DUN_SOURCE_DIR).string()));
      if (scenario != nullptr) loaded.push_back(std::move(scenario));
    }
    return loaded;
  }();
  return scenarios;
}

void compile_or_skip(benchmark::State& state, const ir::Scenario& scenario,
                     const JitOptions& options) {
  auto compiled = compile_jit(scenario, options);
  if (!compiled) state.SkipWithError(compiled.error().message.c_str());
  benchmark::DoNotOptimize(compiled);
}

// No cache: codegen, the IR pipeline, machine code, linking; --opt 2 (the default) or 3 (the wider
// first pass, docs/jit.md).
void BM_JitCompileCold(benchmark::State& state, const ir::Scenario* scenario, int opt_level) {
  JitOptions options;
  options.opt_level = opt_level;
  for (auto _ : state) compile_or_skip(state, *scenario, options);
}

void BM_JitLoadFromCache(benchmark::State& state, const ir::Scenario* scenario) {
  auto folder = make_temp_folder("dun-jit-bench");
  if (!folder) {
    state.SkipWithError(folder.error().message.c_str());
    return;
  }
  const fs::path cache_dir = *folder;
  JitOptions options;
  options.cache_dir = cache_dir;
  options.cache_key = "bench";
  compile_or_skip(state, *scenario, options);  // warms the cache
  const JitCacheStats before = jit_cache_stats();
  for (auto _ : state) compile_or_skip(state, *scenario, options);
  state.counters["hits"] = static_cast<double>(jit_cache_stats().hits - before.hits);
  fs::remove_all(cache_dir);
}

void report_per_invoice(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * bench::kInvoices);
  state.counters["time_per_invoice"] =
      benchmark::Counter(bench::kInvoices, benchmark::Counter::kIsIterationInvariantRate |
                                               benchmark::Counter::kInvert);
}

void BM_ReferenceWorkload(benchmark::State& state, bool jit) {
  const auto scenario = bench::check_first_scenario(kReferenceWorkload);
  if (scenario == nullptr) {
    state.SkipWithError("the reference workload does not check");
    return;
  }
  const bench::SyntheticRun run(scenario->steps.size());
  std::unique_ptr<CompiledScenario> evaluator;
  if (jit) {
    auto compiled = compile_jit(*scenario, JitOptions{});
    if (!compiled) {
      state.SkipWithError(compiled.error().message.c_str());
      return;
    }
    evaluator = std::move(compiled).value();
  } else {
    evaluator = std::make_unique<Interpreter>(Interpreter::create(*scenario).value());
  }
  std::vector<Decision> decisions(bench::kInvoices);
  for (auto _ : state) {
    evaluator->evaluate(run.batch, decisions);
    benchmark::DoNotOptimize(decisions.data());
  }
  report_per_invoice(state);
}

const bool kRegistered = [] {
  for (const auto& scenario : shipped_scenarios()) {
    benchmark::RegisterBenchmark(("BM_JitCompileCold/" + scenario->name).c_str(), BM_JitCompileCold,
                                 scenario.get(), 2)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_JitCompileCold/" + scenario->name + "/O3").c_str(),
                                 BM_JitCompileCold, scenario.get(), 3)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_JitLoadFromCache/" + scenario->name).c_str(),
                                 BM_JitLoadFromCache, scenario.get())
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_ReferenceWorkload/jit", BM_ReferenceWorkload, true)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_ReferenceWorkload/interp", BM_ReferenceWorkload, false)
      ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
}  // namespace dun::dsl

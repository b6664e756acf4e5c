// How fast `dun gen` writes a portfolio: the benchmarks of the other phases are fed by it, at
// up to 10M invoices. Reports invoices per second; the output goes to a temporary directory.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/generate/generate.hpp"

namespace {

void BM_GeneratePortfolio(benchmark::State& state) {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("dun_generate_bench_" + std::to_string(getpid()));
  dun::GenerateOptions options;
  options.invoices = static_cast<std::uint64_t>(state.range(0));
  options.sqlite = state.range(1) != 0;
  options.out_dir = out;
  for (auto _ : state) {
    const auto report = dun::generate_portfolio(options);
    if (!report) state.SkipWithError(report.error().message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  std::filesystem::remove_all(out);
}
BENCHMARK(BM_GeneratePortfolio)
    ->ArgsProduct({{100'000, 1'000'000}, {0, 1}})
    ->ArgNames({"invoices", "sqlite"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

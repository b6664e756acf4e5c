// What an editor waits for after a keystroke on a 5,000-line scenario file: the document parsed
// and checked exactly as `dun lsp` does (lsp::Analysis) and its diagnostics turned into LSP JSON;
// and `dun fmt` (the formatting request) on the same file. docs/editors.md records the figures.
#include <benchmark/benchmark.h>

#include <string>

#include "dsl/format.hpp"
#include "lsp/analysis.hpp"
#include "lsp/features.hpp"

namespace {

// One scenario of 1,001 steps: 5,009 lines.
std::string five_thousand_lines() {
  std::string text =
      "scenario big \"Big\"\n  step s\n    at invoice.due_date + 1 days\n    email "
      "\"first_reminder\"\n\n";
  for (int i = 0; i < 1000; ++i) {
    text += "  step s" + std::to_string(i) +
            "\n    at previous + 1 days\n    when invoice.balance > 0 EUR and "
            "customer.overdue_total >= 100 EUR\n    email \"first_reminder\"\n\n";
  }
  return text + "end\n";
}

void BM_LspDiagnostics5000Lines(benchmark::State& state) {
  const std::string text = five_thousand_lines();
  for (auto _ : state) {
    const dun::lsp::Analysis analysis("big.dun", text, {});
    benchmark::DoNotOptimize(dun::lsp::diagnostics_json(analysis).dump());
  }
}
BENCHMARK(BM_LspDiagnostics5000Lines)->Unit(benchmark::kMillisecond);

void BM_Format5000Lines(benchmark::State& state) {
  const dun::dsl::SourceFile source("big.dun", five_thousand_lines());
  for (auto _ : state) {
    dun::dsl::Diagnostics diagnostics;
    benchmark::DoNotOptimize(dun::dsl::format_source(source, diagnostics));
  }
}
BENCHMARK(BM_Format5000Lines)->Unit(benchmark::kMillisecond);

}  // namespace

// Parse + check of the language.md §1 example (target: well under 1 ms per file).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "dsl/check.hpp"
#include "dsl/parse.hpp"

namespace {

std::string example_text() {
  std::ifstream in(std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "standard_b2b.dun");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void BM_ParseAndCheckExample(benchmark::State& state) {
  const dun::dsl::SourceFile source("standard_b2b.dun", example_text());
  dun::dsl::CheckOptions options;
  options.templates_dir = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "templates";
  for (auto _ : state) {
    dun::dsl::Diagnostics diagnostics;
    const dun::dsl::ast::File file = dun::dsl::parse(source, diagnostics);
    dun::dsl::CheckedFile checked = dun::dsl::check(file, source, options, diagnostics);
    if (diagnostics.has_errors() || checked.scenarios.size() != 1) {
      state.SkipWithError("the example does not check cleanly");
      break;
    }
    benchmark::DoNotOptimize(checked);
  }
}
BENCHMARK(BM_ParseAndCheckExample)->Unit(benchmark::kMicrosecond);

void BM_CheckExampleWithoutTemplates(benchmark::State& state) {
  const dun::dsl::SourceFile source("standard_b2b.dun", example_text());
  dun::dsl::Diagnostics parse_diagnostics;
  const dun::dsl::ast::File file = dun::dsl::parse(source, parse_diagnostics);
  for (auto _ : state) {
    dun::dsl::Diagnostics diagnostics;
    dun::dsl::CheckedFile checked = dun::dsl::check(file, source, {}, diagnostics);
    benchmark::DoNotOptimize(checked);
  }
}
BENCHMARK(BM_CheckExampleWithoutTemplates)->Unit(benchmark::kMicrosecond);

// The template checks list the folder and read every language of each used template.
void BM_CheckExampleWithTemplates(benchmark::State& state) {
  const dun::dsl::SourceFile source("standard_b2b.dun", example_text());
  dun::dsl::Diagnostics parse_diagnostics;
  const dun::dsl::ast::File file = dun::dsl::parse(source, parse_diagnostics);
  dun::dsl::CheckOptions options;
  options.templates_dir = std::filesystem::path(DUN_SOURCE_DIR) / "scenarios" / "templates";
  for (auto _ : state) {
    dun::dsl::Diagnostics diagnostics;
    dun::dsl::CheckedFile checked = dun::dsl::check(file, source, options, diagnostics);
    benchmark::DoNotOptimize(checked);
  }
}
BENCHMARK(BM_CheckExampleWithTemplates)->Unit(benchmark::kMicrosecond);

}  // namespace

// Parser speed: the language.md §1 example (one scenario, two tests), and a file of 200 such
// scenarios for throughput.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "dsl/parse.hpp"

namespace {

std::string language_example() {
  std::ifstream in(DUN_SOURCE_DIR "/scenarios/standard_b2b.dun", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void parse_text(benchmark::State& state, const std::string& text) {
  const dun::dsl::SourceFile source("bench.dun", text);
  for (auto _ : state) {
    dun::dsl::Diagnostics diagnostics;
    dun::dsl::ast::File file = dun::dsl::parse(source, diagnostics);
    benchmark::DoNotOptimize(file);
    if (diagnostics.has_errors()) state.SkipWithError("the benchmark input does not parse");
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_ParseLanguageExample(benchmark::State& state) { parse_text(state, language_example()); }
BENCHMARK(BM_ParseLanguageExample);

void BM_Parse200Scenarios(benchmark::State& state) {
  const std::string example = language_example();
  std::string text;
  for (int i = 0; i < 200; ++i) {
    std::string copy = example;
    const std::string name = "standard_b2b";
    copy.replace(copy.find("scenario " + name) + 9, name.size(), name + "_" + std::to_string(i));
    text += copy + "\n";
  }
  parse_text(state, text);
}
BENCHMARK(BM_Parse200Scenarios);

}  // namespace

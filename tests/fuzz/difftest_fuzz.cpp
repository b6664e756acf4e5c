// libFuzzer target: the input bytes seed the scenario generator and the random batch
// (tests/difftest); the generated scenario must check, and every back end of
// tests/difftest/backends.cpp must make the reference interpreter's decisions. With the
// sanitizers on, it also hunts crashes, overflows and leaks in the checker and the back ends.
// A reported case replays with DUN_DIFFTEST_SEED=<seed> DUN_DIFFTEST_CASES=1 difftest_test.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "tests/difftest/backends.hpp"
#include "tests/difftest/differential.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Bytes 0–7: the seed (little endian); byte 8, when present: the expression depth (0–4).
  std::uint64_t seed = 0;
  for (std::size_t i = 0; i < size && i < 8; ++i) seed |= std::uint64_t{data[i]} << (8 * i);
  dun::difftest::GeneratorOptions options;
  if (size > 8) options.max_depth = data[8] % 5;
  const dun::difftest::CaseResult result =
      dun::difftest::run_case(seed, dun::difftest::backend_factories(), options);
  if (!result.agreed) {
    std::fprintf(stderr, "%s", result.report.c_str());
    std::abort();
  }
  return 0;
}

// The differential tests' source of randomness: a seeded splitmix64 generator with integer-only
// helpers, so a seed gives the same scenario and the same batch with every compiler and standard
// library (std::*_distribution differ between libraries; a reproducer must not).
#pragma once

#include <cstdint>
#include <iterator>

namespace dun::difftest {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) (bound > 0); the modulo bias is irrelevant for test data.
  std::uint64_t below(std::uint64_t bound) { return next() % bound; }
  // Uniform in [low, high].
  std::int64_t between(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low) + 1));
  }
  // True with probability percent / 100.
  bool percent(unsigned percent) { return below(100) < percent; }
  // One element of an array, std::array, span or vector.
  template <typename Items>
  const auto& pick(const Items& items) {
    return items[below(std::size(items))];
  }

 private:
  std::uint64_t state_;
};

// A seed for case `index` of a run seeded with `seed`: cases are independent, so one case can be
// replayed alone (DUN_DIFFTEST_SEED=<case seed> DUN_DIFFTEST_CASES=1).
inline std::uint64_t case_seed(std::uint64_t seed, std::uint64_t index) {
  Rng mix(seed ^ (index * 0xD1B54A32D192ED03ULL));
  return mix.next();
}

}  // namespace dun::difftest

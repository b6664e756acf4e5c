// The generator's own pseudo-random numbers. std::mt19937 is portable but the std::*_distribution
// classes are not (each standard library draws differently), and libm's pow/log may differ in the
// last bit between platforms: every draw here is integer arithmetic on xoshiro256** seeded through
// splitmix64, so a seed gives the same portfolio, byte for byte, everywhere.
//
// An Rng is a small value (its state is 32 bytes) and not thread-safe: each thread, and each
// part of the portfolio, draws from its own stream.
#pragma once

#include <cstdint>
#include <span>

namespace dun::generate {

// splitmix64: one step of the mixer, used to seed xoshiro and to derive independent streams.
std::uint64_t splitmix64(std::uint64_t& state);

class Rng {
 public:
  // `stream` separates the sequences used for different parts of the portfolio, so that adding a
  // draw for invoices does not shift every customer's name.
  Rng(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t next();
  // Uniform in [0, bound) (multiply-shift: the bias is below 2^-32 for our bounds).
  // REQUIRES: bound > 0.
  std::uint64_t below(std::uint64_t bound);
  // Uniform in [low, high], both included. REQUIRES: low <= high.
  std::int64_t between(std::int64_t low, std::int64_t high);
  // True with probability per_mille / 1000.
  bool chance(unsigned per_mille);
  // An index drawn with the given integer weights. REQUIRES: at least one weight is positive.
  std::size_t weighted(std::span<const unsigned> weights);
  // One element of `items`, a reference into it. REQUIRES: !items.empty().
  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

 private:
  std::uint64_t state_[4];
};

}  // namespace dun::generate

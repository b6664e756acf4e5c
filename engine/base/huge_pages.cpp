#include "engine/base/huge_pages.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace dun {

void advise_huge_pages(void* start, std::size_t bytes) {
  constexpr std::uintptr_t kHugePage = 2 << 20;
  if (bytes < 2 * kHugePage) return;  // too small to hold an aligned huge page worth having
  const auto begin = reinterpret_cast<std::uintptr_t>(start);
  const auto first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const auto last = (begin + bytes) & ~(kHugePage - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace dun

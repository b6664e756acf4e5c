#include "engine/base/huge_pages.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>

namespace dun {

void advise_huge_pages(void* start, std::size_t bytes) {
  constexpr std::uintptr_t kHugePage = 2 << 20;
  if (bytes < 2 * kHugePage) return;  // too small to hold an aligned huge page worth having
  const auto begin = reinterpret_cast<std::uintptr_t>(start);
  const auto first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const auto last = (begin + bytes) & ~(kHugePage - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

namespace {

constexpr std::string_view kHeapTunable = "glibc.malloc.hugetlb";

// The kernel's THP mode is "madvise": huge pages only where the process asks (the mode Debian
// ships). Under "always" the heap has them without asking; under "never" asking gives nothing.
bool huge_pages_on_request() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(mode, modes);
  return modes.find("[madvise]") != std::string::npos;
}

}  // namespace

std::optional<std::string> heap_huge_page_tunable(std::string_view tunables) {
  std::optional<std::string> value;
  while (!tunables.empty()) {
    const std::size_t end = tunables.find(':');
    const std::string_view tunable = tunables.substr(0, end);
    if (tunable.size() > kHeapTunable.size() && tunable.starts_with(kHeapTunable) &&
        tunable[kHeapTunable.size()] == '=') {
      value = std::string(tunable.substr(kHeapTunable.size() + 1));
    }
    if (end == std::string_view::npos) break;
    tunables.remove_prefix(end + 1);
  }
  return value;
}

std::string heap_huge_page_request() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables == nullptr) return "not requested (GLIBC_TUNABLES unset)";
  const auto value = heap_huge_page_tunable(tunables);
  return (value ? std::string(kHeapTunable) + "=" + *value : std::string("not requested")) +
         " (GLIBC_TUNABLES=" + tunables + ")";
}

void restart_with_huge_page_heap(char** argv) {
  const char* before = std::getenv("GLIBC_TUNABLES");
  const std::string tunables = before == nullptr ? "" : before;
  if (heap_huge_page_tunable(tunables) || !huge_pages_on_request()) return;
  const std::string with_heap =
      (tunables.empty() ? "" : tunables + ":") + std::string(kHeapTunable) + "=1";
  if (::setenv("GLIBC_TUNABLES", with_heap.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Still here: no /proc, or the binary is gone. Go on as started.
  if (before == nullptr) {
    ::unsetenv("GLIBC_TUNABLES");
  } else {
    ::setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
  }
}

}  // namespace dun

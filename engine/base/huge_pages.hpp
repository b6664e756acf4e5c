// Memory hints for the large, freshly allocated columns of a million-row portfolio: asking for
// transparent huge pages before the pages are first touched turns ~25k page faults and as many
// TLB misses into a few dozen. Hints only: results never depend on them, and without THP (or for
// small sizes) they do nothing. Safe from any thread.
//
// The whole heap on huge pages: glibc's allocator can advise MADV_HUGEPAGE itself on all the
// memory it takes from the kernel, and grow its heap by whole huge pages (its tunable
// glibc.malloc.hugetlb=1), which covers every allocation, not only the columns advised here. It
// reads its tunables once, from the environment, before `main`; so a process that wants them
// starts itself again with the tunable added (restart_with_huge_page_heap).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dun {

// REQUIRES: [start, start + bytes) is memory the caller allocated and still owns.
void advise_huge_pages(void* start, std::size_t bytes);

// vector.reserve(count), with the new capacity advised as above.
template <typename T>
void reserve_huge(std::vector<T>& vector, std::size_t count) {
  if (count <= vector.capacity()) return;
  vector.reserve(count);
  advise_huge_pages(vector.data(), vector.capacity() * sizeof(T));
}

// If GLIBC_TUNABLES does not name glibc.malloc.hugetlb yet and the kernel gives transparent huge
// pages on request (/sys/kernel/mm/transparent_hugepage/enabled is "madvise"), replaces the
// process with itself (/proc/self/exe, the same `argv`, the same pid and open files) with
// `glibc.malloc.hugetlb=1` added to the tunables the environment holds. Returns only when it did
// not: the tunable named already (set by this very restart, or by the user: `=0` keeps the heap
// on small pages), no THP on request, or the exec failed (the environment is then as it was).
// REQUIRES: called first thing in `main`, before any thread or open database exists.
void restart_with_huge_page_heap(char** argv);

// The value GLIBC_TUNABLES gives glibc.malloc.hugetlb in `tunables` (a colon-separated list of
// name=value), the last one if named twice (as glibc reads them); nullopt if not named.
std::optional<std::string> heap_huge_page_tunable(std::string_view tunables);

// What this process's environment asked of the heap, for a verbose log: "glibc.malloc.hugetlb=1"
// or "not requested", then the whole GLIBC_TUNABLES in parentheses.
std::string heap_huge_page_request();

}  // namespace dun

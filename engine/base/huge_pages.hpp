// Memory hints for the large, freshly allocated columns of a million-row portfolio: asking for
// transparent huge pages before the pages are first touched turns ~25k page faults and as many
// TLB misses into a few dozen. Hints only: results never depend on them, and without THP (or for
// small sizes) they do nothing. Safe from any thread.
#pragma once

#include <cstddef>
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

}  // namespace dun

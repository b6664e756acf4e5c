// Giving back the resident pages of a shared library the process is done with.
//
// RSS counts the file pages a process has mapped, not only the memory it allocated. A library
// whose code was touched once — LLVM's, ~40 MB of it, by its static initialisers and by the JIT's
// compilation of the scenarios — keeps those pages in the process's resident set for the whole
// run though nothing calls it again. Unmapping them (MADV_DONTNEED) leaves them in the kernel's
// page cache, shared and reclaimable; a later call into the library maps them again from there.
//
// Only mappings whose content is the file's as it is on disk are released: not writable, and
// without a private copy of any page (smaps' "Anonymous: 0 kB": no relocated data). Releasing
// them cannot change what the process reads, only what it has mapped. Linux only; elsewhere, or
// when /proc/self/smaps cannot be read, nothing is released. Safe while other threads run,
// including in the library itself (they fault its pages back in).
#pragma once

#include <cstddef>
#include <string_view>

namespace dun {

// Releases the unmodified mappings of every library whose file name starts with
// `file_name_prefix` (e.g. "libLLVM"). Returns the resident bytes they held.
std::size_t release_library_pages(std::string_view file_name_prefix);

// The resident bytes of those libraries' mappings now: `unmodified`, what release_library_pages
// would release; `modified`, what it keeps (writable mappings, relocated data).
struct LibraryResidency {
  std::size_t unmodified = 0;
  std::size_t modified = 0;
};
LibraryResidency library_residency(std::string_view file_name_prefix);

}  // namespace dun

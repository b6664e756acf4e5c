#include "engine/base/library_pages.hpp"

#include <sys/mman.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace dun {
namespace {

// One mapping of a library in /proc/self/smaps.
struct LibraryMapping {
  std::uintptr_t begin = 0;
  std::uintptr_t end = 0;
  bool writable = false;
  std::size_t resident_kb = 0;
  std::size_t anonymous_kb = 0;  // pages the process copied (relocations)

  // Its pages are the file's as on disk: releasing them cannot change what the process reads.
  bool unmodified() const { return !writable && anonymous_kb == 0; }
};

// "7f..-7f.. r-xp 00000000 fd:01 1234  /usr/lib/x86_64-linux-gnu/libLLVM.so.19.1": a mapping of
// a file whose name starts with `prefix`.
bool parse_header(const std::string& line, std::string_view prefix, LibraryMapping& mapping) {
  const std::size_t dash = line.find('-');
  const std::size_t space = line.find(' ');
  if (dash == std::string::npos || space == std::string::npos || dash > space) return false;
  if (space + 2 >= line.size()) return false;
  const std::size_t slash = line.rfind('/');
  if (slash == std::string::npos) return false;  // anonymous, [heap], [stack]…
  if (std::string_view(line).substr(slash + 1).substr(0, prefix.size()) != prefix) return false;
  mapping.begin = std::strtoull(line.c_str(), nullptr, 16);
  mapping.end = std::strtoull(line.c_str() + dash + 1, nullptr, 16);
  mapping.writable = line[space + 2] == 'w';
  return mapping.end > mapping.begin;
}

// "Rss:   1234 kB": the value of `key` in kB, if the line is that key's.
bool read_kb(const std::string& line, std::string_view key, std::size_t& kb) {
  if (line.compare(0, key.size(), key) != 0) return false;
  kb = std::strtoull(line.c_str() + key.size(), nullptr, 10);
  return true;
}

// The resident mappings of the libraries whose file name starts with `prefix`.
std::vector<LibraryMapping> library_mappings(std::string_view prefix) {
  std::vector<LibraryMapping> mappings;
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool in_library = false;
  LibraryMapping current;
  auto close_current = [&] {
    if (in_library && current.resident_kb > 0) mappings.push_back(current);
  };
  while (std::getline(smaps, line)) {
    // A mapping's header starts with its address range; the lines of its figures, with a key.
    if (!line.empty() && std::isxdigit(static_cast<unsigned char>(line[0])) &&
        line.find('-') < line.find(' ')) {
      close_current();
      current = LibraryMapping{};
      in_library = parse_header(line, prefix, current);
    } else if (in_library) {
      read_kb(line, "Rss:", current.resident_kb) ||
          read_kb(line, "Anonymous:", current.anonymous_kb);
    }
  }
  close_current();
  return mappings;
}

}  // namespace

LibraryResidency library_residency(std::string_view file_name_prefix) {
  LibraryResidency residency;
  for (const LibraryMapping& mapping : library_mappings(file_name_prefix)) {
    (mapping.unmodified() ? residency.unmodified : residency.modified) +=
        mapping.resident_kb * 1024;
  }
  return residency;
}

std::size_t release_library_pages(std::string_view file_name_prefix) {
  std::size_t kb = 0;
  for (const LibraryMapping& mapping : library_mappings(file_name_prefix)) {
    if (!mapping.unmodified()) continue;
    if (::madvise(reinterpret_cast<void*>(mapping.begin), mapping.end - mapping.begin,
                  MADV_DONTNEED) == 0) {
      kb += mapping.resident_kb;
    }
  }
  return kb * 1024;
}

}  // namespace dun

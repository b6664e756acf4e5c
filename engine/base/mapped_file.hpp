// MappedFile: a whole file mapped into memory, privately and writable, so the CSV tokenizer can
// rewrite an old Mac export's CR line endings in place without touching the file (copy-on-write,
// only for the pages it writes). Unmapped when the MappedFile is destroyed; views into it die
// with it.
//
// A MappedFile owns its mapping; moving it hands the mapping over (the spans stay valid), copying
// is not allowed. bytes() and every string_view made from it must not outlive the MappedFile.
// Not thread-safe for writing: while one thread rewrites bytes in place no other may read them.
// release() may run while other threads read bytes outside the released ones.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

#include "stdlib/result.hpp"

namespace dun {

class MappedFile {
 public:
  // How the caller will read the file: `whole`, every page front to back (read ahead of the
  // reader); `few_pages`, a few pages here and there (no read-ahead: only those are read from
  // disk and mapped, so opening and closing a big file costs next to nothing).
  enum class Reading { whole, few_pages };

  // Error names the file and the system's reason (missing, unreadable, a directory…).
  static Result<MappedFile> open(const std::filesystem::path& path,
                                 Reading reading = Reading::whole);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::span<char> bytes() const { return {data_, size_}; }

  // Gives the memory of the pages wholly inside [begin, end) back to the system
  // (MADV_DONTNEED), so that a file read front to back need not hold what has been read. The
  // mapping stays: a later read of those bytes maps the file's page again, as it is on disk, so
  // an edit made there in place (a rewritten line ending) is lost.
  // REQUIRES: begin <= end <= bytes().size(); nothing reads an in-place edit there afterwards.
  void release(std::size_t begin, std::size_t end);
  static std::size_t page_size();

 private:
  MappedFile(char* data, std::size_t size) : data_(data), size_(size) {}
  char* data_ = nullptr;  // nullptr for an empty file (mmap refuses length 0)
  std::size_t size_ = 0;
};

}  // namespace dun

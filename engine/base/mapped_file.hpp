// MappedFile: a whole file mapped into memory, privately and writable, so the CSV tokenizer can
// unescape quoted fields in place without touching the file (copy-on-write, only for the pages it
// writes). Unmapped when the MappedFile is destroyed; views into it die with it.
//
// A MappedFile owns its mapping; moving it hands the mapping over (the spans stay valid), copying
// is not allowed. bytes() and every string_view made from it must not outlive the MappedFile.
// Not thread-safe for writing: while one thread unescapes fields in place no other may read them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <span>

#include "stdlib/result.hpp"

namespace dun {

class MappedFile {
 public:
  // How the caller will read the file: `whole`, every page front to back (all are mapped at
  // once, in one call); `few_pages`, a few pages here and there (only those are ever read from
  // disk and mapped: opening and closing a big file then costs next to nothing).
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

 private:
  MappedFile(char* data, std::size_t size) : data_(data), size_(size) {}
  char* data_ = nullptr;  // nullptr for an empty file (mmap refuses length 0)
  std::size_t size_ = 0;
};

}  // namespace dun

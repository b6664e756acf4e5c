// TextColumn: n strings packed into one byte array, addressed by offsets. One allocation per
// column instead of one per string, and two plain arrays that generated code can read directly.
//
// Layout: string i is bytes[offsets[i] .. offsets[i + 1]). Invariants: offsets.size() == size()+1,
// offsets[0] == 0, offsets is non-decreasing, offsets.back() == bytes.size(). Strings are not
// NUL-terminated and may contain any bytes (the loaders only store valid UTF-8).
//
// The column owns its bytes. The string_views operator[] returns point into them: they stay
// valid until the column is changed (push_back, reserve) or destroyed (a move hands the same
// bytes to the new column).
// Not thread-safe for writing; concurrent reads of a column nobody writes are fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/base/huge_pages.hpp"

namespace dun {

class TextColumn {
 public:
  TextColumn() : offsets_{0} {}

  std::size_t size() const { return offsets_.size() - 1; }
  // REQUIRES: i < size().
  std::string_view operator[](std::size_t i) const {
    return {bytes_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }

  // Precondition: the column stays under 4 GiB (the loaders check before appending).
  void push_back(std::string_view text) {
    bytes_.insert(bytes_.end(), text.begin(), text.end());
    offsets_.push_back(static_cast<std::uint32_t>(bytes_.size()));
  }
  void reserve(std::size_t strings, std::size_t total_bytes) {
    reserve_huge(offsets_, strings + 1);
    reserve_huge(bytes_, total_bytes);
  }
  std::size_t byte_size() const { return bytes_.size(); }

  const std::vector<char>& bytes() const { return bytes_; }
  const std::vector<std::uint32_t>& offsets() const { return offsets_; }

 private:
  std::vector<char> bytes_;
  std::vector<std::uint32_t> offsets_;
};

}  // namespace dun

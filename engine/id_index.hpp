// IdIndex: the hash index from an id string to its row in a TextColumn of ids (customers by id,
// invoices by id). Open addressing with linear probing over one array of row numbers: 4 bytes a
// slot, no node per entry, so a million ids cost ~8 MB instead of ~60 MB for a node-based map.
//
// The index stores row numbers only; the caller passes the same id column to every call (the
// index never holds a pointer to it, so a Portfolio stays copyable and movable). Not thread-safe
// for writing.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/text_column.hpp"

namespace dun {

class IdIndex {
 public:
  void reserve(const TextColumn& ids, std::size_t expected_rows);
  std::optional<std::uint32_t> find(const TextColumn& ids, std::string_view id) const;
  // Indexes ids[row]. Returns the row already holding that id instead (and indexes nothing) when
  // the id is a duplicate.
  std::optional<std::uint32_t> insert(const TextColumn& ids, std::uint32_t row);
  std::size_t size() const { return count_; }

 private:
  static constexpr std::uint32_t kEmptySlot = 0;  // slots hold row + 1
  void rehash(const TextColumn& ids, std::size_t slot_count);
  std::size_t slot_of(std::string_view id) const;

  std::vector<std::uint32_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace dun

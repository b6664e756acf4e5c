// IdIndex: the hash index from an id string to its row in a TextColumn of ids (customers by id,
// invoices by id). Open addressing with linear probing over one array of 8-byte slots, each the
// row number plus 32 bits of the id's hash: no node per entry (a million ids cost 16 MB, not the
// ~60 MB of a node-based map), and a probe only reads the id text when the hash bits match, so
// a lookup usually costs one cache miss.
//
// The index stores row numbers only; the caller passes the same id column to every call (the
// index never holds a pointer to it, so a Portfolio stays copyable and movable). Not thread-safe
// for writing; concurrent finds while nobody inserts are fine.
//
// REQUIRES (every call that takes `ids`): `ids` is the column the index was built over, with
// every indexed row still in it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/base/text_column.hpp"

namespace dun {

class IdIndex {
 public:
  static std::uint64_t hash(std::string_view id);

  void reserve(const TextColumn& ids, std::size_t expected_rows);
  std::optional<std::uint32_t> find(const TextColumn& ids, std::string_view id) const {
    return find(ids, id, hash(id));
  }
  // `id_hash` must be hash(id): callers that also insert compute it once.
  std::optional<std::uint32_t> find(const TextColumn& ids, std::string_view id,
                                    std::uint64_t id_hash) const;
  // Starts loading the slot a lookup of this hash begins at (a hint; no effect on results).
  void prefetch(std::uint64_t id_hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[id_hash & (slots_.size() - 1)]);
  }
  // Indexes ids[row], whose hash is `id_hash`. Precondition: no indexed row has the same id
  // (check with find first).
  void insert(const TextColumn& ids, std::uint32_t row, std::uint64_t id_hash);
  std::size_t size() const { return count_; }

 private:
  static constexpr std::uint64_t kEmptySlot = 0;  // slots hold (hash tag << 32) | (row + 1)
  void rehash(const TextColumn& ids, std::size_t slot_count);
  void place(std::uint64_t slot_value, std::uint64_t id_hash);

  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
};

}  // namespace dun

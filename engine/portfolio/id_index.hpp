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

#include <algorithm>
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
  // Looks up each of `keys` in order, calling found(k, row) for keys[k] at `row` of `ids` and
  // missing(k) for one not indexed: what find() answers, but a few dozen lookups at a time, so
  // that their cache misses overlap instead of following one another. A lookup is three dependent
  // misses once the index outgrows the cache (its slot, then the id's offset, then its text): at
  // 10M invoices the slots are 256 MB, and one lookup after the other waits for each.
  template <typename Found, typename Missing>
  void find_each(const TextColumn& ids, const TextColumn& keys, Found&& found,
                 Missing&& missing) const;
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

template <typename Found, typename Missing>
void IdIndex::find_each(const TextColumn& ids, const TextColumn& keys, Found&& found,
                        Missing&& missing) const {
  constexpr std::size_t kBatch = 32;
  std::uint64_t hashes[kBatch];
  const std::size_t mask = slots_.empty() ? 0 : slots_.size() - 1;
  const std::uint32_t* offsets = ids.offsets().data();
  const char* bytes = ids.bytes().data();
  for (std::size_t first = 0; first < keys.size(); first += kBatch) {
    const std::size_t count = std::min(kBatch, keys.size() - first);
    // Hints only, in three rounds, each fetching what the one before found: the results come
    // from find() below, whatever the hints fetched.
    for (std::size_t k = 0; k < count; ++k) {
      hashes[k] = hash(keys[first + k]);
      prefetch(hashes[k]);
    }
    if (!slots_.empty()) {
      // The first slot of each probe; its row, when the tag matches, is most likely the id's.
      std::uint32_t candidates[kBatch];
      for (std::size_t k = 0; k < count; ++k) {
        const std::uint64_t entry = slots_[hashes[k] & mask];
        const bool match = entry != kEmptySlot && ((entry ^ hashes[k]) >> 32) == 0;
        candidates[k] = match ? static_cast<std::uint32_t>(entry) - 1 : ~std::uint32_t{0};
        if (match) __builtin_prefetch(offsets + candidates[k]);
      }
      for (std::size_t k = 0; k < count; ++k) {
        if (candidates[k] != ~std::uint32_t{0}) __builtin_prefetch(bytes + offsets[candidates[k]]);
      }
    }
    for (std::size_t k = 0; k < count; ++k) {
      if (const auto row = find(ids, keys[first + k], hashes[k])) {
        found(first + k, *row);
      } else {
        missing(first + k);
      }
    }
  }
}

}  // namespace dun

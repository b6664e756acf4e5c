#include "engine/id_index.hpp"

#include <bit>
#include <functional>
#include <utility>

namespace dun {

std::size_t IdIndex::slot_of(std::string_view id) const {
  return std::hash<std::string_view>{}(id) & (slots_.size() - 1);
}

void IdIndex::reserve(const TextColumn& ids, std::size_t expected_rows) {
  // Keep the load factor at or under one half so probe sequences stay short.
  const std::size_t wanted = std::bit_ceil(expected_rows * 2 + 2);
  if (wanted > slots_.size()) rehash(ids, wanted);
}

void IdIndex::rehash(const TextColumn& ids, std::size_t slot_count) {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(slot_count, kEmptySlot);
  for (const std::uint32_t entry : old) {
    if (entry == kEmptySlot) continue;
    std::size_t slot = slot_of(ids[entry - 1]);
    while (slots_[slot] != kEmptySlot) slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = entry;
  }
}

std::optional<std::uint32_t> IdIndex::find(const TextColumn& ids, std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  for (std::size_t slot = slot_of(id);; slot = (slot + 1) & (slots_.size() - 1)) {
    const std::uint32_t entry = slots_[slot];
    if (entry == kEmptySlot) return std::nullopt;
    if (ids[entry - 1] == id) return entry - 1;
  }
}

std::optional<std::uint32_t> IdIndex::insert(const TextColumn& ids, std::uint32_t row) {
  if ((count_ + 1) * 2 > slots_.size()) rehash(ids, std::bit_ceil((count_ + 1) * 4));
  const std::string_view id = ids[row];
  std::size_t slot = slot_of(id);
  for (; slots_[slot] != kEmptySlot; slot = (slot + 1) & (slots_.size() - 1)) {
    if (ids[slots_[slot] - 1] == id) return slots_[slot] - 1;
  }
  slots_[slot] = row + 1;
  ++count_;
  return std::nullopt;
}

}  // namespace dun

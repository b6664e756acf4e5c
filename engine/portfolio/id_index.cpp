#include "engine/portfolio/id_index.hpp"

#include <bit>
#include <functional>
#include <utility>

#include "engine/base/huge_pages.hpp"

namespace dun {
namespace {

constexpr std::uint64_t kRowMask = 0xFFFF'FFFFu;

std::uint64_t tag_of(std::uint64_t id_hash) { return id_hash & ~kRowMask; }

}  // namespace

std::uint64_t IdIndex::hash(std::string_view id) { return std::hash<std::string_view>{}(id); }

void IdIndex::reserve(const TextColumn& ids, std::size_t expected_rows) {
  // Keep the load factor at or under one half so probe sequences stay short.
  const std::size_t wanted = std::bit_ceil(expected_rows * 2 + 2);
  if (wanted > slots_.size()) rehash(ids, wanted);
}

void IdIndex::place(std::uint64_t slot_value, std::uint64_t id_hash) {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = id_hash & mask;
  while (slots_[slot] != kEmptySlot) slot = (slot + 1) & mask;
  slots_[slot] = slot_value;
}

void IdIndex::rehash(const TextColumn& ids, std::size_t slot_count) {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_ = {};
  // Lookups land on random slots: with 4 KiB pages nearly each is a TLB miss as well.
  reserve_huge(slots_, slot_count);
  slots_.assign(slot_count, kEmptySlot);
  for (const std::uint64_t entry : old) {
    if (entry == kEmptySlot) continue;
    place(entry, hash(ids[(entry & kRowMask) - 1]));
  }
}

std::optional<std::uint32_t> IdIndex::find(const TextColumn& ids, std::string_view id,
                                           std::uint64_t id_hash) const {
  if (slots_.empty()) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t tag = tag_of(id_hash);
  for (std::size_t slot = id_hash & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t entry = slots_[slot];
    if (entry == kEmptySlot) return std::nullopt;
    if (tag_of(entry) != tag) continue;
    const auto row = static_cast<std::uint32_t>((entry & kRowMask) - 1);
    if (ids[row] == id) return row;
  }
}

void IdIndex::insert(const TextColumn& ids, std::uint32_t row, std::uint64_t id_hash) {
  if ((count_ + 1) * 2 > slots_.size()) rehash(ids, std::bit_ceil((count_ + 1) * 4));
  place(tag_of(id_hash) | (static_cast<std::uint64_t>(row) + 1), id_hash);
  ++count_;
}

}  // namespace dun

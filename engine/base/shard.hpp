// Sharding by customer (docs/scale-out.md): `--shard K/N` runs only the customers whose stable
// hash falls in shard K of N, against a state store of its own. Customers never interact
// (grouping, aggregates and every table of the state store are per customer or per invoice), so
// the union of the shards' work is the work of one unsharded run.
//
// The hash is part of the on-disk contract: a customer must stay in its shard across versions,
// platforms and other implementations (a Dask or Slurm driver may route by it). It is 64-bit
// FNV-1a over the id's UTF-8 bytes, modulo N; tests/shard_test.cpp pins its values.
//
// Shard is a plain value and the functions are pure: safe from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "stdlib/result.hpp"

namespace dun {

// 64-bit FNV-1a: offset basis 0xcbf29ce484222325, prime 0x100000001b3, one byte at a time.
constexpr std::uint64_t shard_hash(std::string_view customer_id) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char byte : customer_id) {
    hash ^= static_cast<std::uint8_t>(byte);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

struct Shard {
  std::uint32_t index = 0;  // K, 0-based: 0 .. count - 1
  std::uint32_t count = 1;  // N

  bool owns(std::string_view customer_id) const {
    return count <= 1 || shard_hash(customer_id) % count == index;
  }
  bool sharded() const { return count > 1; }
  // "3-of-8": what the shard's files carry before their extension.
  std::string label() const;
  // "3/8": how the flag is written.
  std::string flag_text() const;
  friend bool operator==(const Shard&, const Shard&) = default;
};

// "K/N" with 0 <= K < N and 1 <= N <= kMaxShards; anything else fails with the range.
inline constexpr std::uint32_t kMaxShards = 4096;
Result<Shard> parse_shard(std::string_view text);

// The shard's own file beside `path`: "dun.db" -> "dun.3-of-8.db", "actions.jsonl" ->
// "actions.3-of-8.jsonl", "state" -> "state.3-of-8". Unsharded (N = 1): `path` itself.
// REQUIRES: shard.index < shard.count (what parse_shard returns).
std::filesystem::path shard_path(const std::filesystem::path& path, const Shard& shard);

}  // namespace dun

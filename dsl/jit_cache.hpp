// Internal to the JIT (dsl/jit.hpp, docs/jit.md): the on-disk object cache. One file per key,
// named by a hash of the key, holding
//
//   "DUNJITC1"   magic (8 bytes)
//   u32          format version (1)
//   u32          key size
//   u64          object size
//   u64          XXH3-64 of key bytes + object bytes
//   key bytes    the full key, so that a hash collision of file names is a miss, not a wrong hit
//   object bytes the relocatable object file LLVM produced
//
// (integers little-endian). An entry whose size, magic, key or checksum does not match is
// "rejected": the caller compiles again and overwrites it. Entries are written to a temporary
// file and renamed into place, so readers never see a half-written entry.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace dun::dsl::jit {

enum class CacheLookup { hit, miss, rejected };

struct CacheEntry {
  CacheLookup status = CacheLookup::miss;
  std::string object;  // on a hit
};

std::filesystem::path cache_entry_path(const std::filesystem::path& dir, std::string_view key);
CacheEntry read_cache_entry(const std::filesystem::path& dir, std::string_view key);
// False when the entry could not be written (the folder is read-only, the disk full, …).
bool write_cache_entry(const std::filesystem::path& dir, std::string_view key,
                       std::string_view object);

}  // namespace dun::dsl::jit

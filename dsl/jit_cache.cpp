#include "dsl/jit_cache.hpp"

#include <llvm/Support/xxhash.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "stdlib/read_file.hpp"

namespace dun::dsl::jit {
namespace {

constexpr std::string_view kMagic = "DUNJITC1";
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = 8 + 4 + 4 + 8 + 8;

std::uint64_t checksum(std::string_view key, std::string_view object) {
  std::string bytes;
  bytes.reserve(key.size() + object.size());
  bytes.append(key).append(object);
  return llvm::xxh3_64bits(llvm::ArrayRef<std::uint8_t>(
      reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

template <typename Int>
void put(std::string& out, Int value) {
  for (std::size_t i = 0; i < sizeof(Int); ++i) {
    out.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xFF));
  }
}

template <typename Int>
Int get(std::string_view in, std::size_t offset) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < sizeof(Int); ++i) {
    value |= std::uint64_t{static_cast<unsigned char>(in[offset + i])} << (8 * i);
  }
  return static_cast<Int>(value);
}

}  // namespace

std::filesystem::path cache_entry_path(const std::filesystem::path& dir, std::string_view key) {
  const std::uint64_t hash = llvm::xxh3_64bits(
      llvm::ArrayRef<std::uint8_t>(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()));
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.dunjit", static_cast<unsigned long long>(hash));
  return dir / name;
}

CacheEntry read_cache_entry(const std::filesystem::path& dir, std::string_view key) {
  const auto read = read_file(cache_entry_path(dir, key));
  if (!read) return {};
  const std::string& file = read.value();
  CacheEntry rejected{CacheLookup::rejected, {}};
  if (file.size() < kHeaderSize || std::string_view(file).substr(0, 8) != kMagic) return rejected;
  if (get<std::uint32_t>(file, 8) != kFormatVersion) return rejected;
  const auto key_size = get<std::uint32_t>(file, 12);
  const auto object_size = get<std::uint64_t>(file, 16);
  if (key_size != key.size() || file.size() - kHeaderSize != key_size + object_size) {
    return rejected;
  }
  const std::string_view stored_key = std::string_view(file).substr(kHeaderSize, key_size);
  const std::string_view object = std::string_view(file).substr(kHeaderSize + key_size);
  if (stored_key != key || checksum(stored_key, object) != get<std::uint64_t>(file, 24)) {
    return rejected;
  }
  return {CacheLookup::hit, std::string(object)};
}

bool write_cache_entry(const std::filesystem::path& dir, std::string_view key,
                       std::string_view object) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return false;
  std::string bytes(kMagic);
  put(bytes, kFormatVersion);
  put(bytes, static_cast<std::uint32_t>(key.size()));
  put(bytes, static_cast<std::uint64_t>(object.size()));
  put(bytes, checksum(key, object));
  bytes.append(key).append(object);
  // A name no other writer uses (process and thread), renamed into place when complete.
  static std::atomic<unsigned> counter{0};
  std::ostringstream temporary_name;
  temporary_name << cache_entry_path(dir, key).filename().string() << ".tmp." << ::getpid() << "."
                 << std::hash<std::thread::id>{}(std::this_thread::get_id()) << "." << counter++;
  const std::filesystem::path temporary = dir / temporary_name.str();
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      std::filesystem::remove(temporary, error);
      return false;
    }
  }
  std::filesystem::rename(temporary, cache_entry_path(dir, key), error);
  if (!error) return true;
  std::filesystem::remove(temporary, error);
  return false;
}

}  // namespace dun::dsl::jit

#include "engine/base/fingerprint.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <new>
#include <vector>

namespace dun {

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  // EVP_Digest with SHA-256 fails only when memory runs out, which dun does not report as an
  // expected failure: treat it like any other out-of-memory.
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1) {
    throw std::bad_alloc();
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

Result<std::string> snapshot_fingerprint(const std::filesystem::path& snapshot) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(snapshot, error)) {
    for (const auto& entry : std::filesystem::directory_iterator(snapshot, error)) {
      if (entry.path().extension() == ".csv") files.push_back(entry.path());
    }
  } else {
    files.push_back(snapshot);
  }
  if (error) return Error{snapshot.string() + ": " + error.message()};
  std::sort(files.begin(), files.end());
  std::string identity;
  for (const auto& file : files) {
    const auto size = std::filesystem::file_size(file, error);
    const auto modified = std::filesystem::last_write_time(file, error);
    if (error) return Error{file.string() + ": " + error.message()};
    identity += file.filename().string() + '\0' + std::to_string(size) + '\0' +
                std::to_string(modified.time_since_epoch().count()) + '\n';
  }
  return sha256_hex(identity);
}

}  // namespace dun

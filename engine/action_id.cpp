#include "engine/action_id.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <new>
#include <string_view>
#include <vector>

namespace dun {

namespace {

constexpr std::string_view kEncodingVersion = "dun-action-id/1";
constexpr std::size_t kIdBytes = 16;  // 128 bits: collisions are out of reach for any portfolio

void append_number(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

void append_field(std::string& out, std::string_view field) {
  append_number(out, field.size());
  out.append(field);
}

std::string canonical_encoding(const ActionKey& key) {
  std::vector<std::string_view> invoices(key.invoices.begin(), key.invoices.end());
  std::sort(invoices.begin(), invoices.end());
  invoices.erase(std::unique(invoices.begin(), invoices.end()), invoices.end());

  std::string out;
  append_field(out, kEncodingVersion);
  append_field(out, key.fired_on.to_string());
  append_field(out, key.scenario);
  append_field(out, key.step);
  append_number(out, static_cast<std::uint64_t>(key.position));
  append_field(out, key.customer);
  append_number(out, invoices.size());
  for (std::string_view invoice : invoices) append_field(out, invoice);
  return out;
}

}  // namespace

std::string make_action_id(const ActionKey& key) {
  const std::string encoded = canonical_encoding(key);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  // EVP_Digest with SHA-256 can only fail on allocation failure, which is not an expected failure
  // dun reports: treat it like any other out-of-memory.
  if (EVP_Digest(encoded.data(), encoded.size(), digest.data(), &digest_size, EVP_sha256(),
                 nullptr) != 1) {
    throw std::bad_alloc();
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string id;
  id.reserve(kIdBytes * 2);
  for (std::size_t i = 0; i < kIdBytes; ++i) {
    id.push_back(kHex[digest[i] >> 4]);
    id.push_back(kHex[digest[i] & 0x0F]);
  }
  return id;
}

}  // namespace dun

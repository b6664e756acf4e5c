#include "engine/model/action_id.hpp"

#include "engine/base/fingerprint.hpp"

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
  return sha256_hex(canonical_encoding(key)).substr(0, kIdBytes * 2);
}

}  // namespace dun

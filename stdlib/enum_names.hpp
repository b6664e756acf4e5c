// Enum <-> word tables: an enum's words are listed once, in the order of its enumerators.
// Pure functions over constant tables: safe from any thread.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace dun {

// REQUIRES: `value` is one of Enum's enumerators, so its index is below N.
template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, Enum value) {
  return names[static_cast<std::size_t>(value)];
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_by_name(const std::array<std::string_view, N>& names,
                                  std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace dun

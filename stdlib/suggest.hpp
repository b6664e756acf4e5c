// "Did you mean …?" for near-miss names: the closest candidate by edit distance, if close enough
// to be a plausible typo.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dun {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` when its distance is at most max(1, word.size() / 3);
// ties go to the earlier candidate. nullopt when nothing is close.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);

}  // namespace dun

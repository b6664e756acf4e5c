// How the checker answers an unknown name: the close candidate, else the list to choose from.
#include <string>

#include "dsl/check_context.hpp"
#include "stdlib/suggest.hpp"

namespace dun::dsl::check_detail {

std::string suggest_or_list(std::string_view word, std::span<const std::string_view> candidates,
                            std::string_view intro) {
  if (auto close = closest_match(word, candidates)) return "; did you mean '" + *close + "'?";
  if (candidates.empty()) return "";
  std::string listing = " (" + std::string(intro) + ":";
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    listing += (i == 0 ? " " : ", ") + std::string(candidates[i]);
  }
  return listing + ")";
}

}  // namespace dun::dsl::check_detail

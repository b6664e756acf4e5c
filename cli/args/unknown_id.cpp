#include "cli/args/unknown_id.hpp"

#include "stdlib/suggest.hpp"

namespace dun::cli {

std::string unknown_id(std::string_view what, std::string_view id, std::string_view where,
                       std::span<const std::string_view> candidates) {
  std::string message =
      "no " + std::string(what) + " '" + std::string(id) + "' in " + std::string(where);
  if (auto close = closest_match(id, candidates)) message += "; did you mean '" + *close + "'?";
  return message;
}

std::string unknown_id(std::string_view what, std::string_view id, std::string_view where,
                       const std::vector<std::string>& candidates) {
  const std::vector<std::string_view> views(candidates.begin(), candidates.end());
  return unknown_id(what, id, where, views);
}

std::string unknown_id(std::string_view what, std::string_view id, std::string_view where,
                       const TextColumn& candidates) {
  std::vector<std::string_view> views;
  views.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) views.push_back(candidates[i]);
  return unknown_id(what, id, where, views);
}

}  // namespace dun::cli

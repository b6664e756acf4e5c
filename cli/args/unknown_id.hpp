// The message for an id dun does not know, with the closest known one (stdlib/suggest.hpp):
// "no invoice 'INV-1O' in the snapshot snap/; did you mean 'INV-10'?".
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/text_column.hpp"

namespace dun::cli {

std::string unknown_id(std::string_view what, std::string_view id, std::string_view where,
                       std::span<const std::string_view> candidates);
std::string unknown_id(std::string_view what, std::string_view id, std::string_view where,
                       const std::vector<std::string>& candidates);
std::string unknown_id(std::string_view what, std::string_view id, std::string_view where,
                       const TextColumn& candidates);

}  // namespace dun::cli

// What a workspace account may be called: the history records it after "by", so letters, digits
// and . _ - @ only, at most 64 characters.
#pragma once

#include <optional>
#include <string>

namespace dun::cli {

// Why `name` cannot be a user name, or nothing when it can.
std::optional<std::string> user_name_problem(const std::string& name);

}  // namespace dun::cli

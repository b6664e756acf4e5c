// An account of the collectors' workspace (`dun users`, `dun serve`): a name, a role, and the
// password's Argon2id hash in libsodium's encoded form (the password itself is never kept).
//
// A plain value that owns its strings; nothing synchronises it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "stdlib/date.hpp"

namespace dun {

// What an account may do in the workspace: a collector acts on the agenda and the overrides; an
// analyst also sees the scenarios and simulations; an admin also manages the accounts.
enum class UserRole { collector, analyst, admin };

std::string_view to_string(UserRole role);
std::optional<UserRole> parse_user_role(std::string_view text);
// True when `role` has at least the rights of `needed` (collector < analyst < admin).
bool role_allows(UserRole role, UserRole needed);

struct UserAccount {
  std::string name;
  UserRole role = UserRole::collector;
  std::string password_hash;  // crypto_pwhash_str's output: algorithm, parameters, salt, hash
  Date created_on;
};

}  // namespace dun

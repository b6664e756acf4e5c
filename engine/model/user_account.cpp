#include "engine/model/user_account.hpp"

#include <array>

#include "stdlib/enum_names.hpp"

namespace dun {
namespace {

constexpr std::array<std::string_view, 3> kUserRoles = {"collector", "analyst", "admin"};

}  // namespace

std::string_view to_string(UserRole role) { return name_of(kUserRoles, role); }

std::optional<UserRole> parse_user_role(std::string_view text) {
  return parse_by_name<UserRole>(kUserRoles, text);
}

bool role_allows(UserRole role, UserRole needed) {
  return static_cast<int>(role) >= static_cast<int>(needed);
}

}  // namespace dun

#include "cli/args/user_names.hpp"

namespace dun::cli {

std::optional<std::string> user_name_problem(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-' || c == '@');
  }
  if (ok) return std::nullopt;
  return "user name '" + name + "' may hold only letters, digits and . _ - @ (1 to 64 of them)";
}

}  // namespace dun::cli

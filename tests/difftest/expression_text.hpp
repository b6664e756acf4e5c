// Helpers shared by the expression generator's files: every operand is written in parentheses.
#pragma once

#include <string>
#include <string_view>

namespace dun::difftest::text {

inline std::string paren(const std::string& inner) { return "(" + inner + ")"; }

inline std::string call(std::string_view name, const std::string& a) {
  return std::string(name) + "(" + a + ")";
}
inline std::string call(std::string_view name, const std::string& a, const std::string& b) {
  return std::string(name) + "(" + a + ", " + b + ")";
}

}  // namespace dun::difftest::text

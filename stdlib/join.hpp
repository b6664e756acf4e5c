// Texts joined with a separator ("I1, I2"; "INV-1;INV-2"), for messages and listings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dun {

inline std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

}  // namespace dun

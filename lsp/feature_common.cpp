// JSON shapes and URIs shared by the features.
#include <cctype>

#include "lsp/features.hpp"

namespace dun::lsp {

nlohmann::json position_json(Position position) {
  return {{"line", position.line}, {"character", position.character}};
}

nlohmann::json range_json(const dsl::SourceFile& file, std::size_t begin, std::size_t end) {
  return {{"start", position_json(to_lsp(file, begin))}, {"end", position_json(to_lsp(file, end))}};
}

std::optional<std::string> path_of_uri(const std::string& uri) {
  static constexpr std::string_view kScheme = "file://";
  if (!uri.starts_with(kScheme)) return std::nullopt;
  std::string path;
  for (std::size_t i = kScheme.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      path += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::string uri_of_path(const std::string& path) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string uri = "file://";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || std::string_view("/-_.~").find(c) != std::string_view::npos) {
      uri += c;
    } else {
      uri += '%';
      uri += kHex[byte >> 4];
      uri += kHex[byte & 0xF];
    }
  }
  return uri;
}

}  // namespace dun::lsp

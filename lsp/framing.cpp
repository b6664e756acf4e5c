#include "lsp/framing.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace dun::lsp {
namespace {

constexpr std::string_view kHeaderEnd = "\r\n\r\n";
constexpr std::size_t kMaxBody = std::size_t{256} << 20;  // 256 MB: beyond, a broken length

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The Content-Length of a header block, or nullopt.
std::optional<std::size_t> content_length(std::string_view headers) {
  while (!headers.empty()) {
    const std::size_t line_end = std::min(headers.find("\r\n"), headers.size());
    const std::string_view line = headers.substr(0, line_end);
    headers.remove_prefix(std::min(line_end + 2, headers.size()));
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (!equals_ignoring_case(trim(line.substr(0, colon)), "Content-Length")) continue;
    const std::string_view value = trim(line.substr(colon + 1));
    std::size_t length = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (error != std::errc() || end != value.data() + value.size() || length > kMaxBody) {
      return std::nullopt;
    }
    return length;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> MessageReader::next(std::string& problem) {
  const std::size_t header_end = buffer_.find(kHeaderEnd);
  if (header_end == std::string::npos) return std::nullopt;
  const std::optional<std::size_t> length =
      content_length(std::string_view(buffer_).substr(0, header_end));
  const std::size_t body_start = header_end + kHeaderEnd.size();
  if (!length) {
    problem = "a message header without a valid Content-Length was skipped";
    buffer_.erase(0, body_start);
    return std::nullopt;
  }
  if (buffer_.size() - body_start < *length) return std::nullopt;
  std::string body = buffer_.substr(body_start, *length);
  buffer_.erase(0, body_start + *length);
  return body;
}

std::string frame(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

}  // namespace dun::lsp

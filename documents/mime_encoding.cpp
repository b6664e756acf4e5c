#include "documents/mime_encoding.hpp"

#include <cstdint>

namespace dun::mime {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                            (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                            static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  if (i < bytes.size()) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 38 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string quoted_printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  std::size_t column = 0;
  auto emit = [&](std::string_view piece) {
    if (column + piece.size() > 75) {  // room for the soft break's '='
      out += "=\r\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\r\n";
      column = 0;
      continue;
    }
    const bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n';
    const bool plain =
        (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end);
    if (plain) {
      const char literal[2] = {static_cast<char>(c), '\0'};
      emit(literal);
    } else {
      // A UTF-8 character's bytes stay on one line: encode the whole sequence at once.
      std::size_t length = 1;
      if (c >= 0xF0)
        length = 4;
      else if (c >= 0xE0)
        length = 3;
      else if (c >= 0xC0)
        length = 2;
      std::string encoded;
      for (std::size_t k = 0; k < length && i + k < text.size(); ++k) {
        const auto byte = static_cast<unsigned char>(text[i + k]);
        encoded += '=';
        encoded += kHex[byte >> 4];
        encoded += kHex[byte & 15];
      }
      i += std::min(length, text.size() - i) - 1;
      emit(encoded);
    }
  }
  if (!text.empty() && text.back() != '\n') out += "\r\n";
  return out;
}

std::string header_text(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  // "=?UTF-8?B?" + base64 + "?=": 39 bytes of text make a 64-character word, so even the first
  // one, after "Subject: ", keeps its line within RFC 2047's 76 characters.
  constexpr std::size_t kMaxBytes = 39;
  std::string out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = std::min(begin + kMaxBytes, text.size());
    // Back off to a character boundary: a continuation byte never starts the next word.
    while (end < text.size() && end > begin + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(begin, end - begin)) + "?=";
    begin = end;
  }
  return out;
}

}  // namespace dun::mime

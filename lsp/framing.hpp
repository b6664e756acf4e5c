// The base protocol of LSP 3.17 (JSON-RPC 2.0 over a byte stream): each message is a header
// block ("Content-Length: N\r\n", optionally "Content-Type: …\r\n", then "\r\n") followed by N
// bytes of JSON. MessageReader cuts a stream fed in pieces into message bodies; a header block
// without a usable Content-Length is reported and skipped, so a client's mistake never stops the
// server. Not thread-safe: one reader per stream.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dun::lsp {

class MessageReader {
 public:
  void feed(std::string_view bytes) { buffer_.append(bytes); }

  // The next complete body, or nullopt when more bytes are needed. A malformed header block is
  // dropped and its problem put in `problem` (then the call returns nullopt and may be retried).
  std::optional<std::string> next(std::string& problem);

 private:
  std::string buffer_;
};

// A body with its header block.
std::string frame(std::string_view body);

}  // namespace dun::lsp

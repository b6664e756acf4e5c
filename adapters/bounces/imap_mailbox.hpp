// The bounce mailbox ([adapters.email] bounces, docs/delivery.md "Bounces"), read with libcurl's
// IMAP (RFC 9051): the UIDs of its unread messages, one message's bytes (which marks it read,
// \Seen), and putting a message back to unread when dun could not record what it said.
//
// An ImapMailbox owns one libcurl handle (the connection is reused between calls); it is not
// thread-safe: use it from one thread. The settings are copied in.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {

// The environment variables of the mailbox's login (never dun.toml: it ends up in repositories).
inline constexpr const char* kBouncesUserVariable = "DUN_BOUNCES_USER";
inline constexpr const char* kBouncesPasswordVariable = "DUN_BOUNCES_PASSWORD";

struct BounceMailboxSettings {
  // imaps://HOST[:PORT]/MAILBOX (implicit TLS, port 993), or imap://HOST[:PORT]/MAILBOX for a
  // loopback host only (no TLS: a test server, a local relay). The mailbox defaults to INBOX.
  std::string url;
  std::filesystem::path ca_file;  // empty: the system's trusted CAs
  std::int64_t timeout_seconds = 30;
};

// Checks a `bounces` URL as dun.toml writes it; returns it with the mailbox made explicit
// ("imaps://imap.example.com" → "imaps://imap.example.com/INBOX"), or says what is wrong.
Result<std::string> normalise_bounces_url(const std::string& url);

class ImapMailbox {
 public:
  // REQUIRES: settings.url passed normalise_bounces_url.
  ImapMailbox(BounceMailboxSettings settings, std::string user, std::string password);
  ~ImapMailbox();
  ImapMailbox(const ImapMailbox&) = delete;
  ImapMailbox& operator=(const ImapMailbox&) = delete;

  // UID SEARCH UNSEEN, in ascending order.
  Result<std::vector<std::uint64_t>> unseen();
  // The whole message (UID FETCH BODY[]): the server marks it \Seen.
  Result<std::string> fetch(std::uint64_t uid);
  // UID STORE -FLAGS (\Seen): read again by the next sync.
  Status mark_unseen(std::uint64_t uid);

 private:
  // One IMAP transfer on `url` (a custom command when `command` is not empty); the untagged
  // answer or the message lands in the returned string.
  Result<std::string> transfer(const std::string& url, const std::string& command);

  struct Handle;
  BounceMailboxSettings settings_;
  std::string user_;
  std::string password_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace dun::adapters

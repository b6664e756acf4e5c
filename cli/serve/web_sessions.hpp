// The workspace's sessions and its login throttle, in memory (a restart logs everyone out).
//
// A session is a random 256-bit token (libsodium's randombytes) sent as an HttpOnly,
// SameSite=Strict cookie; it carries the user's name and role and its own random CSRF token,
// which every form of the session must send back. Sessions end after 12 hours without a request,
// or at logout. The throttle allows 5 failed logins per client address per 15 minutes; a success
// clears the count.
//
// Thread-safe: every method takes the object's mutex (the HTTP server calls from its pool).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "engine/model/user_account.hpp"

namespace dun::cli {

struct WebSession {
  std::string user;
  UserRole role = UserRole::collector;
  std::string csrf;
};

class WebSessions {
 public:
  using Clock = std::chrono::steady_clock;

  // A new session for `user`; returns its token.
  std::string open(const std::string& user, UserRole role);
  // The session of `token` (and its idle time restarts), or none when unknown or expired.
  std::optional<WebSession> find(const std::string& token);
  void close(const std::string& token);

  // True while `address` has fewer than 5 failed logins in the last 15 minutes.
  bool login_allowed(const std::string& address);
  void login_failed(const std::string& address);
  void login_succeeded(const std::string& address);

 private:
  struct Entry {
    WebSession session;
    Clock::time_point last_seen;
  };
  struct Failures {
    int count = 0;
    Clock::time_point first;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> sessions_;
  std::map<std::string, Failures> failures_;
};

// 32 random bytes as 64 hex digits.
std::string random_token();
// Constant-time equality of two tokens (sodium_memcmp on equal lengths).
bool tokens_equal(const std::string& a, const std::string& b);

}  // namespace dun::cli

#include "cli/serve/web_sessions.hpp"

#include <sodium.h>

namespace dun::cli {
namespace {

constexpr auto kIdleLimit = std::chrono::hours(12);
constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr int kFailuresAllowed = 5;

}  // namespace

std::string random_token() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool tokens_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string WebSessions::open(const std::string& user, UserRole role) {
  std::string token = random_token();
  std::lock_guard lock(mutex_);
  sessions_[token] = Entry{WebSession{user, role, random_token()}, Clock::now()};
  return token;
}

std::optional<WebSession> WebSessions::find(const std::string& token) {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(token);
  if (found == sessions_.end()) return std::nullopt;
  const auto now = Clock::now();
  if (now - found->second.last_seen > kIdleLimit) {
    sessions_.erase(found);
    return std::nullopt;
  }
  found->second.last_seen = now;
  return found->second.session;
}

void WebSessions::close(const std::string& token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

bool WebSessions::login_allowed(const std::string& address) {
  std::lock_guard lock(mutex_);
  auto found = failures_.find(address);
  if (found == failures_.end()) return true;
  if (Clock::now() - found->second.first > kFailureWindow) {
    failures_.erase(found);
    return true;
  }
  return found->second.count < kFailuresAllowed;
}

void WebSessions::login_failed(const std::string& address) {
  std::lock_guard lock(mutex_);
  Failures& failures = failures_[address];
  if (failures.count == 0) failures.first = Clock::now();
  ++failures.count;
}

void WebSessions::login_succeeded(const std::string& address) {
  std::lock_guard lock(mutex_);
  failures_.erase(address);
}

}  // namespace dun::cli

#include "cli/args/password_hash.hpp"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace dun::cli {
namespace {

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

// One line typed at the terminal without echo.
std::string read_hidden_line(const char* prompt) {
  std::fprintf(stderr, "%s", prompt);
  termios saved{};
  const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  std::fprintf(stderr, "\n");
  return line;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  if (password.empty()) return Error{"the password is empty: type one (or pipe one on stdin)"};
  if (!sodium_ready()) return Error{"libsodium cannot be initialised"};
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error{"hashing the password failed: not enough memory for Argon2id"};
  }
  return std::string(hash);
}

bool password_matches(const std::string& hash, std::string_view password) {
  if (!sodium_ready()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<std::string> read_new_password(const std::string& user) {
  if (!isatty(STDIN_FILENO)) {
    std::string line;
    if (!std::getline(std::cin, line) || line.empty()) {
      return Error{"no password on stdin: pipe one line, or run in a terminal to type it"};
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  const std::string first = read_hidden_line(("password for " + user + ": ").c_str());
  const std::string second = read_hidden_line("the same again: ");
  if (first != second) return Error{"the two passwords differ: nothing was changed"};
  return first;
}

}  // namespace dun::cli

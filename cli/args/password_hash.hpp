// Passwords of the workspace's accounts: hashed with Argon2id through libsodium's
// crypto_pwhash_str (its encoded string carries the algorithm, parameters and salt), verified
// with crypto_pwhash_str_verify, which compares in constant time. A password is never kept.
//
// Thread-safe: libsodium is initialised once (sodium_init may be called from any thread).
#pragma once

#include <string>
#include <string_view>

#include "stdlib/result.hpp"

namespace dun::cli {

// Fails on an empty password, or when libsodium cannot allocate the hashing memory.
Result<std::string> hash_password(std::string_view password);
bool password_matches(const std::string& hash, std::string_view password);

// The password typed at the terminal (twice, not echoed) when stdin is a terminal, else the
// first line of stdin (scripts: `echo "$PW" | dun users add anna --role collector`).
Result<std::string> read_new_password(const std::string& user);

}  // namespace dun::cli

// The settings of an `[adapters.email] kind = "smtp"` table, validated once at config time so
// that every mistake names its dun.toml line (docs/adapters.md, "smtp"). No I/O besides checking
// that a ca_file exists: the connection is for check() and deliver().
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "adapters/adapter_settings.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters {

enum class SmtpTls {
  starttls,  // plain connect, then STARTTLS required before anything else (CURLUSESSL_ALL)
  implicit,  // TLS from the first byte (smtps://, port 465)
  none,      // no TLS at all: loopback hosts only (a local relay or a test server)
  // No `tls` key and a loopback host (the data-model.md example: host = "localhost", port =
  // 2525): STARTTLS when the server offers it, plain otherwise — the traffic never leaves the
  // machine. Any other host without `tls` gets `starttls` (required).
  opportunistic,
};

struct SmtpSettings {
  std::string host;
  int port = 587;
  SmtpTls tls = SmtpTls::starttls;
  std::string username;           // empty: no AUTH
  std::string password_variable;  // the environment variable holding the password
  std::filesystem::path ca_file;  // empty: the system's trusted CAs
  std::int64_t timeout_seconds = 30;
  std::string helo;  // empty: libcurl's default (this machine's name)
  // The bounce mailbox (imaps://HOST/MAILBOX, adapters/bounces/imap_mailbox.hpp); empty: none.
  std::string bounces;
};

Result<SmtpSettings> read_smtp_settings(const AdapterSettings& settings);

// "HOST:PORT", as messages name the server.
std::string host_and_port(const SmtpSettings& settings);

// localhost, 127.0.0.0/8 or ::1: the only hosts `tls = "none"` may talk to.
bool is_loopback_host(const std::string& host);

}  // namespace dun::adapters

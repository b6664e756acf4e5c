#include "adapters/smtp/smtp_settings.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "adapters/bounces/imap_mailbox.hpp"

namespace dun::adapters {
namespace {

constexpr std::string_view kDefaultPasswordVariable = "DUN_SMTP_PASSWORD";

constexpr std::array<std::string_view, 10> kKnownKeys = {
    "host", "port",   "from", "tls", "username", "password_env", "ca_file", "timeout_seconds",
    "helo", "bounces"};

constexpr std::array<std::string_view, 3> kTlsModes = {"starttls", "implicit", "none"};

bool is_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// An EHLO name goes into the URL's path and then onto the wire: a domain or an address
// literal, nothing that could end the command or the path.
bool is_helo_name(std::string_view name) {
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '[' ||
           c == ']' || c == ':';
  });
}

// A host as written: a name or an address, without a scheme, port or path. A colon is only
// for an IPv6 address ("smtp.example.com:25" is a mistake).
bool is_host_name(const std::string& host) {
  if (host.find(':') != std::string::npos) {
    in6_addr address{};
    return inet_pton(AF_INET6, host.c_str(), &address) == 1;
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

}  // namespace

std::string host_and_port(const SmtpSettings& settings) {
  return settings.host + ":" + std::to_string(settings.port);
}

bool is_loopback_host(const std::string& host) {
  if (host == "localhost") return true;
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) == 1) {
    return (ntohl(address.s_addr) >> 24) == 127;
  }
  in6_addr address6{};
  return inet_pton(AF_INET6, host.c_str(), &address6) == 1 && IN6_IS_ADDR_LOOPBACK(&address6);
}

Result<SmtpSettings> read_smtp_settings(const AdapterSettings& settings) {
  // A password in dun.toml would end up in a repository: say where it goes instead.
  if (settings.has("password")) {
    return settings.error_at("password",
                             "the password is never read from dun.toml: set it in the "
                             "environment variable named by password_env (default " +
                                 std::string(kDefaultPasswordVariable) + ")");
  }
  if (auto known = settings.only(kKnownKeys); !known) return known.error();

  SmtpSettings smtp;
  auto required_host = settings.required("host", "\"smtp.example.com\"");
  if (!required_host) return required_host.error();
  std::string host = std::move(required_host).value();
  // "[::1]" as in a URL: the brackets are ours to add.
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!is_host_name(host)) {
    return settings.error_at("host",
                             "must be a host name or address without scheme, port or "
                             "path (e.g. host = \"smtp.example.com\"), not \"" +
                                 host + "\"");
  }
  smtp.host = host;

  auto tls = settings.choice("tls", "starttls", kTlsModes);
  if (!tls) return tls.error();
  smtp.tls = *tls == "implicit" ? SmtpTls::implicit
             : *tls == "none"   ? SmtpTls::none
                                : SmtpTls::starttls;
  if (!settings.has("tls") && is_loopback_host(smtp.host)) smtp.tls = SmtpTls::opportunistic;
  if (smtp.tls == SmtpTls::none && !is_loopback_host(smtp.host)) {
    return settings.error_at(
        "tls",
        "\"none\" would send mail and passwords in clear: it is allowed only for a "
        "loopback host (localhost, 127.0.0.1, ::1), not \"" +
            smtp.host + "\"; use \"starttls\" or \"implicit\"");
  }

  auto port = settings.integer("port", smtp.tls == SmtpTls::implicit ? 465 : 587, 1, 65535);
  if (!port) return port.error();
  smtp.port = static_cast<int>(*port);

  smtp.username = settings.text("username", "");
  smtp.password_variable = settings.secret_variable("password_env", kDefaultPasswordVariable);
  if (!is_variable_name(smtp.password_variable)) {
    return settings.error_at("password_env",
                             "must be the name of an environment variable (letters, digits and "
                             "_), not \"" +
                                 smtp.password_variable + "\"");
  }

  if (settings.has("ca_file")) {
    smtp.ca_file = settings.path("ca_file", "");
    std::error_code error;
    if (!std::filesystem::is_regular_file(smtp.ca_file, error)) {
      return settings.error_at("ca_file", "no such file: " + smtp.ca_file.string() +
                                              " (a PEM file with the CA certificates to trust)");
    }
  }

  auto timeout = settings.integer("timeout_seconds", 30, 1, 3600);
  if (!timeout) return timeout.error();
  smtp.timeout_seconds = *timeout;

  if (settings.has("bounces")) {
    auto bounces = normalise_bounces_url(settings.text("bounces", ""));
    if (!bounces) return settings.error_at("bounces", bounces.error().message);
    smtp.bounces = std::move(bounces).value();
  }

  smtp.helo = settings.text("helo", "");
  if (!is_helo_name(smtp.helo)) {
    return settings.error_at("helo",
                             "must be a domain name (e.g. helo = \"mail.example.com\"), "
                             "not \"" +
                                 smtp.helo + "\"");
  }
  return smtp;
}

}  // namespace dun::adapters

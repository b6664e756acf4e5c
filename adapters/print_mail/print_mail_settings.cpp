#include "adapters/print_mail/print_mail_settings.hpp"

#include <array>
#include <cctype>
#include <fstream>

#include "adapters/print_mail/http_client.hpp"

namespace dun::adapters::print_mail {
namespace {

constexpr std::array<std::string_view, 7> kKeys = {
    "kind", "url", "api_key_env", "color", "duplex", "timeout_seconds", "ca_file"};

bool is_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

Result<std::string> read_url(const AdapterSettings& settings) {
  auto url = settings.required("url", "\"https://api.print-provider.example/v1\"");
  if (!url) return url.error();
  std::string base = *url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (url_origin(base).empty()) {
    return settings.error_at("url", "\"" + *url +
                                        "\" is not an http(s) URL (e.g. url = "
                                        "\"https://api.print-provider.example/v1\")");
  }
  if (base.rfind("https://", 0) != 0 && !is_loopback_url(base)) {
    return settings.error_at("url",
                             "must start with https:// (the letters and the API key "
                             "travel on it); plain http is accepted only on the loopback "
                             "interface (127.0.0.1, ::1, localhost)");
  }
  return base;
}

}  // namespace

Result<PrintMailSettings> read_print_mail_settings(const AdapterSettings& settings) {
  // A key written into dun.toml would end up in a repository: say where it goes instead.
  for (std::string_view secret : {"api_key", "key", "token", "password"}) {
    if (settings.has(secret)) {
      return settings.error_at(secret,
                               "the API key is never read from dun.toml: export it in "
                               "an environment variable and name that variable with "
                               "api_key_env (default " +
                                   std::string(kDefaultApiKeyVariable) + ")");
    }
  }
  if (auto known = settings.only(kKeys); !known) return known.error();

  PrintMailSettings out;
  auto url = read_url(settings);
  if (!url) return url.error();
  out.url = *url;

  out.api_key_variable = settings.secret_variable("api_key_env", kDefaultApiKeyVariable);
  if (!is_variable_name(out.api_key_variable)) {
    return settings.error_at("api_key_env",
                             "must name an environment variable (letters, digits "
                             "and '_'), e.g. api_key_env = \"" +
                                 std::string(kDefaultApiKeyVariable) + "\"");
  }
  auto print = read_print_options(settings);
  if (!print) return print.error();
  out.letter = *print;
  auto timeout = settings.integer("timeout_seconds", 30, 1, 600);
  if (!timeout) return timeout.error();
  out.timeout_seconds = static_cast<long>(*timeout);

  if (settings.has("ca_file")) {
    out.ca_file = settings.path("ca_file", "");
    if (!std::ifstream(out.ca_file).good()) {
      return settings.error_at("ca_file", "cannot read " + out.ca_file.string() +
                                              " (a PEM file of the certificate authorities "
                                              "that signed the provider's certificate)");
    }
  }
  return out;
}

}  // namespace dun::adapters::print_mail

#include "adapters/print_mail/print_mail_api.hpp"

#include <cctype>
#include <cstdlib>

namespace dun::adapters::print_mail {
namespace {

HttpOptions http_options(const PrintMailSettings& settings) {
  HttpOptions options;
  options.timeout_seconds = settings.timeout_seconds;
  options.ca_file = settings.ca_file;
  options.user_agent = "dun (print_mail adapter)";
  return options;
}

std::vector<std::string> common_headers(const std::string& key) {
  return {"Authorization: Bearer " + key, "Accept: application/json"};
}

}  // namespace

PrintMailApi::PrintMailApi(PrintMailSettings settings)
    : settings_(std::move(settings)), client_(http_options(settings_)) {}

std::optional<std::string> PrintMailApi::api_key() const {
  const char* value = std::getenv(settings_.api_key_variable.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

std::string PrintMailApi::missing_key_advice() const {
  return settings_.api_key_variable +
         " is not set: export it with the provider's API key (dun reads the key from the "
         "environment only)";
}

HttpResponse PrintMailApi::get(const std::string& path, const std::string& key) const {
  return client_.send({"GET", settings_.url + path, common_headers(key), ""});
}

HttpResponse PrintMailApi::post_json(const std::string& path, const std::string& key,
                                     std::string body, const std::string& idempotency_key) const {
  std::vector<std::string> headers = common_headers(key);
  headers.push_back("Content-Type: application/json");
  headers.push_back("Idempotency-Key: " + idempotency_key);
  return client_.send({"POST", settings_.url + path, std::move(headers), std::move(body)});
}

Result<HttpResponse> PrintMailApi::get_link(const std::string& link, const std::string& key) const {
  std::string url = link;
  if (link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0) {
    url = link.starts_with('/') ? url_origin(settings_.url) + link : settings_.url + "/" + link;
  }
  if (url_origin(url).empty()) return Error{"\"" + link + "\" is not an http(s) URL"};
  if (url.rfind("https://", 0) != 0 && !is_loopback_url(url)) {
    return Error{"\"" + link + "\" is not https"};
  }
  const bool same_origin = url_origin(url) == url_origin(settings_.url);
  return client_.send(
      {"GET", url, same_origin ? common_headers(key) : std::vector<std::string>{}, ""});
}

std::string path_segment(const std::string& id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace dun::adapters::print_mail

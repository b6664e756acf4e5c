// The requests of the print & mail API with what every one of them carries: the base URL, the
// bearer key read from the environment at the time of the request, JSON content negotiation.
#pragma once

#include <optional>
#include <string>

#include "adapters/print_mail/http_client.hpp"
#include "adapters/print_mail/print_mail_settings.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters::print_mail {

class PrintMailApi {
 public:
  explicit PrintMailApi(PrintMailSettings settings);

  const PrintMailSettings& settings() const { return settings_; }
  // The API key, nullopt when its environment variable is unset or empty.
  std::optional<std::string> api_key() const;
  // "set DUN_PRINT_MAIL_API_KEY to the provider's API key …": what to do when it is missing.
  std::string missing_key_advice() const;

  // `GET {url}{path}` / `POST {url}{path}` (a JSON body) with the key.
  HttpResponse get(const std::string& path, const std::string& key) const;
  HttpResponse post_json(const std::string& path, const std::string& key, std::string body,
                         const std::string& idempotency_key) const;
  // A URL the provider gave (absolute, or relative to the API's host), fetched with the key
  // only when it is on the API's own origin (a provider may link to a storage service).
  Result<HttpResponse> get_link(const std::string& link, const std::string& key) const;

 private:
  PrintMailSettings settings_;
  HttpClient client_;
};

// `id` as one URL path segment (percent-encoded).
std::string path_segment(const std::string& id);

}  // namespace dun::adapters::print_mail

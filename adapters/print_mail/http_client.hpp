// A small HTTP client over libcurl for the print & mail adapter: one request, one answer, and —
// what a delivery needs to know when there is no answer — whether the request may have reached
// the server. Thread safety: one HttpClient per thread (each request uses its own curl handle).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dun::adapters::print_mail {

struct HttpOptions {
  long timeout_seconds = 30;      // the whole exchange, connection included
  std::filesystem::path ca_file;  // empty: the system's certificate authorities
  std::string user_agent = "dun";
};

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // POST only
};

// Why there is no answer, in the terms of delivery: a request that certainly did not reach the
// server may be sent again freely; one that may have reached it only with the same
// Idempotency-Key.
enum class HttpFailure {
  none,        // an answer arrived (any status)
  not_sent,    // no connection (refused, unresolved, TLS handshake or certificate failed)
  maybe_sent,  // connected and the request started: timeout or connection lost before an answer
};

struct HttpResponse {
  HttpFailure failure = HttpFailure::none;
  std::string error;  // libcurl's explanation when failure != none
  long status = 0;
  std::string content_type;
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);
  HttpResponse send(const HttpRequest& request) const;

 private:
  HttpOptions options_;
};

// Whether `url` is an http(s) URL whose host is the loopback interface (127.0.0.1, ::1,
// localhost): plain http is accepted only there.
bool is_loopback_url(const std::string& url);
// "https://host:port" of an http(s) URL (empty when it is not one): the origin the API key may
// be sent to.
std::string url_origin(const std::string& url);

}  // namespace dun::adapters::print_mail

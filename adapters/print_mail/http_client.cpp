#include "adapters/print_mail/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <optional>

namespace dun::adapters::print_mail {
namespace {

// An answer larger than this is not a letter's status: stop reading rather than fill memory.
constexpr std::size_t kMaxResponseBytes = 64u << 20;

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (body->size() + bytes > kMaxResponseBytes) return 0;  // makes libcurl fail the transfer
  body->append(data, bytes);
  return bytes;
}

// Errors that happen before a single byte of the request can have been sent.
bool fails_before_sending(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_OUT_OF_MEMORY:
      return true;
    default:
      return false;
  }
}

// A failed transfer may have delivered the request when libcurl got as far as starting it (the
// pre-transfer phase, connection and TLS included, was over): a timeout while connecting is
// "not sent", a timeout while waiting for the answer is "maybe sent".
HttpFailure classify(CURLcode code, CURL* handle) {
  if (fails_before_sending(code)) return HttpFailure::not_sent;
  curl_off_t pretransfer = 0;
  if (curl_easy_getinfo(handle, CURLINFO_PRETRANSFER_TIME_T, &pretransfer) != CURLE_OK) {
    return HttpFailure::maybe_sent;
  }
  return pretransfer > 0 ? HttpFailure::maybe_sent : HttpFailure::not_sent;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// The scheme, host and port of an http(s) URL.
struct UrlParts {
  std::string scheme, host, port;
};

std::optional<UrlParts> split_url(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  auto part = [&](CURLUPart which) -> std::string {
    char* text = nullptr;
    if (curl_url_get(parsed.get(), which, &text, 0) != CURLUE_OK || text == nullptr) return "";
    std::string value(text);
    curl_free(text);
    return value;
  };
  UrlParts parts{lower(part(CURLUPART_SCHEME)), lower(part(CURLUPART_HOST)), part(CURLUPART_PORT)};
  if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
  if (parts.host.empty()) return std::nullopt;
  return parts;
}

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) { init_curl_once(); }

HttpResponse HttpClient::send(const HttpRequest& request) const {
  HttpResponse response;
  std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
  if (!handle) {
    response.failure = HttpFailure::not_sent;
    response.error = "libcurl could not start a transfer";
    return response;
  }
  CURL* curl = handle.get();
  char error_text[CURL_ERROR_SIZE] = {};
  // libcurl keeps pointers to the header list: it lives until the transfer is over.
  std::unique_ptr<curl_slist, HeaderListDeleter> headers;
  curl_slist* list = nullptr;
  for (const std::string& header : request.headers) list = curl_slist_append(list, header.c_str());
  // No "Expect: 100-continue" round trip before the PDF: the server answers once, after it all.
  list = curl_slist_append(list, "Expect:");
  headers.reset(list);

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  // Never follow a redirect: the API key must not travel to another address.
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  if (request.method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    response.failure = classify(code, curl);
    response.error = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  char* content_type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) response.content_type = content_type;
  return response;
}

bool is_loopback_url(const std::string& url) {
  const auto parts = split_url(url);
  if (!parts) return false;
  return parts->host == "127.0.0.1" || parts->host == "[::1]" || parts->host == "::1" ||
         parts->host == "localhost";
}

std::string url_origin(const std::string& url) {
  const auto parts = split_url(url);
  if (!parts) return "";
  std::string port = parts->port;
  if (port.empty()) port = parts->scheme == "https" ? "443" : "80";
  return parts->scheme + "://" + parts->host + ":" + port;
}

}  // namespace dun::adapters::print_mail

#include "adapters/smtp/smtp_session.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace dun::adapters {
namespace {

// curl_global_init is not thread-safe in libcurl 7.x: once, before the first handle.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// Where the callbacks write: the replies and the upload's progress.
struct SessionState {
  SmtpSessionResult result;
  std::string_view message;
  std::size_t offset = 0;
};

// libcurl hands every server reply line of SMTP to the header callback.
std::size_t on_reply(char* data, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<SessionState*>(user);
  std::string line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  state->result.replies.push_back(std::move(line));
  return size * count;
}

std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* state = static_cast<SessionState*>(user);
  const std::size_t left = state->message.size() - state->offset;
  const std::size_t n = std::min(left, size * count);
  std::memcpy(buffer, state->message.data() + state->offset, n);
  state->offset += n;
  // Handed once its last byte is: with the size announced (CURLOPT_INFILESIZE_LARGE) libcurl does
  // not always ask again for the 0 that would mark the end, and then sends the final dot.
  if (state->offset == state->message.size() && !state->result.message_handed) {
    state->result.message_handed = true;
    state->result.replies_before_end = state->result.replies.size();
  }
  return n;
}

std::string url_of(const SmtpSettings& settings) {
  std::string url = settings.tls == SmtpTls::implicit ? "smtps://" : "smtp://";
  // An IPv6 address needs brackets in a URL.
  const bool ipv6 = settings.host.find(':') != std::string::npos;
  url += ipv6 ? "[" + settings.host + "]" : settings.host;
  url += ":" + std::to_string(settings.port);
  // The URL's path is the name given in EHLO; without one libcurl uses this machine's name.
  if (!settings.helo.empty()) url += "/" + settings.helo;
  return url;
}

// What every session shares: where, how securely, as whom, how patiently.
void configure(CURL* curl, const SmtpSettings& settings,
               const std::optional<SmtpCredentials>& credentials, SessionState& state,
               char* error_buffer) {
  curl_easy_setopt(curl, CURLOPT_URL, url_of(settings).c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_reply);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &state);
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   settings.tls == SmtpTls::none            ? CURLUSESSL_NONE
                   : settings.tls == SmtpTls::opportunistic ? CURLUSESSL_TRY
                                                            : CURLUSESSL_ALL);
  if (!settings.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
  }
  if (credentials) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, credentials->username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, credentials->password.c_str());
  }
  // timeout_seconds bounds each wait: the connection, every reply, and a stalled upload (a
  // whole-transfer limit would cut a large message on a slow line).
  const long timeout = static_cast<long>(settings.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, timeout);
}

SmtpSessionResult perform(CURL* curl, SessionState& state, const char* error_buffer) {
  const CURLcode code = curl_easy_perform(curl);
  state.result.curl_code = static_cast<int>(code);
  if (code != CURLE_OK) {
    state.result.curl_message =
        error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code);
  }
  return std::move(state.result);
}

SmtpSessionResult no_handle() {
  SmtpSessionResult result;
  result.curl_code = static_cast<int>(CURLE_FAILED_INIT);
  result.curl_message = "libcurl could not start a session";
  return result;
}

}  // namespace

SmtpSessionResult smtp_send(const SmtpSettings& settings,
                            const std::optional<SmtpCredentials>& credentials,
                            const std::string& from, const std::vector<std::string>& to,
                            std::string_view message) {
  init_curl_once();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return no_handle();
  SessionState state;
  state.message = message;
  char error_buffer[CURL_ERROR_SIZE] = {};
  configure(curl.get(), settings, credentials, state, error_buffer);

  curl_slist* list = nullptr;
  for (const std::string& address : to) {
    curl_slist* longer = curl_slist_append(list, address.c_str());
    if (longer == nullptr) {
      curl_slist_free_all(list);
      return no_handle();
    }
    list = longer;
  }
  const std::unique_ptr<curl_slist, SlistDeleter> recipients(list);
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &state);
  curl_easy_setopt(curl.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  return perform(curl.get(), state, error_buffer);
}

SmtpSessionResult smtp_connect(const SmtpSettings& settings,
                               const std::optional<SmtpCredentials>& credentials) {
  init_curl_once();
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return no_handle();
  SessionState state;
  char error_buffer[CURL_ERROR_SIZE] = {};
  configure(curl.get(), settings, credentials, state, error_buffer);
  // CONNECT_ONLY stops after the protocol's connect phase, which for SMTP is the greeting,
  // EHLO, STARTTLS and AUTH; curl_easy_cleanup then says QUIT.
  curl_easy_setopt(curl.get(), CURLOPT_CONNECT_ONLY, 1L);
  return perform(curl.get(), state, error_buffer);
}

}  // namespace dun::adapters

#include "adapters/bounces/imap_mailbox.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>
#include <sstream>

#include "adapters/smtp/smtp_settings.hpp"

namespace dun::adapters {
namespace {

// A bounce is a few kilobytes (the original message may come back whole): stop far above that.
constexpr std::size_t kMaxMessageBytes = 32u << 20;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append(char* data, std::size_t size, std::size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (out->size() + bytes > kMaxMessageBytes) return 0;
  out->append(data, bytes);
  return bytes;
}

// The host of "scheme://[user@]host[:port]/path", brackets of an IPv6 address removed.
std::string host_of(const std::string& url) {
  const std::size_t begin = url.find("://") + 3;
  std::size_t end = url.find('/', begin);
  std::string authority =
      url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  if (const std::size_t at = authority.rfind('@'); at != std::string::npos) {
    authority = authority.substr(at + 1);
  }
  if (!authority.empty() && authority.front() == '[') {
    return authority.substr(1, authority.find(']') - 1);
  }
  return authority.substr(0, authority.find(':'));
}

}  // namespace

Result<std::string> normalise_bounces_url(const std::string& url) {
  const bool secure = url.starts_with("imaps://");
  if (!secure && !url.starts_with("imap://")) {
    return Error{
        "must be an IMAP URL, imaps://HOST[:PORT]/MAILBOX (e.g. bounces = "
        "\"imaps://imap.example.com/INBOX\"), not \"" +
        url + "\""};
  }
  const std::string host = host_of(url);
  if (host.empty()) return Error{"names no host: \"" + url + "\""};
  if (url.find('@') != std::string::npos && url.find('@') < url.find('/', url.find("://") + 3)) {
    return Error{"must not carry a user name: set " + std::string(kBouncesUserVariable) + " and " +
                 kBouncesPasswordVariable + " in the environment"};
  }
  if (!secure && !is_loopback_host(host)) {
    return Error{
        "imap:// would send the mailbox's password in clear: it is allowed only for a "
        "loopback host (localhost, 127.0.0.1, ::1), not \"" +
        host + "\"; use imaps://"};
  }
  if (url.find_first_of(" \t\r\n") != std::string::npos) {
    return Error{"must not contain spaces or line breaks: \"" + url + "\""};
  }
  const std::size_t path = url.find('/', url.find("://") + 3);
  if (path == std::string::npos) return url + "/INBOX";
  if (path + 1 == url.size()) return url + "INBOX";
  return url;
}

struct ImapMailbox::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

ImapMailbox::ImapMailbox(BounceMailboxSettings settings, std::string user, std::string password)
    : settings_(std::move(settings)),
      user_(std::move(user)),
      password_(std::move(password)),
      handle_(std::make_unique<Handle>()) {}

ImapMailbox::~ImapMailbox() = default;

Result<std::string> ImapMailbox::transfer(const std::string& url, const std::string& command) {
  init_curl_once();
  if (handle_->curl == nullptr) handle_->curl = curl_easy_init();
  CURL* curl = handle_->curl;
  if (curl == nullptr) return Error{"cannot start libcurl"};
  curl_easy_reset(curl);
  std::string answer;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, user_.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings_.timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!settings_.ca_file.empty()) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  }
  if (!command.empty()) curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.c_str());
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    std::string why = error[0] != '\0' ? error : curl_easy_strerror(code);
    if (code == CURLE_LOGIN_DENIED) {
      why +=
          " (check " + std::string(kBouncesUserVariable) + " and " + kBouncesPasswordVariable + ")";
    }
    return Error{"the bounce mailbox " + settings_.url + ": " + why};
  }
  return answer;
}

Result<std::vector<std::uint64_t>> ImapMailbox::unseen() {
  auto answer = transfer(settings_.url, "UID SEARCH UNSEEN");
  if (!answer) return answer.error();
  // "* SEARCH 3 7 12\r\n" (no number: nothing unread).
  std::vector<std::uint64_t> uids;
  std::istringstream lines(*answer);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string star, keyword;
    words >> star >> keyword;
    if (star != "*" || keyword != "SEARCH") continue;
    for (std::uint64_t uid; words >> uid;) uids.push_back(uid);
  }
  std::sort(uids.begin(), uids.end());
  return uids;
}

Result<std::string> ImapMailbox::fetch(std::uint64_t uid) {
  return transfer(settings_.url + ";UID=" + std::to_string(uid), "");
}

Status ImapMailbox::mark_unseen(std::uint64_t uid) {
  auto answer = transfer(settings_.url, "UID STORE " + std::to_string(uid) + " -FLAGS (\\Seen)");
  if (!answer) return answer.error();
  return Status::Ok();
}

}  // namespace dun::adapters

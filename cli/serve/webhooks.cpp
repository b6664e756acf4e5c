// The providers' tracking callbacks: POST /hooks/print-mail and /hooks/email (docs/workspace.md,
// "Webhooks"). A callback is signed with the shared secret ([serve] hook_secret, or
// DUN_HOOK_SECRET): X-Dun-Signature is "sha256=" and the hex HMAC-SHA256 of X-Dun-Timestamp, a
// dot and the body, compared in constant time; a timestamp more than 5 minutes away is refused,
// and so is a signature seen before (a replay). The event is recorded as `dun deliver --sync`
// records one (StateStore::record_tracking_event).
#include <sodium.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>

#include "adapters/adapter.hpp"
#include "cli/serve/workspace.hpp"

namespace dun::cli {
namespace {

constexpr std::int64_t kSkewSeconds = 300;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void answer(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_content(nlohmann::json{{"message", message}}.dump() + "\n", "application/json");
}

}  // namespace

std::string Workspace::hook_secret() const {
  const char* environment = std::getenv("DUN_HOOK_SECRET");
  if (environment != nullptr && *environment != '\0') return environment;
  return options_.config.serve.hook_secret;
}

void Workspace::hook(const httplib::Request& request, httplib::Response& response,
                     Channel channel) {
  const std::string secret = hook_secret();
  if (secret.empty()) {
    answer(response, 404, "the webhooks are off: set [serve] hook_secret (or DUN_HOOK_SECRET)");
    return;
  }
  const std::string stamp = request.get_header_value("X-Dun-Timestamp");
  const std::string signature = request.get_header_value("X-Dun-Signature");
  std::int64_t when = 0;
  try {
    when = std::stoll(stamp);
  } catch (const std::exception&) {
    answer(response, 401, "X-Dun-Timestamp is missing or not a number of seconds");
    return;
  }
  // Computed before looking at the signature's shape, so every refusal costs the same.
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  const std::string signed_text = stamp + "." + request.body;
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_text.data()),
                                signed_text.size());
  crypto_auth_hmacsha256_final(&state, mac);
  unsigned char given[crypto_auth_hmacsha256_BYTES] = {};
  std::size_t given_size = 0;
  const bool shaped = signature.starts_with("sha256=") &&
                      sodium_hex2bin(given, sizeof given, signature.data() + 7,
                                     signature.size() - 7, nullptr, &given_size, nullptr) == 0 &&
                      given_size == sizeof given;
  if (!shaped || crypto_verify_32(mac, given) != 0) {
    answer(response, 401,
           "bad signature: X-Dun-Signature must be sha256=HEX(HMAC-SHA256(secret, "
           "timestamp + \".\" + body))");
    return;
  }
  const std::int64_t now = now_seconds();
  if (when < now - kSkewSeconds || when > now + kSkewSeconds) {
    answer(response, 401, "stale timestamp: more than 5 minutes from this server's clock");
    return;
  }
  std::lock_guard lock(store_mutex_);
  notice_commits();
  std::erase_if(seen_hooks_,
                [&](const auto& seen) { return seen.second < now - 2 * kSkewSeconds; });
  if (!seen_hooks_.emplace(signature, when).second) {
    answer(response, 409, "replayed: this signed callback was received already");
    return;
  }
  nlohmann::json event = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (!event.is_object() || !event.contains("action") || !event["action"].is_string() ||
      !event.contains("status") || !event["status"].is_string()) {
    answer(response, 400, "the body must be a JSON object with \"action\" and \"status\"");
    return;
  }
  const std::string action_id = event["action"];
  const std::string status = event["status"];
  if (!adapters::parse_tracking_status(status)) {
    answer(response, 400,
           "status '" + status +
               "' is not one of accepted, printed, mailed, "
               "in_transit, delivered, returned, signed, refused, failed");
    return;
  }
  auto action = store_.find_action(action_id);
  if (!action || !*action || (*action)->channel != channel) {
    answer(response, 404, "no " + std::string(to_string(channel)) + " action " + action_id);
    return;
  }
  TrackingRecord record{status, event.value("occurred_at", std::string()),
                        event.value("provider_status", status), change_date()};
  WriteAccess writer = open_writer();
  if (!writer.store) {
    // Not received, as far as the provider is concerned: its retry (the same signature) must
    // be taken then.
    seen_hooks_.erase(signature);
    if (writer.status == 503) response.set_header("Retry-After", "30");
    answer(response, writer.status, writer.problem);
    return;
  }
  auto recorded = writer.store->record_tracking_event(action_id, record);
  if (!recorded) {
    answer(response, 409, recorded.error().message);
    return;
  }
  notice_commits();  // this request's own commit: the caches follow it
  response.set_content(nlohmann::json{{"recorded", *recorded}}.dump() + "\n", "application/json");
}

}  // namespace dun::cli

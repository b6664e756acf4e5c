#include "adapters/print_mail/print_mail_adapter.hpp"

#include <spdlog/spdlog.h>

#include "adapters/print_mail/letter_json.hpp"
#include "adapters/print_mail/letter_status.hpp"
#include "adapters/print_mail/print_mail_api.hpp"

namespace dun::adapters {
namespace print_mail {
namespace {

DeliveryReport outcome(DeliveryOutcome kind, std::string error) {
  return {kind, "", std::move(error)};
}

// What an answer to `POST /letters` means for the letter (docs/adapters.md, "print_mail").
DeliveryReport read_post_answer(const PrintMailApi& api, const HttpResponse& response) {
  const std::string& url = api.settings().url;
  switch (response.failure) {
    case HttpFailure::not_sent:
      return outcome(DeliveryOutcome::failed, "cannot reach " + url + ": " + response.error);
    case HttpFailure::maybe_sent:
      return outcome(DeliveryOutcome::uncertain,
                     "no answer from " + url + " after the letter was sent (" + response.error +
                         "); the next attempt sends it again with the same Idempotency-Key");
    case HttpFailure::none:
      break;
  }
  const long status = response.status;
  const std::string said = error_message(status, response.body);
  if (status >= 200 && status < 300) {
    auto letter = parse_letter(response.body);
    if (!letter) {
      return outcome(DeliveryOutcome::uncertain, "the provider accepted the letter (HTTP " +
                                                     std::to_string(status) + ") but " +
                                                     letter.error().message);
    }
    return {DeliveryOutcome::sent, letter->id, ""};
  }
  if (status == 409) {  // a request with this Idempotency-Key is still being processed
    return outcome(DeliveryOutcome::uncertain, "the provider answered HTTP 409: " + said);
  }
  if (status == 401 || status == 403) {  // the account, not the letter: fix the key, retry
    return outcome(DeliveryOutcome::failed, "the API key in " + api.settings().api_key_variable +
                                                " was refused (HTTP " + std::to_string(status) +
                                                "): " + said);
  }
  if (status == 408 || status == 429 || status >= 500) {
    return outcome(DeliveryOutcome::failed,
                   "the provider answered HTTP " + std::to_string(status) + ": " + said);
  }
  if (status >= 400) {
    return outcome(DeliveryOutcome::rejected, "the provider refused the letter (HTTP " +
                                                  std::to_string(status) + "): " + said);
  }
  return outcome(DeliveryOutcome::failed, "unexpected HTTP " + std::to_string(status) + " from " +
                                              url + " (redirects are not followed: check url)");
}

class PrintMailAdapter final : public Adapter {
 public:
  explicit PrintMailAdapter(PrintMailSettings settings) : api_(std::move(settings)) {}

  std::string_view kind() const override { return "print_mail"; }
  // Every request carries the action id as its Idempotency-Key: the provider keeps one letter.
  bool deduplicates_retries() const override { return true; }

  DeliveryReport deliver(const Action& action, const OutgoingDocument& document) override {
    if (action.channel != Channel::letter || document.content_type != kLetterContentType) {
      return outcome(DeliveryOutcome::rejected,
                     "print_mail delivers letters (PDF) only, not " + document.content_type);
    }
    const auto key = api_.api_key();
    if (!key) return outcome(DeliveryOutcome::failed, api_.missing_key_advice());
    const std::string body = letter_request_json(action, document, api_.settings().letter);
    return read_post_answer(api_, api_.post_json("/letters", *key, body, action.id));
  }

  CheckReport check() override {
    const auto key = api_.api_key();
    if (!key) return {false, api_.missing_key_advice()};
    const HttpResponse response = api_.get("/account", *key);
    if (response.failure != HttpFailure::none) {
      return {false, "cannot reach " + api_.settings().url + ": " + response.error};
    }
    if (response.status == 401 || response.status == 403) {
      return {false, "the API key in " + api_.settings().api_key_variable + " was refused"};
    }
    if (response.status < 200 || response.status >= 300) {
      return {false, "the provider answered HTTP " + std::to_string(response.status) + ": " +
                         error_message(response.status, response.body)};
    }
    auto name = parse_account_name(response.body);
    if (!name) return {false, name.error().message};
    return {true, "connected (account " + *name + ")"};
  }

  std::string describe(const Action& action) const override {
    return describe_print(api_.settings().letter, action);
  }

  bool tracks() const override { return true; }

  Result<TrackingUpdate> track(const Action& action) override;

 private:
  std::optional<std::string> fetch_proof(const Action& action, const std::string& link,
                                         const std::string& key) const;

  PrintMailApi api_;
};

Result<TrackingUpdate> PrintMailAdapter::track(const Action& action) {
  if (action.provider_ref.empty()) {
    return Error{"action " + action.id + " has no provider letter id to track"};
  }
  const auto key = api_.api_key();
  if (!key) return Error{api_.missing_key_advice()};
  const HttpResponse response = api_.get("/letters/" + path_segment(action.provider_ref), *key);
  const std::string letter_name = "letter " + action.provider_ref + " (action " + action.id + ")";
  if (response.failure != HttpFailure::none) {
    return Error{"cannot reach " + api_.settings().url + " for " + letter_name + ": " +
                 response.error};
  }
  if (response.status < 200 || response.status >= 300) {
    return Error{"the provider answered HTTP " + std::to_string(response.status) + " for " +
                 letter_name + ": " + error_message(response.status, response.body)};
  }
  auto letter = parse_letter(response.body);
  if (!letter) return Error{letter_name + ": " + letter.error().message};

  TrackingUpdate update;
  std::vector<std::string> unknown;
  update.events = tracking_events(*letter, unknown);
  for (const std::string& word : unknown) {
    spdlog::warn(
        "{}: the provider's status \"{}\" is not one dun knows; it is recorded with the "
        "letter's last known status",
        letter_name, word);
  }
  if (letter->proof_url) update.proof_pdf = fetch_proof(action, *letter->proof_url, *key);
  return update;
}

// The proof is fetched at every sync until it arrives; a failed download leaves the events
// recorded and is tried again next time, with a warning saying why.
std::optional<std::string> PrintMailAdapter::fetch_proof(const Action& action,
                                                         const std::string& link,
                                                         const std::string& key) const {
  auto response = api_.get_link(link, key);
  std::string problem;
  if (!response) {
    problem = response.error().message;
  } else if (response->failure != HttpFailure::none) {
    problem = response->error;
  } else if (response->status < 200 || response->status >= 300) {
    problem = "HTTP " + std::to_string(response->status);
  } else if (!response->body.starts_with("%PDF-")) {
    problem = "the document is not a PDF";
  } else {
    return std::move(response->body);
  }
  spdlog::warn(
      "action {}: the proof of delivery at {} could not be downloaded ({}); the next "
      "dun deliver --sync tries again",
      action.id, link, problem);
  return std::nullopt;
}

}  // namespace
}  // namespace print_mail

Result<std::unique_ptr<Adapter>> make_print_mail_adapter(const AdapterSettings& settings) {
  auto read = print_mail::read_print_mail_settings(settings);
  if (!read) return read.error();
  return std::unique_ptr<Adapter>(
      std::make_unique<print_mail::PrintMailAdapter>(std::move(read.value())));
}

}  // namespace dun::adapters

#include "adapters/print_mail/letter_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "documents/mime_encoding.hpp"

namespace dun::adapters::print_mail {
namespace {

using nlohmann::json;

json party_json(const Party& party, const std::string& country) {
  json out = {{"name", party.name}, {"address_lines", party.address_lines}};
  if (!country.empty()) out["country"] = country;
  return out;
}

// An electronic registered letter goes to an email address, where the recipient signs for it
// online, in their language: the document's envelope holds that address.
json recipient_json(const Action& action, const OutgoingDocument& document) {
  json out = party_json(document.recipient, document.recipient_country);
  if (action.letter_type == LetterType::electronic) {
    out["email"] = document.envelope_to.empty() ? json() : json(document.envelope_to.front());
    out["language"] = action.language;
  }
  return out;
}

std::optional<json> parse_object(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

std::string string_field(const json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return "";
  return found->get<std::string>();
}

}  // namespace

std::string_view api_letter_type(LetterType type) {
  switch (type) {
    case LetterType::standard:
      return "standard";
    case LetterType::registered:
      return "registered_ar";
    case LetterType::electronic:
      return "electronic_registered";
  }
  return "standard";
}

std::string letter_request_json(const Action& action, const OutgoingDocument& document,
                                const LetterOptions& options) {
  const json body = {
      {"reference", action.id},
      {"recipient", recipient_json(action, document)},
      {"sender", party_json(document.sender, "")},
      {"type", api_letter_type(action.letter_type.value_or(LetterType::standard))},
      {"color", options.color},
      {"duplex", options.duplex},
      {"postage", action.postage ? json(to_string(*action.postage)) : json()},
      {"metadata",
       {{"customer", action.customer},
        {"invoices", action.invoices},
        {"scenario", action.scenario},
        {"step", action.step}}},
      {"pdf", mime::base64(document.bytes)},
  };
  // Addresses are UTF-8 from the snapshot; an invalid byte becomes U+FFFD rather than an
  // exception in the middle of a delivery.
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<ProviderLetter> parse_letter(std::string_view body) {
  const auto object = parse_object(body);
  if (!object) return Error{"the provider's answer is not a JSON object"};
  ProviderLetter letter;
  letter.id = string_field(*object, "id");
  letter.status = string_field(*object, "status");
  if (letter.id.empty()) return Error{"the provider's answer has no letter \"id\""};
  if (auto events = object->find("events"); events != object->end() && events->is_array()) {
    for (const json& event : *events) {
      if (!event.is_object()) continue;
      ProviderEvent provider_event{string_field(event, "status"), string_field(event, "at")};
      if (!provider_event.status.empty()) letter.events.push_back(std::move(provider_event));
    }
  }
  if (std::string proof = string_field(*object, "proof_url"); !proof.empty()) {
    letter.proof_url = std::move(proof);
  }
  return letter;
}

Result<std::string> parse_account_name(std::string_view body) {
  const auto object = parse_object(body);
  if (!object) return Error{"the provider's account answer is not a JSON object"};
  std::string name = string_field(*object, "name");
  if (name.empty()) return Error{"the provider's account answer has no \"name\""};
  return name;
}

std::string error_message(long status, std::string_view body) {
  if (const auto object = parse_object(body)) {
    if (auto error = object->find("error"); error != object->end()) {
      if (error->is_string()) return error->get<std::string>();
      if (error->is_object()) {
        if (std::string message = string_field(*error, "message"); !message.empty()) {
          return message;
        }
      }
    }
    if (std::string message = string_field(*object, "message"); !message.empty()) return message;
  }
  // A plain-text or HTML error page: its first line, when it is readable.
  const std::string_view first_line = body.substr(0, std::min(body.find('\n'), std::size_t{200}));
  if (!first_line.empty() && mime::is_ascii(first_line)) {
    return "HTTP " + std::to_string(status) + ": " + std::string(first_line);
  }
  return "HTTP " + std::to_string(status);
}

}  // namespace dun::adapters::print_mail

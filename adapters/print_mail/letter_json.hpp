// The JSON of the generic print & mail API (docs/adapters.md, "print_mail"): the body of
// `POST /letters` built from an action and its rendered letter, and the provider's answers read
// back (a letter's id and status history, the account's name, an error's message). Reading never
// throws: a malformed answer is an Error saying what was expected.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/print_options.hpp"
#include "engine/model/action.hpp"
#include "stdlib/result.hpp"

namespace dun::adapters::print_mail {

using LetterOptions = PrintOptions;

// "standard", "registered_ar" (registered with acknowledgement of receipt) or
// "electronic_registered": the API's names for the action's letter type.
std::string_view api_letter_type(LetterType type);

// The body of `POST {url}/letters`: reference (the action id), recipient (with, for an electronic
// letter, the email address it goes to and the recipient's language), sender, type, color,
// duplex, postage (null: the provider's default), metadata (customer, invoices, scenario, step) and
// the PDF in base64.
std::string letter_request_json(const Action& action, const OutgoingDocument& document,
                                const LetterOptions& options);

// A status change as the provider reports it.
struct ProviderEvent {
  std::string status;
  std::string at;  // ISO 8601, may be empty
};

// `GET {url}/letters/{id}` (and, reduced to id and status, the answer to the POST).
struct ProviderLetter {
  std::string id;
  std::string status;
  std::vector<ProviderEvent> events;  // oldest first
  std::optional<std::string> proof_url;
};
Result<ProviderLetter> parse_letter(std::string_view body);

// `GET {url}/account`: the account's name.
Result<std::string> parse_account_name(std::string_view body);

// The provider's explanation in an error answer: `{"error": {"message": …}}`, `{"error": …}`
// or `{"message": …}`; otherwise the start of the body (at most 200 bytes) or the status text.
std::string error_message(long status, std::string_view body);

}  // namespace dun::adapters::print_mail

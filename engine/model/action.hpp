// The action model: what a fired step asks an adapter to do (data-model.md, "Actions"). An action
// keeps the same id (its idempotency key, action_id.hpp) from creation to its last status.
//
// An Action is a plain value: it owns all its text, points into nothing, and may be copied and
// moved freely. Nothing synchronises it; share one between threads only read-only. The enum
// words (to_string, parse_*) are those of the action JSON and of the state store's CHECK
// constraints (action_names.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/channel.hpp"
#include "stdlib/date.hpp"

namespace dun {

// The channel and the letter type are the language's (dsl/channel.hpp): one type from the
// scenario through the run to the adapters, with one table of their words.
using dsl::Channel;
using dsl::LetterType;
using dsl::parse_channel;
using dsl::parse_letter_type;
using dsl::parse_postage;
using dsl::Postage;
using dsl::to_string;

// `automatic` is the language's `auto` (a C++ keyword).
enum class ActionMode { automatic, confirm, task };
enum class ActionStatus { queued, sent, failed, pending_confirmation, cancelled, open, completed };

std::string_view to_string(ActionMode mode);
std::string_view to_string(ActionStatus status);
std::optional<ActionMode> parse_action_mode(std::string_view text);
std::optional<ActionStatus> parse_action_status(std::string_view text);

struct Action {
  std::string id;
  Date created_on;  // the date the step fired
  Date status_on;   // the date of the last status change: the JSON "date"
  std::string scenario;
  std::string step;
  int position = 0;  // the action's index among its step's actions
  Channel channel = Channel::email;
  std::optional<LetterType> letter_type;  // set exactly for letters
  std::optional<Postage> postage;         // paper letters only; nullopt: the adapter's default
  ActionMode mode = ActionMode::automatic;
  std::string customer;
  std::vector<std::string> invoices;  // sorted, no duplicates
  std::string template_name;          // empty for tasks
  std::string language;
  std::string to;  // empty when the channel has no recipient (tasks)
  std::vector<std::string> copy;
  ActionStatus status = ActionStatus::queued;
  // Delivery bookkeeping, kept in the outbox and not part of the JSON form.
  int attempts = 0;
  std::string last_error;
  std::string provider_ref;
  std::string payload;   // the rendered message or letter
  std::string tracking;  // the provider's latest tracking status (delivered, bounced, …)
  // When the next automatic delivery attempt is due (ISO UTC); empty: none (sent, or failed for
  // good: attempts exhausted or rejected). docs/delivery.md.
  std::string next_attempt_at;
  bool in_flight = false;  // an attempt was started and its outcome not recorded (a crash)
  bool uncertain = false;  // the last attempt's outcome is unknown: retried with the same bytes
  std::string proof_path;  // the proof document downloaded by `dun deliver --sync`
  // The adapter of the last attempt: its kind and its [adapters.NAME] ("print_mail", "letter").
  // `dun deliver --sync` asks only that adapter; empty: never attempted (or attempted before
  // dun recorded it: then the channel's adapter of the day is asked).
  std::string adapter_kind;
  std::string adapter_name;
  // What that adapter did with the document, as it reports it ("color, duplex, postage
  // priority"): `dun show` prints it.
  std::string delivery_settings;
};

}  // namespace dun

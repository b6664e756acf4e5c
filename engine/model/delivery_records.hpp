// What the delivery loop (adapters/deliver.hpp) records in the state store: the document kept for
// an action's attempts, the outcome of one attempt, and a tracking event pulled from a provider
// (docs/delivery.md). The engine knows nothing of adapters: these are plain records, owning their
// text, copyable, with no synchronisation of their own.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stdlib/date.hpp"

namespace dun {

// An action's rendered document as the outbox keeps it (table action_documents).
struct StoredDocument {
  std::string content_type;  // "message/rfc822" or "application/pdf"
  std::string bytes;
  std::string envelope;  // JSON: the SMTP envelope, the letter's addresses
};

// What one delivery attempt came to: what an adapter reports (adapters/adapter.hpp) and what the
// delivery loop records for the action (AttemptResult).
enum class DeliveryOutcome {
  sent,       // accepted by the server or provider (or written, for outboxes)
  failed,     // not delivered, and certainly not received: retried later with backoff
  rejected,   // not delivered and never will be as it is (bad recipient, refused document):
              // no retry; the action is failed at once
  uncertain,  // the outcome is unknown (the connection was lost after the document was sent):
              // retried only with the same document (same Message-ID / Idempotency-Key)
};
std::string_view to_string(DeliveryOutcome outcome);

struct AttemptResult {
  DeliveryOutcome outcome = DeliveryOutcome::failed;
  Date date;  // the date of the history events and of the action's status
  std::string provider_ref;
  std::string error;
  // Not sent: when the next automatic attempt is due (ISO UTC); empty: failed for good.
  std::string next_attempt_at;
};

// The adapter that made an attempt ([adapters.NAME] and its kind) and what it did with the
// document (print options, postage: Adapter::describe). All empty when no adapter was asked (the
// document could not be rendered, the attempt was interrupted): the action keeps what its last
// adapter recorded.
struct AttemptAdapter {
  std::string kind;
  std::string name;
  std::string settings;
};

// One normalised tracking event of a sent action (adapters' TrackingEvent, as text).
struct TrackingRecord {
  std::string status;           // accepted, printed, mailed, in_transit, delivered, …
  std::string occurred_at;      // as the provider reports it, may be empty
  std::string provider_status;  // the provider's own word
  Date recorded_on;
};

// What the daily run reads of delivery (docs/delivery.md, "What a scenario reads of delivery"),
// loaded from the state store before the day is planned: the scenario fields
// `invoice.last_letter_status` and `customer.email_bounced` are computed from it.
struct DeliveryFacts {
  // Invoice id → the status of its latest letter (not cancelled; by creation date, then the order
  // recorded): its latest tracking status, else its delivery status. No entry: no letter.
  std::unordered_map<std::string, std::string> last_letter_status;
  // Customer id → the addresses (lowercase) that bounced hard for it (a `bounced` status of an
  // email action sent to them). The run compares them with the customer's collection address of
  // the day, so correcting the address in the snapshot clears the flag.
  std::unordered_map<std::string, std::vector<std::string>> bounced_addresses;
};

}  // namespace dun

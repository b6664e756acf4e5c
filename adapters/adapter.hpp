// The one small interface every delivery adapter implements (architecture.md: "adapters: email
// (SMTP | .eml outbox), letter (print & mail HTTP | PDF outbox), task (agenda), jsonl — deliver
// from the outbox, record status").
//
// The engine writes actions to the outbox in the run's transaction; delivery happens afterwards
// (adapters/deliver.hpp): for each action still to deliver, the document (OutgoingDocument,
// documents/outgoing_document.hpp) is rendered once and
// kept in the outbox, the attempt is recorded, then the adapter of the action's channel is asked
// to deliver it. An adapter never touches the state store: it reports an outcome and the
// delivery loop records it. Because a retry hands the adapter the same bytes (the same
// Message-ID, the same PDF) and the same action id (the idempotency key), an adapter whose
// outcome was unknown can be asked again without the risk of two different letters.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/bounces/imap_mailbox.hpp"
#include "documents/outgoing_document.hpp"
#include "engine/model/action.hpp"
#include "engine/model/delivery_records.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {

struct DeliveryReport {
  // What the attempt came to (engine/model/delivery_records.hpp); the delivery loop records it.
  DeliveryOutcome outcome = DeliveryOutcome::failed;
  std::string provider_ref;  // the provider's id for the letter, the SMTP queue id, the file
  std::string error;         // why it is not sent (empty when sent)
  // The attempt never reached the server or provider (no connection, a name that does not
  // resolve, a timeout) or lost it without a reply: what the delivery loop's circuit breaker
  // counts (docs/delivery.md). A refusal by a server that answered is not.
  bool unreachable = false;
};

// `dun adapters check`: a live check (SMTP connect + EHLO + AUTH, the provider's account
// endpoint, the outbox folder writable).
struct CheckReport {
  bool connected = false;
  std::string detail;  // "connected" details (server, account) or the reason it is not
};

// Normalised tracking statuses of a sent letter or email, whatever the provider calls them
// (docs/delivery.md has the lifecycles). A paper letter: accepted (by the provider), printed,
// mailed, in_transit, delivered, then for a registered one signed (or returned, refused). An
// electronic registered letter (AR24's LRE vocabulary): accepted (by the provider), sent (to the
// recipient's address), awaiting_signature, then accepted (the recipient accepted it: with its
// proof), refused or neglected (not claimed in time).
enum class TrackingStatus {
  accepted,
  printed,
  mailed,
  in_transit,
  delivered,
  returned,
  signed_for,  // "signed": the acknowledgement of receipt was signed (`signed` is a C++ keyword)
  refused,
  failed,
  sent,
  awaiting_signature,
  neglected,
};
std::string_view to_string(TrackingStatus status);
std::optional<TrackingStatus> parse_tracking_status(std::string_view text);

struct TrackingEvent {
  TrackingStatus status = TrackingStatus::accepted;
  std::string occurred_at;      // as the provider reports it (ISO 8601), may be empty
  std::string provider_status;  // the provider's own word, kept for history
};

// What `dun deliver --sync` learns about one sent action: every event the provider knows (the
// delivery loop records only those it has not recorded yet) and, when the provider has one, the
// proof document (e.g. the signed acknowledgement of receipt, a PDF).
struct TrackingUpdate {
  std::vector<TrackingEvent> events;
  std::optional<std::string> proof_pdf;
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  // The `kind` of dun.toml this adapter implements ("smtp", "outbox", "print_mail", …).
  virtual std::string_view kind() const = 0;

  // Delivers one action's document. Never throws: every transport or file error is an outcome.
  virtual DeliveryReport deliver(const Action& action, const OutgoingDocument& document) = 0;

  // Whether the receiving side recognises a second delivery of the same document as the same one
  // (a provider's Idempotency-Key, a file written again under the same name): an attempt whose
  // outcome is unknown is then retried like a failure. Otherwise (SMTP: a second copy would reach
  // the customer) it is held until `dun deliver --retry-unknown` (docs/delivery.md).
  virtual bool deduplicates_retries() const { return false; }

  // Called at the start of every delivery pass, before its first attempt, while the pass holds
  // the store's lock (no other pass runs): finishes what an interrupted pass of this adapter left
  // (the outboxes remove abandoned temporary files; the letter outbox writes the batches a killed
  // pass did not). An error is reported as a problem of the pass; delivery goes on.
  virtual Status start_pass() { return Status::Ok(); }

  // Called once at the end of a delivery pass that delivered at least one action (the letter
  // outbox writes the pass's batch PDF there).
  virtual Status finish_pass() { return Status::Ok(); }

  virtual CheckReport check() = 0;

  // What this adapter does with `action`'s document beyond delivering it, in the words `dun show`
  // prints: a letter's print options and postage ("black and white, duplex, postage priority").
  // Recorded with each attempt; empty when there is nothing to say.
  virtual std::string describe(const Action& /*action*/) const { return ""; }

  // Tracking (`dun deliver --sync`) for an action this adapter sent (provider_ref set).
  virtual bool tracks() const { return false; }
  virtual Result<TrackingUpdate> track(const Action& /*action*/) { return TrackingUpdate{}; }

  // An email adapter's bounce mailbox ([adapters.email] bounces), where `dun deliver --sync`
  // reads the delivery status notifications (adapters/bounces/sync_bounces.hpp); none by default.
  virtual std::optional<BounceMailboxSettings> bounce_mailbox() const { return std::nullopt; }
};

}  // namespace dun::adapters

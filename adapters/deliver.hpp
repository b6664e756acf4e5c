// The delivery loop (docs/delivery.md): after the run's transaction, `dun deliver` and `dun send`,
// each action still to deliver goes to the adapter of its channel, exactly once:
//
//   1. the document is the one the outbox kept at the first attempt, or is rendered now;
//   2. begin_attempt keeps it and marks the attempt in flight (one transaction);
//   3. the adapter delivers it and reports sent | failed | rejected | uncertain;
//   4. finish_attempt records the outcome, with the next attempt's time after a failure.
//
// A crash between 2 and 4 leaves the attempt in flight: the next pass records it as uncertain
// before anything else, and the retry hands the adapter the same bytes and the same action id
// (Message-ID, Idempotency-Key), so a provider can tell it from a new letter. An adapter whose
// receiver cannot tell (SMTP) retries an unknown outcome only when asked (retry_unknown).
//
// An adapter that cannot be reached circuit_breaker_failures times in a row is not used again in
// the pass, and no attempt starts after the pass's deadline: one dead server cannot stall a run.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/adapter.hpp"
#include "adapters/delivery_clock.hpp"
#include "adapters/registry.hpp"
#include "documents/document_source.hpp"
#include "engine/base/config.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/result.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {

// Which actions a pass takes.
enum class DeliveryMode {
  // `dun run`: queued actions, and failed ones whose next attempt is due.
  after_run,
  // `dun deliver`, `dun send`: every queued or failed action not failed for good, at once.
  at_once,
};

struct DeliveryOptions {
  DeliveryMode mode = DeliveryMode::after_run;
  bool retry_exhausted = false;  // also the actions failed for good: one more attempt each
  // Also the actions whose last outcome is unknown at an adapter that does not deduplicate
  // retries (SMTP): `dun deliver --retry-unknown`, once the operator has checked they did not
  // arrive. The retry sends the same bytes (the same Message-ID).
  bool retry_unknown = false;
  // No attempt starts after this moment ([delivery] pass_timeout_seconds); none: no limit.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  TimePoint now;                          // the pass's clock (delivery_clock.hpp)
  DeliveryConfig policy;                  // max_attempts, backoff_seconds
  std::vector<std::string> only_actions;  // when not empty: only these ids (dun send)
};

struct DeliverySummary {
  std::size_t sent = 0;
  std::size_t failed = 0;     // not delivered this time; retried after the backoff
  std::size_t uncertain = 0;  // outcome unknown (of them, `interrupted` found in flight)
  std::size_t interrupted = 0;
  std::size_t exhausted = 0;  // failed for good this pass: rejected, or max_attempts reached
  std::size_t waiting = 0;    // failed earlier, next attempt not due yet
  // Outcome unknown at an adapter that does not deduplicate retries: held until --retry-unknown.
  std::size_t held_unknown = 0;
  // Not attempted this pass: the pass reached its deadline, or its adapter's circuit breaker
  // opened (problems says which); the next pass takes them.
  std::size_t postponed = 0;
  std::map<Channel, std::size_t> no_adapter;  // left queued: no [adapters.CHANNEL]
  std::size_t not_rendered = 0;               // left as they were: documents cannot be rendered
  // The actions failed for good this pass, with the reason: the run summary lists them.
  std::vector<std::pair<std::string, std::string>> gave_up;
  std::vector<std::string> problems;  // why documents cannot be rendered, finish_pass failures
};

// One pass over the outbox, holding the store's lock (the StateStore is a writer's,
// engine/store/store_lock.hpp): that lock is the lease of every attempt the pass starts, so an
// attempt found in flight is one whose process died (a live one would hold the lock) and is
// recorded as `interrupted`, an unknown outcome. `documents` renders the documents the outbox does
// not keep yet (documents/document_source.hpp). Fails only when the state store does (nothing
// half-recorded: each attempt's start and outcome are transactions of their own).
Result<DeliverySummary> deliver_pending(StateStore& store, const AdapterSet& adapters,
                                        DocumentSource& documents, const DeliveryOptions& options);

// When the next attempt is due after `attempts` attempts: now + base × 2^(attempts − 1), at most a
// day later; empty when attempts reached max_attempts (failed for good).
std::string next_attempt_time(TimePoint now, int attempts, const DeliveryConfig& policy);

struct SyncSummary {
  std::size_t tracked = 0;     // sent actions asked about
  std::size_t new_events = 0;  // tracking events not known before
  std::size_t proofs = 0;      // proof documents written
  // Sent actions whose adapter ("letter (outbox)") is no longer configured, by adapter: not
  // asked (never another adapter in its place), and not a failure.
  std::map<std::string, std::size_t> unreachable;
  std::vector<std::string> problems;
};

// `dun deliver --sync`: asks every adapter that tracks() about the sent actions it delivered
// (the [adapters.NAME] and kind recorded by their last attempt: never another adapter) whose fate
// is not settled yet, records the new tracking events, and writes each proof document
// once, atomically, to `proofs_folder`/ACTION_ID.pdf.
Result<SyncSummary> sync_tracking(StateStore& store, const AdapterSet& adapters,
                                  const std::filesystem::path& proofs_folder, Date today);

}  // namespace dun::adapters

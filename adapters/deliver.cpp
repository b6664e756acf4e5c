#include "adapters/deliver.hpp"

#include <algorithm>

#include "documents/stored_document.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {
namespace {

constexpr std::int64_t kMaxBackoffSeconds = 24 * 60 * 60;

bool failed_for_good(const Action& action) {
  return action.status == ActionStatus::failed && action.next_attempt_at.empty();
}

// Whether the pass attempts `action` now (its in-flight attempt already resolved).
bool due(const Action& action, const DeliveryOptions& options) {
  if (failed_for_good(action)) return options.retry_exhausted;
  if (action.status == ActionStatus::queued) return true;
  if (options.mode == DeliveryMode::at_once) return true;
  // ISO UTC times of one format compare as text.
  return action.next_attempt_at <= iso_utc(options.now);
}

class Pass {
 public:
  Pass(StateStore& store, DocumentSource& documents, const DeliveryOptions& options)
      : store_(store), documents_(documents), options_(options) {}

  DeliverySummary& summary() { return summary_; }

  // Records what the adapter `by` (or, when null, the lack of a document or an interrupted
  // attempt) said; `action` becomes the result.
  Status finish(Action& action, const DeliveryReport& report,
                const ConfiguredAdapter* by = nullptr) {
    const DeliveryOutcome outcome = report.outcome;
    AttemptResult result;
    result.outcome = outcome;
    result.date = date_of(options_.now);
    result.provider_ref = report.provider_ref;
    result.error = report.error;
    AttemptAdapter adapter;
    if (by != nullptr) adapter = {by->kind, by->name, by->adapter->describe(action)};
    if (outcome == DeliveryOutcome::failed || outcome == DeliveryOutcome::uncertain) {
      result.next_attempt_at =
          next_attempt_time(options_.now, action.attempts + 1, options_.policy);
    }
    auto finished = store_.finish_attempt(action.id, result, adapter);
    if (!finished) return finished.error();
    action = std::move(finished).value();
    if (outcome == DeliveryOutcome::sent) {
      ++summary_.sent;
    } else if (action.next_attempt_at.empty()) {
      ++summary_.exhausted;
      summary_.gave_up.emplace_back(action.id, action.last_error);
    } else if (outcome == DeliveryOutcome::uncertain) {
      ++summary_.uncertain;
    } else {
      ++summary_.failed;
    }
    return Status::Ok();
  }

  // The document to hand the adapter: the kept one, else rendered now. nullopt (with the reason
  // recorded) when it cannot be had.
  Result<std::optional<StoredDocument>> document(Action& action) {
    auto stored = store_.stored_document(action.id);
    if (!stored) return stored.error();
    if (*stored) return stored;
    if (!source_ready_) {
      source_ready_ = documents_.ready();
      if (!source_ready_->ok()) summary_.problems.push_back(source_ready_->error().message);
    }
    if (!source_ready_->ok()) {
      ++summary_.not_rendered;
      return std::optional<StoredDocument>();
    }
    auto rendered = documents_.render(action);
    if (!rendered) {
      // The action's own problem (its customer left the snapshot, no email address, …): a failed
      // attempt, retried with backoff (someone may fix the data), failed for good in the end.
      if (auto recorded =
              finish(action, {DeliveryOutcome::failed, "",
                              "cannot render the document: " + rendered.error().message});
          !recorded) {
        return recorded.error();
      }
      return std::optional<StoredDocument>();
    }
    return std::optional<StoredDocument>(to_stored(*rendered));
  }

 private:
  StateStore& store_;
  DocumentSource& documents_;
  const DeliveryOptions& options_;
  std::optional<Status> source_ready_;
  DeliverySummary summary_;
};

}  // namespace

std::string next_attempt_time(TimePoint now, int attempts, const DeliveryConfig& policy) {
  if (attempts >= policy.max_attempts) return "";
  std::int64_t delay = policy.backoff_seconds;
  for (int i = 1; i < attempts && delay < kMaxBackoffSeconds; ++i) delay *= 2;
  return iso_utc(now + std::chrono::seconds(std::min(delay, kMaxBackoffSeconds)));
}

Result<DeliverySummary> deliver_pending(StateStore& store, const AdapterSet& adapters,
                                        DocumentSource& documents, const DeliveryOptions& options) {
  Pass pass(store, documents, options);
  DeliverySummary& summary = pass.summary();
  if (adapters.for_channel(Channel::email) == nullptr &&
      adapters.for_channel(Channel::letter) == nullptr && options.only_actions.empty()) {
    // Nothing can be delivered: count what waits instead of reading every waiting action (an
    // outbox without adapters grows run after run).
    auto counts = store.count_to_deliver();
    if (!counts) return counts.error();
    for (const auto& [channel, count] : *counts) {
      summary.no_adapter[channel] = static_cast<std::size_t>(count);
    }
    return std::move(summary);
  }
  auto pending = store.actions_to_deliver();
  if (!pending) return pending.error();
  std::vector<Adapter*> used;  // in the order first used
  std::vector<Action> actions = std::move(pending).value();
  for (Action& action : actions) {
    if (!options.only_actions.empty() &&
        std::find(options.only_actions.begin(), options.only_actions.end(), action.id) ==
            options.only_actions.end()) {
      continue;
    }
    if (action.channel == Channel::task) continue;  // tasks live in the agenda
    const ConfiguredAdapter* configured = adapters.configured_for(action.channel);
    Adapter* adapter = configured != nullptr ? configured->adapter.get() : nullptr;
    if (adapter == nullptr) {
      ++summary.no_adapter[action.channel];
      continue;
    }
    if (action.in_flight) {
      // dun stopped after handing the document over and before recording the outcome.
      ++summary.interrupted;
      if (auto recorded =
              pass.finish(action, {DeliveryOutcome::uncertain, "",
                                   "interrupted during a delivery attempt: outcome unknown"});
          !recorded) {
        return recorded.error();
      }
    }
    if (!due(action, options)) {
      if (!failed_for_good(action)) ++summary.waiting;
      continue;
    }
    auto document = pass.document(action);
    if (!document) return document.error();
    if (!*document) continue;
    auto started = store.begin_attempt(action.id, **document);
    if (!started) return started.error();
    auto outgoing = from_stored(*started);
    DeliveryReport report;
    if (outgoing) {
      report = adapter->deliver(action, *outgoing);
      if (std::find(used.begin(), used.end(), adapter) == used.end()) used.push_back(adapter);
    } else {
      report = {DeliveryOutcome::failed, "", outgoing.error().message};
    }
    if (auto recorded = pass.finish(action, report, configured); !recorded) {
      return recorded.error();
    }
  }
  for (Adapter* adapter : used) {
    if (auto finished = adapter->finish_pass(); !finished) {
      summary.problems.push_back(std::string(adapter->kind()) + ": " + finished.error().message);
    }
  }
  return std::move(summary);
}

}  // namespace dun::adapters

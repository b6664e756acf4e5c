#include "adapters/deliver.hpp"

#include <algorithm>
#include <map>

#include "documents/stored_document.hpp"
#include "engine/base/fault_hook.hpp"
#include "stdlib/status.hpp"

namespace dun::adapters {
namespace {

constexpr std::int64_t kMaxBackoffSeconds = 24 * 60 * 60;

bool failed_for_good(const Action& action) {
  return action.status == ActionStatus::failed && action.next_attempt_at.empty();
}

// An unknown outcome at an adapter whose receiver would keep a second copy (SMTP).
bool held_as_unknown(const Action& action, const Adapter& adapter, const DeliveryOptions& options) {
  return action.status == ActionStatus::failed && action.uncertain && !failed_for_good(action) &&
         !adapter.deduplicates_retries() && !options.retry_unknown;
}

// Whether the pass attempts `action` now (its in-flight attempt already resolved).
bool due(const Action& action, const DeliveryOptions& options) {
  if (failed_for_good(action)) return options.retry_exhausted;
  if (action.status == ActionStatus::queued) return true;
  if (options.mode == DeliveryMode::at_once) return true;
  // ISO UTC times of one format compare as text.
  return action.next_attempt_at <= iso_utc(options.now);
}

// Counts each adapter's attempts in a row that could not reach its server; at the threshold the
// adapter is not used again in this pass.
class CircuitBreaker {
 public:
  explicit CircuitBreaker(int threshold) : threshold_(threshold) {}
  // After an attempt; true when this one opened the circuit.
  bool record(const Adapter* adapter, const DeliveryReport& report) {
    int& in_a_row = unreachable_in_a_row_[adapter];
    const bool unreachable = report.unreachable || report.outcome == DeliveryOutcome::uncertain;
    in_a_row = unreachable ? in_a_row + 1 : 0;
    return unreachable && in_a_row == threshold_;
  }
  bool open(const Adapter* adapter) const {
    auto found = unreachable_in_a_row_.find(adapter);
    return found != unreachable_in_a_row_.end() && found->second >= threshold_;
  }

 private:
  int threshold_;
  std::map<const Adapter*, int> unreachable_in_a_row_;
};

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
  for (const ConfiguredAdapter& configured : adapters.all()) {
    if (auto started = configured.adapter->start_pass(); !started) {
      summary.problems.push_back(std::string(configured.adapter->kind()) + ": " +
                                 started.error().message);
    }
  }
  auto pending = store.actions_to_deliver();
  if (!pending) return pending.error();
  std::vector<Adapter*> used;  // in the order first used
  std::vector<Action> actions = std::move(pending).value();
  CircuitBreaker breaker(options.policy.circuit_breaker_failures);
  bool deadline_reported = false;
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
    if (held_as_unknown(action, *adapter, options)) {
      ++summary.held_unknown;
      continue;
    }
    if (!due(action, options)) {
      if (!failed_for_good(action)) ++summary.waiting;
      continue;
    }
    if (breaker.open(adapter)) {
      ++summary.postponed;
      continue;
    }
    if (options.deadline && std::chrono::steady_clock::now() >= *options.deadline) {
      if (!deadline_reported) {
        summary.problems.push_back(
            "the pass reached its time limit ([delivery] pass_timeout_seconds = " +
            std::to_string(options.policy.pass_timeout_seconds) +
            "): the actions not attempted wait for the next pass (dun deliver)");
        deadline_reported = true;
      }
      ++summary.postponed;
      continue;
    }
    auto document = pass.document(action);
    if (!document) return document.error();
    if (!*document) continue;
    auto started = store.begin_attempt(action.id, **document);
    if (!started) return started.error();
    fault_point("delivery:after-begin");
    auto outgoing = from_stored(*started);
    DeliveryReport report;
    if (outgoing) {
      report = adapter->deliver(action, *outgoing);
      if (std::find(used.begin(), used.end(), adapter) == used.end()) used.push_back(adapter);
    } else {
      report = {DeliveryOutcome::failed, "", outgoing.error().message};
    }
    fault_point("delivery:after-deliver");
    if (auto recorded = pass.finish(action, report, configured); !recorded) {
      return recorded.error();
    }
    fault_point("delivery:after-finish");
    if (breaker.record(adapter, report)) {
      summary.problems.push_back(
          std::string(adapter->kind()) + ": " +
          std::to_string(options.policy.circuit_breaker_failures) +
          " attempts in a row could not reach the server (last: " + report.error +
          "); its other actions wait for the next pass ([delivery] circuit_breaker_failures)");
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

// Delivery in the state store: the document kept for an action's attempts, each attempt's start
// and outcome, tracking events and proofs (docs/delivery.md). Each method is one transaction.
#include "engine/store/state_store.hpp"
#include "engine/store/store_batch.hpp"
#include "engine/store/store_rows.hpp"

namespace dun {

namespace {

constexpr std::string_view kSelectDocument =
    "SELECT content_type, bytes, envelope FROM action_documents WHERE action_id = ?1";
// The first attempt's document is kept; a retry's is ignored (ON CONFLICT DO NOTHING), so the
// same bytes go out however many times the action is tried.
constexpr std::string_view kKeepDocument = R"sql(
INSERT INTO action_documents (action_id, content_type, bytes, envelope) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (action_id) DO NOTHING)sql";
constexpr std::string_view kStartAttempt = R"sql(
UPDATE actions SET in_flight = 1
WHERE id = ?1 AND (status = 'queued' OR status = 'failed') AND in_flight = 0)sql";
// Only an action still to deliver takes an outcome; the WHERE makes the check and the change one
// step.
constexpr std::string_view kFinishAttempt = R"sql(
UPDATE actions SET status = ?2, status_on = ?3, attempts = attempts + 1, last_error = ?4,
                   provider_ref = coalesce(?5, provider_ref), next_attempt_at = ?6,
                   in_flight = 0, uncertain = ?7, adapter_kind = coalesce(?8, adapter_kind),
                   adapter_name = coalesce(?9, adapter_name),
                   delivery_settings = CASE WHEN ?8 IS NULL THEN delivery_settings ELSE ?10 END
WHERE id = ?1 AND (status = 'queued' OR status = 'failed'))sql";
constexpr std::string_view kInsertTracking = R"sql(
INSERT INTO tracking_events (action_id, status, occurred_at, provider_status, recorded_on)
SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM actions WHERE id = ?1 AND status = 'sent')
ON CONFLICT (action_id, status, occurred_at) DO NOTHING)sql";
constexpr std::string_view kSetTracking = "UPDATE actions SET tracking = ?2 WHERE id = ?1";
constexpr std::string_view kSelectTracking = R"sql(
SELECT status, occurred_at, provider_status, recorded_on FROM tracking_events
WHERE action_id = ?1 ORDER BY occurred_at, recorded_on, status)sql";
constexpr std::string_view kSetProof = "UPDATE actions SET proof_path = ?2 WHERE id = ?1";

ChangeBatch delivery_events(const Action& action, Date date, const std::string& detail) {
  ChangeBatch events;
  for (const std::string& invoice : action.invoices) {
    events.add_event({invoice, action.customer, date, EventKind::delivery, detail});
  }
  return events;
}

// "email failed (attempt 1): 421 try later; next attempt 2026-11-21T10:01:00Z"
std::string attempt_detail(const Action& action, const AttemptResult& result) {
  std::string detail = std::string(to_string(action.channel)) + " ";
  detail += result.outcome == DeliveryOutcome::uncertain ? "outcome unknown"
                                                         : std::string(to_string(result.outcome));
  detail += " (attempt " + std::to_string(action.attempts) + ")";
  if (!result.provider_ref.empty()) detail += ", ref " + result.provider_ref;
  if (!result.error.empty()) detail += ": " + result.error;
  if (result.outcome == DeliveryOutcome::sent) return detail;
  if (result.next_attempt_at.empty()) return detail + "; failed for good";
  detail += "; next attempt " + result.next_attempt_at;
  if (result.outcome == DeliveryOutcome::uncertain) detail += " with the same document";
  return detail;
}

Result<Action> existing_action(StateStore& store, const std::string& action_id) {
  auto found = store.find_action(action_id);
  if (!found) return found.error();
  if (!*found) return Error{"there is no action " + action_id + " in the outbox"};
  return std::move(found.value()).value();
}

Error not_deliverable(const Action& action) {
  return Error{"action " + action.id + " is " + std::string(to_string(action.status)) +
               (action.in_flight ? " with an attempt in flight" : "") +
               ": only a queued or failed action can be delivered"};
}

}  // namespace

namespace store_rows {

Status keep_document(sqlite::Database& database, const std::string& action_id,
                     const StoredDocument& document) {
  auto keep = database.prepare(kKeepDocument);
  if (!keep) return keep.error();
  keep.value()
      .bind(1, action_id)
      .bind(2, document.content_type)
      .bind_blob(3, document.bytes)
      .bind(4, document.envelope);
  return keep.value().run();
}

}  // namespace store_rows

Result<std::optional<StoredDocument>> StateStore::stored_document(const std::string& action_id) {
  auto select = database_.prepare(kSelectDocument);
  if (!select) return select.error();
  select.value().bind(1, action_id);
  auto row = select.value().step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredDocument>();
  StoredDocument document{std::string(select.value().column_text(0)),
                          std::string(select.value().column_blob(1)),
                          std::string(select.value().column_text(2))};
  select.value().reset();
  return std::optional<StoredDocument>(std::move(document));
}

Result<StoredDocument> StateStore::begin_attempt(const std::string& action_id,
                                                 const StoredDocument& document) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto start = database_.prepare(kStartAttempt);
  if (!start) return start.error();
  if (auto started = start.value().bind(1, action_id).run(); !started) return started.error();
  if (database_.changes() != 1) {
    auto action = existing_action(*this, action_id);
    if (!action) return action.error();
    return not_deliverable(*action);
  }
  if (auto kept = store_rows::keep_document(database_, action_id, document); !kept) {
    return kept.error();
  }
  auto stored = stored_document(action_id);
  if (!stored) return stored.error();
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return std::move(stored.value()).value();
}

Result<Action> StateStore::finish_attempt(const std::string& action_id, const AttemptResult& result,
                                          const AttemptAdapter& by) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto update = database_.prepare(kFinishAttempt);
  if (!update) return update.error();
  const bool sent = result.outcome == DeliveryOutcome::sent;
  update.value()
      .bind(1, action_id)
      .bind(2, to_string(sent ? ActionStatus::sent : ActionStatus::failed))
      .bind(3, result.date.to_string())
      .bind_or_null(4, result.error)
      .bind_or_null(5, result.provider_ref)
      .bind_or_null(6, sent ? std::string_view() : std::string_view(result.next_attempt_at))
      .bind(7, std::int64_t{result.outcome == DeliveryOutcome::uncertain})
      .bind_or_null(8, by.kind)
      .bind_or_null(9, by.name)
      .bind_or_null(10, by.settings);
  if (auto updated = update.value().run(); !updated) return updated.error();
  const bool changed = database_.changes() == 1;
  auto action = existing_action(*this, action_id);
  if (!action) return action.error();
  if (!changed) return not_deliverable(*action);
  const ChangeBatch events = delivery_events(*action, result.date, attempt_detail(*action, result));
  if (auto written = write_outside_run(database_, events); !written) return written.error();
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return action;
}

Result<bool> StateStore::record_tracking_event(const std::string& action_id,
                                               const TrackingRecord& event) {
  auto transaction = sqlite::Transaction::begin(database_);
  if (!transaction) return transaction.error();
  auto insert = database_.prepare(kInsertTracking);
  if (!insert) return insert.error();
  insert.value()
      .bind(1, action_id)
      .bind(2, event.status)
      .bind(3, event.occurred_at)
      .bind(4, event.provider_status)
      .bind(5, event.recorded_on.to_string());
  if (auto inserted = insert.value().run(); !inserted) return inserted.error();
  const bool recorded = database_.changes() == 1;
  auto action = existing_action(*this, action_id);
  if (!action) return action.error();
  if (!recorded) {
    if (action->status != ActionStatus::sent) {
      return Error{"action " + action_id + " is " + std::string(to_string(action->status)) +
                   ": only a sent action has tracking statuses"};
    }
    return false;  // already known
  }
  auto set = database_.prepare(kSetTracking);
  if (!set) return set.error();
  if (auto updated = set.value().bind(1, action_id).bind(2, event.status).run(); !updated) {
    return updated.error();
  }
  std::string detail = std::string(to_string(action->channel)) + " tracking: " + event.status;
  if (!event.occurred_at.empty()) detail += " at " + event.occurred_at;
  if (!event.provider_status.empty()) detail += " (provider: " + event.provider_status + ")";
  if (auto written =
          write_outside_run(database_, delivery_events(*action, event.recorded_on, detail));
      !written) {
    return written.error();
  }
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return true;
}

Result<std::vector<TrackingRecord>> StateStore::tracking_events(const std::string& action_id) {
  return store_rows::select_all<TrackingRecord>(
      database_, kSelectTracking,
      [](const sqlite::Statement& row, std::string_view file_name) -> Result<TrackingRecord> {
        auto recorded = store_rows::read_date(row, 3, file_name);
        if (!recorded) return recorded.error();
        return TrackingRecord{std::string(row.column_text(0)), std::string(row.column_text(1)),
                              std::string(row.column_text(2)), *recorded};
      },
      action_id);
}

Status StateStore::set_proof_path(const std::string& action_id, const std::string& path) {
  auto set = database_.prepare(kSetProof);
  if (!set) return set.error();
  if (auto updated = set.value().bind(1, action_id).bind(2, path).run(); !updated) {
    return updated.error();
  }
  if (database_.changes() != 1) return Error{"there is no action " + action_id + " in the outbox"};
  return Status::Ok();
}

}  // namespace dun

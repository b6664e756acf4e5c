// One action as the outbox knows it, for `dun show ACTION_ID` and the workspace's document view:
// the action, the document kept at its first delivery attempt (the .eml or PDF exactly as sent),
// its tracking events in the order they occurred, and its proof's path (on the action).
//
// An action is found by its id or by a unique prefix of it (at least kMinActionIdPrefix
// characters, as git takes a commit's), so that an id copied from `dun history` may be cut short.
//
// ActionRecord owns all its data. find_action_record reads through the caller's StateStore (one
// thread at a time on a connection), writes nothing and keeps nothing.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/action.hpp"
#include "engine/model/delivery_records.hpp"
#include "engine/store/state_store.hpp"
#include "stdlib/result.hpp"

namespace dun {

inline constexpr std::size_t kMinActionIdPrefix = 6;

struct ActionRecord {
  Action action;
  // Kept at the first delivery attempt and never changed after (a retry sends the same bytes);
  // nullopt before any attempt (queued, awaiting confirmation) and for tasks.
  std::optional<StoredDocument> document;
  std::vector<TrackingRecord> tracking;  // in the order they occurred
};

// nullopt when no action has that id (nor, for kMinActionIdPrefix characters or more, starts
// with it). An error when a prefix matches several actions (naming some of them) or the store
// fails.
Result<std::optional<ActionRecord>> find_action_record(StateStore& store,
                                                       std::string_view id_or_prefix);

}  // namespace dun

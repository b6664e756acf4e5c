#include "engine/analyst/action_record.hpp"

namespace dun {
namespace {

// How many matches of an ambiguous prefix the message names.
constexpr std::int64_t kNamedMatches = 5;

// The full id `id_or_prefix` stands for; empty when none.
Result<std::string> resolve_id(StateStore& store, std::string_view id_or_prefix) {
  auto exact = store.find_action(std::string(id_or_prefix));
  if (!exact) return exact.error();
  if (*exact) return std::string(id_or_prefix);
  if (id_or_prefix.size() < kMinActionIdPrefix) return std::string();
  auto matches = store.action_ids_starting_with(id_or_prefix, kNamedMatches + 1);
  if (!matches) return matches.error();
  if (matches->size() == 1) return matches->front();
  if (matches->empty()) return std::string();
  std::string named;
  for (std::size_t i = 0; i < matches->size() && i < kNamedMatches; ++i) {
    named += (i == 0 ? "" : ", ") + (*matches)[i];
  }
  if (matches->size() > kNamedMatches) named += ", …";
  return Error{"the action id prefix '" + std::string(id_or_prefix) +
               "' matches several actions (" + named + "): give more of the id"};
}

}  // namespace

Result<std::optional<ActionRecord>> find_action_record(StateStore& store,
                                                       std::string_view id_or_prefix) {
  auto id = resolve_id(store, id_or_prefix);
  if (!id) return id.error();
  if (id->empty()) return std::optional<ActionRecord>();
  auto action = store.find_action(*id);
  if (!action) return action.error();
  if (!*action) return std::optional<ActionRecord>();
  auto document = store.stored_document(*id);
  if (!document) return document.error();
  auto tracking = store.tracking_events(*id);
  if (!tracking) return tracking.error();
  return std::optional<ActionRecord>(ActionRecord{
      std::move(action.value()).value(), std::move(document).value(), std::move(tracking).value()});
}

}  // namespace dun
